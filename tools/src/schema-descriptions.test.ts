import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@hub/kit';
import { undescribedCoordinates } from './schema-descriptions';
import { apiSchemaOf } from './supergraph';

describe('undescribedCoordinates (pnpm schema:check)', () => {
  it('names every undescribed type, field, argument, input field and enum value', () => {
    const schema = buildSchema(/* GraphQL */ `
      type Query {
        "Described."
        cases("Described." status: Status, filter: Filter): [Case!]!
        open: Int
      }
      type Case {
        id: ID!
      }
      "Described."
      enum Status {
        "Described."
        OPEN
        CLOSED
      }
      "Described."
      input Filter {
        text: String
      }
      scalar LocalDate
    `);
    expect(undescribedCoordinates(schema)).toEqual(['Query.cases(filter:)', 'Query.open', 'Case', 'Case.id', 'Status.CLOSED', 'Filter.text', 'LocalDate']);
  });

  it('leaves out the root types themselves, built-in scalars and the connection boilerplate', () => {
    const schema = buildSchema(/* GraphQL */ `
      type Query {
        "Described."
        cases: CaseConnection!
      }
      type CaseConnection {
        edges: [CaseEdge!]!
        pageInfo: PageInfo!
      }
      type CaseEdge {
        cursor: String!
      }
      type PageInfo {
        hasNextPage: Boolean!
      }
    `);
    expect(undescribedCoordinates(schema)).toEqual([]);
  });

  it('finds the committed API schema fully described, and a removed description named', () => {
    const committed = readFileSync(join(repoRoot(), 'schema', 'supergraph.graphql'), 'utf8');
    expect(undescribedCoordinates(apiSchemaOf(committed))).toEqual([]);
    const withoutDescription = committed.replace(/\s*"""Identifier of the finding \(UUID\), assigned by the hub\."""\n(\s*id: ID!)/, '\n$1');
    expect(withoutDescription).not.toBe(committed);
    expect(undescribedCoordinates(apiSchemaOf(withoutDescription))).toEqual(['AuditFinding.id']);
  });
});
