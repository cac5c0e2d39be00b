import type { EntityManager } from '@mikro-orm/postgresql';
import { DataLoader, groupLoader, keyLoader, leanFind, type Clock, type RequestContext } from '@hub/kit';
import { PerformanceNotification } from './notification/notification.entity';
import { creditPolicy, type CreditPolicy } from './policy/policy';
import { JointPunishmentEntry } from './punishment/joint-punishment.entity';
import { CreditObjection, CreditRecord, CreditRecordEvent } from './record/credit-record.entity';
import { CreditSourceKind } from './record/credit-types';
import { deductionsOf } from './record/deductions';
import type { CreditStanding } from './record/standing';
import { CreditStats, departmentStats } from './record/stats';
import { CreditRule } from './rule/credit-rule.entity';
import type { Services } from './services';

const newestFirst = { createdOn: 'desc', createdAt: 'desc', id: 'asc' } as const;

/**
 * This subgraph's per-request DataLoaders (one `IN (…)` query per batch; the records and list
 * entries behind standings and Project.creditRecords as lean read-only rows) and the request's
 * read caches. "Today" is the slice's clock (`context.clock`); services are `context.services`.
 */
export function createLoaders(em: EntityManager, clock: Clock) {
  let policy: CreditPolicy | undefined;
  return {
    /**
     * The credit policy, read from the environment once per request: a joined view computes a
     * standing per bidder and day, and eight environment reads for each showed in the profile.
     */
    policy: () => (policy ??= creditPolicy()),
    /** Standings computed in this request, by subject and day (loadStanding). */
    standings: new Map<string, Promise<CreditStanding>>(),
    ruleByCode: keyLoader(
      (codes: readonly string[]) => em.find(CreditRule, { code: { $in: [...codes] } }),
      (r) => r.code,
      'CreditRule',
    ),
    notificationById: keyLoader(
      (ids: readonly string[]) => em.find(PerformanceNotification, { id: { $in: [...ids] } }),
      (n) => n.id,
      'PerformanceNotification',
    ),
    /** Subject keys never collide across types (credit codes are 18 characters, practitioner ids are UUIDs). */
    recordsBySubject: groupLoader(
      (keys: readonly string[]) => leanFind(em, CreditRecord, { subjectKey: { $in: [...keys] } }, { orderBy: newestFirst }),
      (r) => r.subjectKey,
    ),
    /** Only the columns a score needs, for standings asked without their records (loadStandingsOn). */
    deductionsBySubject: groupLoader(
      (keys: readonly string[]) => deductionsOf(em, keys),
      (d) => d.subjectKey,
    ),
    punishmentsBySubject: groupLoader(
      (keys: readonly string[]) => leanFind(em, JointPunishmentEntry, { subjectKey: { $in: [...keys] } }, { orderBy: { fromOn: 'desc' } }),
      (e) => e.subjectKey,
    ),
    recordsByProject: groupLoader(
      (ids: readonly string[]) => leanFind(em, CreditRecord, { projectId: { $in: [...ids] } }, { orderBy: newestFirst }),
      (r) => r.projectId!,
    ),
    recordsByCase: groupLoader(
      (ids: readonly string[]) => em.find(CreditRecord, { sourceKind: CreditSourceKind.CASE_DECISION, sourceRef: { $in: [...ids] } }, { orderBy: newestFirst }),
      (r) => r.sourceRef,
    ),
    eventsByRecord: groupLoader(
      (ids: readonly string[]) => em.find(CreditRecordEvent, { record: { $in: [...ids] } }, { orderBy: { at: 'asc', id: 'asc' } }),
      (e) => e.record.id,
    ),
    objectionsByRecord: groupLoader(
      (ids: readonly string[]) => em.find(CreditObjection, { record: { $in: [...ids] } }),
      (o) => o.record.id,
    ),
    /** Keyed by `code|from|to`: one set of statements per distinct period, whatever the number of departments. */
    creditStats: new DataLoader<string, CreditStats>(async (keys) => {
      const byPeriod = new Map<string, string[]>();
      for (const key of keys) {
        const [code, from, to] = key.split('|');
        const period = `${from}|${to}`;
        byPeriod.set(period, [...(byPeriod.get(period) ?? []), code]);
      }
      const results = new Map<string, CreditStats>();
      for (const [period, codes] of byPeriod) {
        const [from, to] = period.split('|');
        const stats = await departmentStats(em, codes, { from, to }, clock.today());
        for (const code of codes) results.set(`${code}|${period}`, stats.get(code)!);
      }
      return keys.map((key) => results.get(key)!);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
export type Context = RequestContext<Loaders, Services>;
