import type { EntityManager } from '@mikro-orm/postgresql';
import { DataLoader, groupLoader, keyLoader, type RequestContext } from '@hub/kit';
import { Department } from './department/department.entity';
import { MarketEntity } from './market-entity/market-entity.entity';
import { Practitioner } from './practitioner/practitioner.entity';
import { Bid, Project, ProjectFlag, StageRecord } from './project/project.entity';

/** This subgraph's DataLoaders, new for every request: one `IN (…)` query per batch. */
export function createLoaders(em: EntityManager) {
  return {
    departmentByCode: keyLoader((codes: readonly string[]) => em.find(Department, { code: { $in: [...codes] } }), (d) => d.code, 'Department'),
    marketEntityByCode: keyLoader(
      (codes: readonly string[]) => em.find(MarketEntity, { creditCode: { $in: [...codes] } }),
      (m) => m.creditCode,
      'MarketEntity',
    ),
    projectById: keyLoader((ids: readonly string[]) => em.find(Project, { id: { $in: [...ids] } }), (p) => p.id, 'Project'),
    projectByCode: keyLoader((codes: readonly string[]) => em.find(Project, { code: { $in: [...codes] } }), (p) => p.code, 'Project'),
    practitionerById: keyLoader((ids: readonly string[]) => em.find(Practitioner, { id: { $in: [...ids] } }), (p) => p.id, 'Practitioner'),
    bidById: keyLoader((ids: readonly string[]) => em.find(Bid, { id: { $in: [...ids] } }), (b) => b.id, 'Bid'),
    bidsByProject: groupLoader(
      (ids: readonly string[]) => em.find(Bid, { project: { $in: [...ids] } }, { orderBy: { tenderRound: 'asc', submittedOn: 'asc', id: 'asc' } }),
      (b) => b.project.id,
    ),
    bidsByBidder: groupLoader(
      (codes: readonly string[]) => em.find(Bid, { bidder: { $in: [...codes] } }, { orderBy: { submittedOn: 'desc', id: 'asc' } }),
      (b) => b.bidder.creditCode,
    ),
    stageRecordsByProject: groupLoader(
      (ids: readonly string[]) => em.find(StageRecord, { project: { $in: [...ids] } }, { orderBy: { occurredOn: 'asc', recordedAt: 'asc' } }),
      (r) => r.project.id,
    ),
    flagsByProject: groupLoader(
      (ids: readonly string[]) => em.find(ProjectFlag, { project: { $in: [...ids] } }, { orderBy: { raisedOn: 'asc' } }),
      (f) => f.project.id,
    ),
    /** Projects where an entity is tenderer or agency (a project may count for two keys). */
    projectsByParty: new DataLoader<string, Project[]>(async (codes) => {
      const rows = await em.find(
        Project,
        { $or: [{ tenderer: { $in: [...codes] } }, { tenderAgency: { $in: [...codes] } }] },
        { orderBy: { registeredOn: 'desc', code: 'asc' } },
      );
      return codes.map((code) => rows.filter((p) => p.tenderer.creditCode === code || p.tenderAgency?.creditCode === code));
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders>;
