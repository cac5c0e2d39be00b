import { withCheckCharacter } from '@hub/kit';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, countStatements, createTestOrm, run } from '@hub/kit/testing';
import { withIdentityCheck } from '../practitioner/identity-number';
import { seedDemoData } from '../seed';
import { subgraph } from '../server';

const center = as('CENTER', 'JYZX');
let orm: MikroORM;
let schema: GraphQLSchema;
const gql = (source: string, variables: Record<string, unknown> = {}, user = center) => run(subgraph, schema, orm, source, variables, user);

const codes = ['91421002MA4900001', '91421002MA4900002', '91421002MA4900003', '91421002MA4900004', '12421002MB1900005'].map(withCheckCharacter);
const [bidderA, bidderB, bidderC, agency, tenderer] = codes;

async function registerEntities() {
  for (const [i, creditCode] of codes.entries()) {
    const result = await gql(`mutation($input: RegisterMarketEntityInput!) { registerMarketEntity(input: $input) { creditCode } }`, {
      input: { creditCode, name: `Entity ${i}`, registeredOn: '2024-01-01' },
    });
    expect(result.errors).toBeUndefined();
  }
}

async function registerProject(code: string) {
  const result = await gql(`mutation($input: RegisterProjectInput!) { registerProject(input: $input) { id stage code } }`, {
    input: {
      code,
      name: `Test project ${code}`,
      category: 'HOUSING',
      supervisingDepartment: 'ZJJ',
      tendererCreditCode: tenderer,
      tenderAgencyCreditCode: agency,
      budget: '12500000.50',
      tenderMethod: 'OPEN',
      registeredOn: '2024-03-01',
    },
  });
  expect(result.errors).toBeUndefined();
  return result.data.registerProject.id as string;
}

beforeAll(async () => {
  orm = await createTestOrm(subgraph);
  schema = await subgraph.buildSchema();
  // The departments are reference data the migration writes; the full demo seed is tested below.
  await registerEntities();
});

afterAll(async () => orm?.close());

