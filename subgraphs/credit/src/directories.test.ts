import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { subgraph as cases } from '../../cases/src/server';
import { subgraph as projects } from '../../projects/src/server';
import { AGENCIES_OF_YEAR, CASES_AGAINST, PRACTITIONER_NAMES, PROJECTS_BY_ID } from './directories';
import { PROJECT_MANAGERS_QUERY, PROJECTS_QUERY } from './seed';

/** Contract: what credit asks the other subgraphs is valid against their schemas as built from their code. */
describe('operations credit sends to other subgraphs', () => {
  it('are valid on the projects subgraph', async () => {
    const schema = await projects.buildSchema();
    for (const operation of [PROJECTS_BY_ID, AGENCIES_OF_YEAR, PROJECTS_QUERY, PROJECT_MANAGERS_QUERY, PRACTITIONER_NAMES]) {
      expect(validate(schema, parse(operation)).map((e) => e.message)).toEqual([]);
    }
  });

  it('are valid on the cases subgraph', async () => {
    const schema = await cases.buildSchema();
    expect(validate(schema, parse(CASES_AGAINST)).map((e) => e.message)).toEqual([]);
  });
});
