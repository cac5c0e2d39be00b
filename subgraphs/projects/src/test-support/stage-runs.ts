import { randomUUID } from 'node:crypto';
import { withCheckCharacter, type Caller } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import { MarketEntity } from '../market-entity/market-entity.entity';
import { ProjectCategory, TenderMethod } from '../project/project.entity';
import { ProjectService } from '../project/project.service';

const CENTER: Caller = { sub: 'center-test', name: 'CENTER test user', role: 'CENTER', department: 'JYZX' };

/**
 * Stage runs for tests about the interval checks, through the service (the graph refuses dates after
 * today, and these tests need stage dates in a year the calendar does not cover yet).
 */
export async function stageRuns(em: EntityManager) {
  const service = () => new ProjectService(em.fork(), CENTER);
  const tag = randomUUID().slice(0, 6).toUpperCase();
  const [tenderer, ...bidders] = ['91421002MA4950001', '91421002MA4950002', '91421002MA4950003', '91421002MA4950004'].map(withCheckCharacter);
  for (const creditCode of [tenderer, ...bidders]) {
    if (await em.fork().findOne(MarketEntity, { creditCode })) continue;
    await service().registerMarketEntity({ creditCode, name: `Entity ${creditCode}`, registeredOn: '2024-01-01' });
  }
  let n = 0;
  const register = async () => {
    n += 1;
    const project = await service().registerProject({
      code: `T-FIRM-${tag}-${n}`,
      name: `Firm-up test ${n}`,
      category: ProjectCategory.HOUSING,
      supervisingDepartment: 'ZJJ',
      tendererCreditCode: tenderer,
      budget: '1000000.00',
      tenderMethod: TenderMethod.OPEN,
      registeredOn: '2026-10-01',
    });
    return project.id;
  };
  return {
    /** A project announced on `announcedOn` with its bid deadline on `bidDeadline` (the documents check only). */
    async announced(announcedOn: string, bidDeadline: string): Promise<string> {
      const projectId = await register();
      await service().announceTender({ projectId, announcedOn, bidDeadline, documentRef: 'GG' });
      return projectId;
    },
    /**
     * A project awarded on `awardNoticeOn` whose contract was signed on `signedOn`; the earlier stages
     * (2026-10 to 2026-11) pass on firm end days.
     */
    async contracted(awardNoticeOn: string, signedOn: string): Promise<string> {
      const projectId = await register();
      await service().announceTender({ projectId, announcedOn: '2026-10-12', bidDeadline: '2026-11-09', documentRef: 'GG' });
      const bids = [];
      for (const bidderCreditCode of bidders) {
        bids.push(await service().recordBid({ projectId, bidderCreditCode, amount: '900000.00', submittedOn: '2026-11-05' }));
      }
      await service().openBids({ projectId, occurredOn: '2026-11-09', documentRef: 'KB' });
      await service().recordEvaluation({ projectId, occurredOn: '2026-11-10', documentRef: 'PB' });
      await service().publishCandidates({ projectId, startsOn: '2026-11-11', endsOn: '2026-11-16', documentRef: 'GS' });
      await service().awardProject({ projectId, winningBidId: bids[0].id, noticeIssuedOn: awardNoticeOn, documentRef: 'ZB' });
      await service().fileContract({ projectId, signedOn, filedOn: signedOn, contractAmount: '900000.00', documentRef: 'HT' });
      return projectId;
    },
  };
}