describe('projects subgraph against PostgreSQL', () => {
  it('runs a project through every stage, flagging statutory interval breaches', async () => {
    const id = await registerProject('T-LIFECYCLE');
    const step = async (mutation: string, input: Record<string, unknown>) => {
      const result = await gql(`mutation($input: ${mutation}) { ${mutation.split(':')[0]} }`.replace(mutation, mutation), {
        input: { projectId: id, ...input },
      });
      return result;
    };
    const ok = async (field: string, type: string, input: Record<string, unknown>) => {
      const result = await gql(`mutation($input: ${type}!) { ${field}(input: $input) { __typename } }`, { input: { projectId: id, ...input } });
      expect(result.errors, field).toBeUndefined();
    };
    void step;
    // 15 days from documents to deadline: accepted but flagged (not silently accepted).
    await ok('announceTender', 'AnnounceTenderInput', { announcedOn: '2024-03-05', bidDeadline: '2024-03-20', documentRef: 'GG-1' });
    await ok('recordClarification', 'ClarificationInput', { issuedOn: '2024-03-10', documentRef: 'CQ-1', newBidDeadline: '2024-03-28' });
    const bidIds: string[] = [];
    for (const bidder of [bidderA, bidderB, bidderC]) {
      const result = await gql(`mutation($input: BidInput!) { recordBid(input: $input) { id amount } }`, {
        input: { projectId: id, bidderCreditCode: bidder, amount: '11000000.00', submittedOn: '2024-03-27' },
      });
      expect(result.errors).toBeUndefined();
      bidIds.push(result.data.recordBid.id);
    }
    await ok('openBids', 'StageStepInput', { occurredOn: '2024-03-28', documentRef: 'KB-1' });
    await ok('recordEvaluation', 'StageStepInput', { occurredOn: '2024-03-29', documentRef: 'PB-1' });
    await ok('publishCandidates', 'CandidatePublicityInput', { startsOn: '2024-04-01', endsOn: '2024-04-02', documentRef: 'GS-1' });
    await ok('awardProject', 'AwardInput', { winningBidId: bidIds[1], noticeIssuedOn: '2024-04-03', documentRef: 'ZB-1' });
    await ok('fileContract', 'ContractFilingInput', { signedOn: '2024-05-10', filedOn: '2024-05-11', contractAmount: '11000000.00', documentRef: 'HT-1' });
    await ok('startPerformance', 'StageStepInput', { occurredOn: '2024-05-20', documentRef: 'LY-1' });
    await ok('completeProject', 'StageStepInput', { occurredOn: '2024-12-20', documentRef: 'JG-1' });

    const result = await gql(
      `query($id: ID!) { project(id: $id) { stage budget bidDeadline stageRecords { kind occurredOn documentRef } flags { rule required actual unit }
         bids { awarded bidder { creditCode } } supervisingDepartment { code } tenderer { creditCode } tenderAgency { creditCode } } }`,
      { id },
      as('LEADER'),
    );
    expect(result.errors).toBeUndefined();
    const project = result.data.project;
    expect(project.stage).toBe('COMPLETED');
    expect(project.budget).toBe('12500000.50');
    expect(project.bidDeadline).toBe('2024-03-28');
    expect(project.stageRecords.map((r: { kind: string }) => r.kind)).toEqual([
      'ANNOUNCEMENT',
      'CLARIFICATION',
      'BID_OPENING',
      'EVALUATION_REPORT',
      'CANDIDATE_PUBLICITY',
      'AWARD_NOTICE',
      'CONTRACT_FILING',
      'PERFORMANCE_START',
      'COMPLETION',
    ]);
    expect(project.flags).toEqual([
      { rule: 'DOCUMENTS_TO_DEADLINE_MIN_20_DAYS', required: 20, actual: 15, unit: 'days' },
      // 04-01 to 04-02: the first day is not counted, so 1 day of the 3.
      { rule: 'CANDIDATE_PUBLICITY_MIN_3_DAYS', required: 3, actual: 1, unit: 'days' },
      { rule: 'CONTRACT_WITHIN_30_DAYS_OF_AWARD', required: 30, actual: 37, unit: 'days' },
    ]);
    expect(project.bids.filter((b: { awarded: boolean }) => b.awarded)).toEqual([{ awarded: true, bidder: { creditCode: bidderB } }]);

    const flagged = await gql(`{ flaggedProjects(rule: CONTRACT_WITHIN_30_DAYS_OF_AWARD) { totalCount nodes { id } } }`, {}, as('DEPT', 'ZJJ'));
    expect(flagged.data.flaggedProjects.nodes.map((n: { id: string }) => n.id)).toContain(id);
  });

  it('applies the rest-day rule: a contract on the first working day after a 30th day in Golden Week is not flagged', async () => {
    /** Runs a new project to its award (2026-09-01, so the 30th day is National Day, 10-01) and files the contract signed on `signedOn`. */
    const contractSignedOn = async (code: string, signedOn: string) => {
      const id = await registerProject(code);
      const ok = async (field: string, type: string, input: Record<string, unknown>) => {
        const result = await gql(`mutation($input: ${type}!) { ${field}(input: $input) { __typename } }`, { input: { projectId: id, ...input } });
        expect(result.errors, field).toBeUndefined();
        return result;
      };
      await ok('announceTender', 'AnnounceTenderInput', { announcedOn: '2026-07-01', bidDeadline: '2026-07-27', documentRef: 'GG' });
      const bidIds: string[] = [];
      for (const bidder of [bidderA, bidderB, bidderC]) {
        const result = await gql(`mutation($input: BidInput!) { recordBid(input: $input) { id } }`, {
          input: { projectId: id, bidderCreditCode: bidder, amount: '900000.00', submittedOn: '2026-07-20' },
        });
        expect(result.errors).toBeUndefined();
        bidIds.push(result.data.recordBid.id);
      }
      await ok('openBids', 'StageStepInput', { occurredOn: '2026-07-27', documentRef: 'KB' });
      await ok('recordEvaluation', 'StageStepInput', { occurredOn: '2026-07-28', documentRef: 'PB' });
      await ok('publishCandidates', 'CandidatePublicityInput', { startsOn: '2026-07-29', endsOn: '2026-08-03', documentRef: 'GS' });
      await ok('awardProject', 'AwardInput', { winningBidId: bidIds[0], noticeIssuedOn: '2026-09-01', documentRef: 'ZB' });
      await ok('fileContract', 'ContractFilingInput', { signedOn, filedOn: signedOn, contractAmount: '900000.00', documentRef: 'HT' });
      const result = await gql(
        `query($id: ID!) { project(id: $id) { stage flags { rule required actual periodEndsOn provisional message } } }`,
        { id },
        as('LEADER'),
      );
      expect(result.errors).toBeUndefined();
      expect(result.data.project.stage).toBe('CONTRACT_FILED');
      return result.data.project.flags;
    };
    // 2026-10-01 to 10-07 are off: the 30 days end on Thursday 10-08 (37 plain days after the notice).
    expect(await contractSignedOn('T-RESTDAY-ONTIME', '2026-10-08')).toEqual([]);
    const late = await contractSignedOn('T-RESTDAY-LATE', '2026-10-09');
    expect(late).toEqual([
      expect.objectContaining({ rule: 'CONTRACT_WITHIN_30_DAYS_OF_AWARD', required: 30, actual: 38, periodEndsOn: '2026-10-08', provisional: false }),
    ]);
    expect(late[0].message).toMatch(/2026-10-01, is a statutory rest day/);
  });

  it('refuses steps out of order with the current stage and the allowed steps', async () => {
    const id = await registerProject('T-ORDER');
    const result = await gql(`mutation($input: StageStepInput!) { recordEvaluation(input: $input) { stage } }`, {
      input: { projectId: id, occurredOn: '2024-03-10', documentRef: 'PB' },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentStage: 'REGISTERED', allowedSteps: ['announceTender'] });
  });

  it('with fewer than 3 bids records a failed opening and starts a new tender round', async () => {
    const id = await registerProject('T-RETENDER');
    await gql(`mutation($input: AnnounceTenderInput!) { announceTender(input: $input) { stage } }`, {
      input: { projectId: id, announcedOn: '2024-03-02', bidDeadline: '2024-03-25', documentRef: 'GG' },
    });
    await gql(`mutation($input: BidInput!) { recordBid(input: $input) { id } }`, {
      input: { projectId: id, bidderCreditCode: bidderA, amount: '100.00', submittedOn: '2024-03-20' },
    });
    const opened = await gql(`mutation($input: StageStepInput!) { openBids(input: $input) { stage tenderRound bidDeadline flags { rule actual } } }`, {
      input: { projectId: id, occurredOn: '2024-03-25', documentRef: 'KB' },
    });
    expect(opened.errors).toBeUndefined();
    expect(opened.data.openBids).toEqual({ stage: 'REGISTERED', tenderRound: 2, bidDeadline: null, flags: [{ rule: 'MIN_3_BIDS', actual: 1 }] });
  });

  it('rejects a bad credit code naming the field and the rule, writing nothing', async () => {
    const bad = `${codes[0].slice(0, 17)}${codes[0][17] === '0' ? '1' : '0'}`;
    const result = await gql(`mutation($input: RegisterMarketEntityInput!) { registerMarketEntity(input: $input) { creditCode } }`, {
      input: { creditCode: bad, name: 'Bad', registeredOn: '2024-01-01' },
    });
    expect(result.errors?.[0].message).toMatch(/check character \(position 18\)/);
    expect(result.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'creditCode', rule: 'GB 32100-2015' });
    const found = await gql(`query($c: ID!) { marketEntity(creditCode: $c) { name } }`, { c: bad });
    expect(found.data.marketEntity).toBeNull();
  });

  it('leaves the database unchanged when a step fails half-way', async () => {
    const id = await registerProject('T-ATOMIC');
    const result = await gql(`mutation($input: AnnounceTenderInput!) { announceTender(input: $input) { stage } }`, {
      input: { projectId: id, announcedOn: '2024-03-05', bidDeadline: '2024-03-01', documentRef: 'GG' },
    });
    expect(result.errors?.[0].extensions).toMatchObject({ field: 'bidDeadline' });
    const after = await gql(`query($id: ID!) { project(id: $id) { stage stageRecords { kind } flags { rule } } }`, { id }, as('OFFICE'));
    expect(after.data.project).toEqual({ stage: 'REGISTERED', stageRecords: [], flags: [] });
  });

  it('lets only the trading center write, and a department officer read', async () => {
    const denied = await gql(
      `mutation($input: StageStepInput!) { openBids(input: $input) { stage } }`,
      {
        input: { projectId: '00000000-0000-4000-8000-000000000000', occurredOn: '2024-01-01', documentRef: 'x' },
      },
      as('DEPT', 'ZJJ'),
    );
    expect(denied.errors?.[0].message).toMatch(/Access denied/);
    const publicFlags = await gql(`{ flaggedProjects { totalCount } }`, {}, as('PUBLIC'));
    expect(publicFlags.errors?.[0].message).toMatch(/Access denied/);
  });

  it('stores identity numbers but only shows them masked', async () => {
    const identityNumber = withIdentityCheck('42100219800101123');
    const result = await gql(`mutation($input: RegisterPractitionerInput!) { registerPractitioner(input: $input) { id identityNumberMasked } }`, {
      input: { name: '张伟', role: 'PROJECT_MANAGER', identityNumber, employerCreditCode: bidderA },
    });
    expect(result.errors).toBeUndefined();
    expect(result.data.registerPractitioner.identityNumberMasked).toBe(`421${'*'.repeat(13)}${identityNumber.slice(-2)}`);
    const wrong = await gql(`mutation($input: RegisterPractitionerInput!) { registerPractitioner(input: $input) { id } }`, {
      input: { name: '李四', role: 'PROJECT_MANAGER', identityNumber: '421002198001011230' === identityNumber ? '421002198001011231' : '421002198001011230' },
    });
    expect(wrong.errors?.[0].extensions).toMatchObject({ field: 'identityNumber', rule: 'GB 11643-1999' });
    // The public reaches practitioners through published credit records (the router's _entities call, the caller's identity):
    // the name, never the identity number, not even masked (src/visibility.ts).
    const reference = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Practitioner { name identityNumberMasked } } }`;
    const representations = { r: [{ __typename: 'Practitioner', id: result.data.registerPractitioner.id }] };
    const seenByPublic = await gql(reference, representations, as('PUBLIC'));
    expect(seenByPublic.errors).toBeUndefined();
    expect(seenByPublic.data._entities).toEqual([{ name: '张伟', identityNumberMasked: null }]);
    const seenByDepartment = await gql(reference, representations, as('DEPT', 'ZJJ'));
    expect(seenByDepartment.data._entities[0].identityNumberMasked).toBe(result.data.registerPractitioner.identityNumberMasked);
  });

  it('serialises concurrent steps on one project: exactly one wins', async () => {
    const id = await registerProject('T-RACE');
    const announce = (documentRef: string) =>
      gql(`mutation($input: AnnounceTenderInput!) { announceTender(input: $input) { stage } }`, {
        input: { projectId: id, announcedOn: '2024-03-05', bidDeadline: '2024-04-01', documentRef },
      });
    const results = await Promise.all([announce('A'), announce('B')]);
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors?.[0].extensions?.code === 'CONFLICT')).toHaveLength(1);
  });
});

describe('demo data and batching', () => {
  it('seeds deterministic demo data once, and pages of projects cost a fixed number of statements', async () => {
    const demoOrm = await createTestOrm(subgraph);
    try {
      await seedDemoData(demoOrm.em.fork());
      await seedDemoData(demoOrm.em.fork()); // second start: no-op
      const query = `query($first: Int) { projects(first: $first) { totalCount nodes { code stage supervisingDepartment { code } tenderer { name }
          tenderAgency { name } bids { amount bidder { name } } stageRecords { kind } } } }`;
      const measure = async (first: number) => {
        const { result, statements } = await countStatements(demoOrm, () => run(subgraph, schema, demoOrm, query, { first }, as('LEADER')));
        expect(result.errors).toBeUndefined();
        return { statements: statements.length, result };
      };
      const small = await measure(5);
      // The page reads its tenderers in its own statement, and only the columns its fields need (kit SelectedColumns).
      const tenderers = await countStatements(demoOrm, () =>
        run(subgraph, schema, demoOrm, `{ projects(first: 5) { nodes { tenderer { name creditCode } } } }`, {}, as('LEADER')),
      );
      expect(tenderers.statements).toHaveLength(1);
      expect(tenderers.result.data.projects.nodes[0].tenderer.name).toEqual(expect.any(String));
      const codesOnly = await countStatements(demoOrm, () => run(subgraph, schema, demoOrm, `{ projects(first: 5) { nodes { code } } }`, {}, as('LEADER')));
      expect(codesOnly.statements).toHaveLength(1);
      expect(codesOnly.statements[0]).toContain('"code"');
      expect(codesOnly.statements[0]).not.toMatch(/"budget"|"created_at"|join/);
      const withBudget = await countStatements(demoOrm, () => run(subgraph, schema, demoOrm, `{ projects(first: 5) { nodes { budget } } }`, {}, as('LEADER')));
      expect(withBudget.statements[0]).toContain('"budget"');
      const large = await measure(100);
      expect(large.result.data.projects.totalCount).toBe(200);
      expect(large.statements).toBe(small.statements);
      const stages = new Set(large.result.data.projects.nodes.map((n: { stage: string }) => n.stage));
      const all = await run(
        subgraph,
        schema,
        demoOrm,
        `{ a: projects(first: 100) { nodes { stage } } b: projects(first: 100, after: "${Buffer.from('offset:99').toString('base64url')}") { nodes { stage } } }`,
        {},
        as('LEADER'),
      );
      for (const n of [...all.data.a.nodes, ...all.data.b.nodes]) stages.add(n.stage);
      expect(stages.size).toBe(9);
      // Lists read lean rows (kit/src/lean.ts): the same values as the managed entity of project(id).
      const fields = `id code registeredOn announcedOn budget contractAmount stage tenderRound supervisingDepartment { code } tenderer { creditCode } tenderAgency { creditCode }`;
      const listed = await run(subgraph, schema, demoOrm, `{ projects(first: 3, filter: { stage: COMPLETED }) { nodes { ${fields} } } }`, {}, as('LEADER'));
      expect(listed.data.projects.nodes).toHaveLength(3);
      for (const node of listed.data.projects.nodes) {
        const single = await run(subgraph, schema, demoOrm, `query($id: ID!) { project(id: $id) { ${fields} } }`, { id: node.id }, as('LEADER'));
        expect(single.data.project).toEqual(node);
        expect(node.registeredOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      // Pages of up to 500 (dashboards, exports) cost the same statements.
      const whole = await measure(500);
      expect(whole.result.data.projects.nodes).toHaveLength(200);
      expect(whole.statements).toBe(small.statements);

      // Keyset pages: a project registered while a client pages through shifts nothing (an offset would repeat a row).
      const pageQuery = `query($after: String) { projects(first: 60, after: $after) { totalCount pageInfo { hasNextPage hasPreviousPage endCursor } nodes { code } } }`;
      const seen: string[] = [];
      let after: string | null = null;
      for (let page = 0; page < 10; page += 1) {
        const { result, statements } = await countStatements(demoOrm, () => run(subgraph, schema, demoOrm, pageQuery, { after }, as('LEADER')));
        expect(result.errors).toBeUndefined();
        // The first page carries its total (count(*) over ()); after a cursor the total is counted apart.
        expect(statements.length).toBe(page === 0 ? 1 : 2);
        const connection = result.data.projects;
        expect(connection.pageInfo.hasPreviousPage).toBe(page > 0);
        seen.push(...connection.nodes.map((n: { code: string }) => n.code));
        if (page === 0) {
          await demoOrm.em
            .getConnection()
            .execute(
              `insert into project select (jsonb_populate_record(null::project, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'code', 'NEWEST-1', 'registered_on', '2099-01-01'))).* from project p limit 1`,
            );
        }
        if (!connection.pageInfo.hasNextPage) break;
        after = connection.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(200);
      expect(new Set(seen).size).toBe(200);
      expect(seen).not.toContain('NEWEST-1');

      // Bids are read with their bidders in one statement (loaders.ts): the page and its bids cost two,
      // and each bidder is the same as the market entity read on its own, registration authority (a getter) included.
      const bidderFields = `creditCode name legalRepresentative registeredOn registrationAuthority`;
      const withBidders = await countStatements(demoOrm, () =>
        run(subgraph, schema, demoOrm, `{ projects(first: 100) { nodes { bids { bidderCreditCode bidder { ${bidderFields} } } } } }`, {}, as('LEADER')),
      );
      expect(withBidders.result.errors).toBeUndefined();
      expect(withBidders.statements).toHaveLength(2);
      const bids = withBidders.result.data.projects.nodes.flatMap((n: { bids: unknown[] }) => n.bids) as {
        bidderCreditCode: string;
        bidder: { creditCode: string };
      }[];
      expect(bids.length).toBeGreaterThan(100);
      for (const bid of bids.slice(0, 20)) {
        expect(bid.bidder.creditCode).toBe(bid.bidderCreditCode);
        const single = await run(
          subgraph,
          schema,
          demoOrm,
          `query($c: ID!) { marketEntity(creditCode: $c) { ${bidderFields} } }`,
          { c: bid.bidderCreditCode },
          as('LEADER'),
        );
        expect(bid.bidder).toEqual(single.data.marketEntity);
      }
      const bad = await run(
        subgraph,
        schema,
        demoOrm,
        `{ projects(after: "${Buffer.from('["k",1]').toString('base64url')}") { totalCount } }`,
        {},
        as('LEADER'),
      );
      expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    } finally {
      await demoOrm.close();
    }
    // Seeds the demo data twice and pages through it: minutes on a busy 2-core machine.
  }, 600_000);
});
