import type { EntityManager } from '@mikro-orm/postgresql';
import { DataLoader, groupLoader, keyLoader, leanFind, SelectedColumns, type FieldColumns, type RequestContext } from '@hub/kit';
import { Department } from './department/department.entity';
import { MarketEntity } from './market-entity/market-entity.entity';
import { Practitioner } from './practitioner/practitioner.entity';
import { Bid, Project, ProjectFlag, StageRecord } from './project/project.entity';
import type { Services } from './services';

/**
 * What the field resolvers and getters of the types read (kit selected-columns.ts), for the fields that
 * are not a column of the same name: a list read by the row's id needs nothing more.
 */
export const PROJECT_FIELDS: FieldColumns = { bids: [], stageRecords: [], flags: [], history: [], nextSteps: ['stage'] };
export const BID_FIELDS: FieldColumns = { bidderCreditCode: ['bidder'] };
export const MARKET_ENTITY_FIELDS: FieldColumns = { registrationAuthority: [], projects: [], bids: [], history: [] };

/**
 * This subgraph's DataLoaders, new for every request: one `IN (…)` query per batch. They only read,
 * so they return lean rows (kit/src/lean.ts), not managed entities. The page's reads (the project list,
 * its bids with their bidders, its stage records, market entities) read only the columns of the fields
 * the operation selects once a resolver has registered it in `selection`; every other read, and these
 * before that, read every column.
 */
export function createLoaders(em: EntityManager) {
  const selection = new SelectedColumns();
  const meta = em.getMetadata();
  const marketEntityColumns = () => selection.of(meta.get(MarketEntity.name), 'MarketEntity', MARKET_ENTITY_FIELDS);
  const marketEntityByCode = keyLoader(
    (codes: readonly string[]) => leanFind(em, MarketEntity, { creditCode: { $in: [...codes] } }, { columns: marketEntityColumns() }),
    (m) => m.creditCode,
    'MarketEntity',
  );
  return {
    selection,
    departmentByCode: keyLoader(
      (codes: readonly string[]) => leanFind(em, Department, { code: { $in: [...codes] } }),
      (d) => d.code,
      'Department',
    ),
    marketEntityByCode,
    projectById: keyLoader(
      (ids: readonly string[]) => leanFind(em, Project, { id: { $in: [...ids] } }),
      (p) => p.id,
      'Project',
    ),
    projectByCode: keyLoader(
      (codes: readonly string[]) => leanFind(em, Project, { code: { $in: [...codes] } }),
      (p) => p.code,
      'Project',
    ),
    practitionerById: keyLoader(
      (ids: readonly string[]) => leanFind(em, Practitioner, { id: { $in: [...ids] } }),
      (p) => p.id,
      'Practitioner',
    ),
    bidById: keyLoader(
      (ids: readonly string[]) => leanFind(em, Bid, { id: { $in: [...ids] } }),
      (b) => b.id,
      'Bid',
    ),
    /**
     * Each bid with its bidder, in one statement: a page's bids are asked for their bidders next, which
     * would be a second round trip after the bids (a fifth statement for a page of projects with bids
     * and bidders); the bidders go into marketEntityByCode for those fields.
     */
    bidsByProject: groupLoader(
      async (ids: readonly string[]) => {
        const bids = await leanFind(
          em,
          Bid,
          { project: { $in: [...ids] } },
          {
            orderBy: { tenderRound: 'asc', submittedOn: 'asc', id: 'asc' },
            including: 'bidder',
            // The project groups them, the bidder primes marketEntityByCode, the round filters `bids(tenderRound:)`.
            columns: selection.of(meta.get(Bid.name), 'Bid', BID_FIELDS, ['project', 'bidder', 'tenderRound']),
            includingColumns: marketEntityColumns(),
          },
        );
        for (const bid of bids) marketEntityByCode.prime(bid.bidder.creditCode, bid.bidder);
        return bids;
      },
      (b) => b.project.id,
    ),
    bidsByBidder: groupLoader(
      (codes: readonly string[]) => leanFind(em, Bid, { bidder: { $in: [...codes] } }, { orderBy: { submittedOn: 'desc', id: 'asc' } }),
      (b) => b.bidder.creditCode,
    ),
    stageRecordsByProject: groupLoader(
      (ids: readonly string[]) =>
        leanFind(
          em,
          StageRecord,
          { project: { $in: [...ids] } },
          { orderBy: { occurredOn: 'asc', recordedAt: 'asc' }, columns: selection.of(meta.get(StageRecord.name), 'StageRecord', {}, ['project']) },
        ),
      (r) => r.project.id,
    ),
    flagsByProject: groupLoader(
      (ids: readonly string[]) => leanFind(em, ProjectFlag, { project: { $in: [...ids] } }, { orderBy: { raisedOn: 'asc' } }),
      (f) => f.project.id,
    ),
    /** Projects where an entity is tenderer or agency (a project may count for two keys). */
    projectsByParty: new DataLoader<string, Project[]>(async (codes) => {
      const rows = await leanFind(
        em,
        Project,
        { $or: [{ tenderer: { $in: [...codes] } }, { tenderAgency: { $in: [...codes] } }] },
        { orderBy: { registeredOn: 'desc', code: 'asc' } },
      );
      return codes.map((code) => rows.filter((p) => p.tenderer.creditCode === code || p.tenderAgency?.creditCode === code));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders, Services>;
