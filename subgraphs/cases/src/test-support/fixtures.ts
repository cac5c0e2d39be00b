import { clockOf, creditCodeProblem } from '@hub/kit';
import { randomUUID } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { as, createTestOrm, run } from '@hub/kit/testing';
import type { Caller } from '@hub/kit';
import type { EnforcersDirectory } from '../enforcers-directory';
import type { ProjectDirectory, ProjectFacts } from '../project-directory';
import { createCasesSubgraph } from '../server';

/** Completes 17 characters with the one check character GB 32100-2015 accepts. */
export function validCreditCode(first17: string): string {
  for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') if (creditCodeProblem(first17 + c) === null) return first17 + c;
  throw new Error(`no check character for ${first17}`);
}

/** A valid credit code (check character and all) that the fake projects slice does not know as a market entity. */
export const UNREGISTERED_CREDIT_CODE = '91350100M000100Y43';

/** A fake projects slice: a few projects per line department (the projects subgraph is not what these tests are about). */
export function fakeProjects(perDepartment = 2): { directory: ProjectDirectory & { calls: number }; projects: ProjectFacts[] } {
  const projects: ProjectFacts[] = [];
  for (const code of ['FGJ', 'ZJJ', 'JTJ', 'SLJ', 'NYJ']) {
    for (let i = 0; i < perDepartment; i += 1) projects.push({ id: randomUUID(), supervisingDepartmentCode: code });
  }
  const byId = new Map(projects.map((p) => [p.id, p]));
  const directory = {
    calls: 0,
    async find(ids: readonly string[]) {
      directory.calls += 1;
      return new Map(ids.filter((id) => byId.has(id)).map((id) => [id, byId.get(id)!]));
    },
    // Every valid code is a registered market entity except UNREGISTERED_CREDIT_CODE.
    async registeredMarketEntities(codes: readonly string[]) {
      return new Set(codes.filter((code) => code !== UNREGISTERED_CREDIT_CODE));
    },
  };
  return { directory, projects };
}

/**
 * A fake enforcers slice: every UUID names an enforcer (of ZJJ unless `departments` says otherwise)
 * and an inspection finding, except the ids in `missing`.
 */
export function fakeEnforcers(departments = new Map<string, string>(), missing = new Set<string>()): EnforcersDirectory {
  return {
    async enforcers(ids) {
      return new Map(ids.filter((id) => !missing.has(id)).map((id) => [id, { id, departmentCode: departments.get(id) ?? 'ZJJ' }]));
    },
    async findings(ids) {
      return new Set(ids.filter((id) => !missing.has(id)));
    },
  };
}

/** A test world: a fresh migrated database, the schema, a settable clock and fake projects and enforcers slices. */
export async function createWorld(options: { now?: Date; perDepartment?: number; enforcers?: EnforcersDirectory } = {}) {
  const clock = { now: options.now ?? new Date('2026-11-26T02:00:00Z') };
  const { directory, projects } = fakeProjects(options.perDepartment);
  const subgraph = createCasesSubgraph({
    environment: { projects: directory, enforcers: options.enforcers ?? fakeEnforcers(), clock: clockOf(() => clock.now) },
  });
  const orm: MikroORM = await createTestOrm(subgraph);
  const schema: GraphQLSchema = await subgraph.buildSchema();
  const gql = <D = any>(source: string, variables: Record<string, unknown> = {}, user: Caller = as('OFFICE', 'ZWJ')) =>
    run<D>(subgraph, schema, orm, source, variables, user);
  const projectOf = (department: string, index = 0) => projects.filter((p) => p.supervisingDepartmentCode === department)[index].id;
  return { clock, directory, projects, subgraph, orm, schema, gql, projectOf };
}

export const RESPONDENT_A = validCreditCode('91421002MA4900001');
export const RESPONDENT_B = validCreditCode('91421002MA4900002');

export const SUBMIT_COMPLAINT = /* GraphQL */ `
  mutation ($input: SubmitComplaintInput!) {
    submitComplaint(input: $input) {
      receiptNumber
      secret
      status
      receivedOn
      duplicate
      acceptanceDeadline {
        dueOn
        provisional
        unit
        daysLeft
        overdue
      }
    }
  }
`;

export const SUBMIT_REPORT = /* GraphQL */ `
  mutation ($input: SubmitReportInput!) {
    submitReport(input: $input) {
      receiptNumber
      secret
      status
      duplicate
    }
  }
`;

export function complaintInput(projectId: string, overrides: Record<string, unknown> = {}) {
  return {
    idempotencyKey: randomUUID(),
    projectId,
    complainantName: '湖北某建设有限公司',
    complainantContact: '13800000001',
    relationToProject: 'bidder',
    knewOn: '2026-11-20',
    summary: '评标委员会未按招标文件评审',
    details: '评分表显示商务分计算错误，附评分表复印件。',
    respondentCreditCodes: [RESPONDENT_A],
    ...overrides,
  };
}

export { as };
