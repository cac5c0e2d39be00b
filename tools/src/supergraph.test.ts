import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@hub/kit';
import { apiSchemaOf, breakingChanges, checkOperations } from './supergraph';

const committed = readFileSync(join(repoRoot(), 'schema', 'supergraph.graphql'), 'utf8');
const sdlOf = (name: string) => readFileSync(join(repoRoot(), 'schema', 'subgraphs', `${name}.graphql`), 'utf8');

describe('pnpm schema:check', () => {
  it('finds every dashboard operation valid against the committed supergraph', () => {
    expect(checkOperations(apiSchemaOf(committed))).toEqual([]);
  });

  it("checks the web app's operations next to its views, and names the view a schema change breaks", () => {
    const web = join(repoRoot(), 'web', 'src');
    expect(checkOperations(apiSchemaOf(committed), web)).toEqual([]);
    // CreditStanding.grade (the field after `score`, with its description), which the leader's joined view reads.
    const withoutGrade = committed.replace(/(deductions in force on asOf\."""\n\s*score: Int!\n)(\s*"""[\s\S]*?"""\n)?\s*grade: CreditGrade!\n/, '$1');
    expect(withoutGrade).not.toBe(committed);
    const problems = checkOperations(apiSchemaOf(withoutGrade), web);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'leader/leader.graphql', operation: 'JoinedProjects' }));
  });

  it('validates an operation with a fragment another folder defines, from the file its `#import` line names (as codegen reads it)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'operations-'));
    try {
      mkdirSync(join(dir, 'shared'));
      mkdirSync(join(dir, 'portal'));
      writeFileSync(join(dir, 'portal', 'portal.graphql'), '#import "../shared/unit.graphql"\nquery Units {\n  departments {\n    ...Unit\n  }\n}\n');
      writeFileSync(join(dir, 'shared', 'unit.graphql'), 'fragment Unit on Department {\n  code\n  nameZh\n}\n');
      const api = apiSchemaOf(committed);
      expect(checkOperations(api, dir)).toEqual([]);
      writeFileSync(join(dir, 'shared', 'unit.graphql'), 'fragment Unit on Department {\n  code\n  shortName\n}\n');
      expect(checkOperations(api, dir)).toEqual([
        { file: 'portal/portal.graphql', operation: 'Units', message: 'Cannot query field "shortName" on type "Department".' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('names the dashboard operation a removed field breaks, and lists the breaking change', () => {
    const withoutNextSteps = sdlOf('projects').replace(/^\s*"""Steps the trading center may record next\."""\n\s*nextSteps: \[String!\]!\n/m, '\n');
    expect(withoutNextSteps).not.toContain('nextSteps');
    const result = composeServices([{ name: 'projects', url: 'http://x', typeDefs: parse(withoutNextSteps) }]);
    expect(result.errors).toBeUndefined();
    const problems = checkOperations(apiSchemaOf(result.supergraphSdl!));
    expect(problems).toContainEqual({
      file: 'projects-dashboard.graphql',
      operation: 'ProjectDetail',
      message: 'Cannot query field "nextSteps" on type "Project".',
    });
    expect(breakingChanges(committed, result.supergraphSdl!)).toContain('FIELD_REMOVED: Project.nextSteps was removed.');
  });
});
