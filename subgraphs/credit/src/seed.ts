import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, daysBetween, seededRandom, systemClock, todayInShanghai, type Caller, type SeedEnvironment } from '@hub/kit';
import { GraphCaseDirectory, type AgencyInfo, type CaseDirectory, type Directories, type ProjectDirectory, type ProjectInfo } from './directories';
import { EvaluationService } from './evaluation/evaluation.service';
import { NotificationService } from './notification/notification.service';
import { CreditRecordService } from './record/credit-record.service';
import { CreditSourceKind, CreditSubjectType, ObjectionOutcome } from './record/credit-types';
import { CreditRule } from './rule/credit-rule.entity';

/** The kit's deterministic PRNG (mulberry32): the same demo data on every machine. */
export const prng = seededRandom;

/** The demo rule catalogue: ordinary deductions and three serious rules that lead to joint punishment. */
export const DEMO_RULES: { code: string; description: string; points: number; serious: boolean; punishmentMonths?: number }[] = [
  { code: 'LY-01', description: '项目经理未按投标承诺到岗履职 (project manager absent from site)', points: 5, serious: false },
  { code: 'LY-02', description: '擅自更换项目经理或技术负责人 (key staff replaced without approval)', points: 8, serious: false },
  { code: 'LY-03', description: '未按合同约定工期施工且无正当理由 (unjustified delay)', points: 4, serious: false },
  { code: 'LY-04', description: '拖欠农民工工资被查实 (wage arrears confirmed)', points: 10, serious: false },
  { code: 'LY-05', description: '工程质量问题被责令整改 (ordered to rectify quality defects)', points: 6, serious: false },
  { code: 'LY-06', description: '安全生产管理不到位被通报 (safety management failings)', points: 5, serious: false },
  { code: 'ZB-01', description: '招标代理违规泄露应保密信息 (agency leaked confidential information)', points: 12, serious: false },
  { code: 'ZB-02', description: '招标文件设置不合理条件限制排斥潜在投标人 (discriminatory tender conditions)', points: 8, serious: false },
  { code: 'TB-01', description: '投标文件内容不实 (untrue statements in the bid)', points: 10, serious: false },
  { code: 'YZ-01', description: '串通投标 (collusive bidding)', points: 30, serious: true, punishmentMonths: 24 },
  { code: 'YZ-02', description: "以他人名义投标或弄虚作假骗取中标 (bidding in another's name, fraud)", points: 30, serious: true, punishmentMonths: 36 },
  { code: 'YZ-03', description: '转包、违法分包 (illegal subcontracting)', points: 25, serious: true, punishmentMonths: 12 },
];

interface DemoProject {
  id: string;
  code: string;
  registeredOn: string;
  awardNoticeOn: string | null;
  supervisingDepartment: { code: string };
  tenderAgency: { creditCode: string; name: string } | null;
  bids: { id: string; bidderCreditCode: string; submittedOn: string; awarded: boolean }[];
}

export const PROJECTS_QUERY = /* GraphQL */ `
  query ($first: Int, $after: String) {
    projects(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        code
        registeredOn
        awardNoticeOn
        supervisingDepartment {
          code
        }
        tenderAgency {
          creditCode
          name
        }
        bids {
          id
          bidderCreditCode
          submittedOn
          awarded
        }
      }
    }
  }
`;

/** A few project managers (项目经理) for the demo's records about practitioners. */
export const PROJECT_MANAGERS_QUERY = /* GraphQL */ `
  query {
    practitioners(role: PROJECT_MANAGER, first: 4) {
      nodes {
        id
      }
    }
  }
`;

const OFFICE: Caller = { sub: 'demo-credit-officer', name: 'Demo credit officer', role: 'OFFICE', department: 'ZWJ' };
const deptCaller = (code: string): Caller => ({ sub: `demo-${code.toLowerCase()}-officer`, name: `Demo ${code} officer`, role: 'DEPT', department: code });

/** A UUID from the PRNG, for references to case decisions and inspection findings in the other slices' demo data. */
function demoUuid(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

/** Directories over the projects already read, so the seed writes through the same services as the graph. */
function seedDirectories(projects: DemoProject[], cases: CaseDirectory): Directories {
  const byId = new Map(projects.map((p) => [p.id, p]));
  const projectDirectory: ProjectDirectory = {
    async projects(ids) {
      const found = new Map<string, ProjectInfo>();
      for (const id of ids) {
        const project = byId.get(id);
        if (project) found.set(id, { id, supervisingDepartment: project.supervisingDepartment.code });
      }
      return found;
    },
    async tenderAgencies(year) {
      const agencies = new Map<string, AgencyInfo>();
      for (const p of projects) if (p.tenderAgency && p.registeredOn.startsWith(String(year))) agencies.set(p.tenderAgency.creditCode, p.tenderAgency);
      return [...agencies.values()].sort((a, b) => a.creditCode.localeCompare(b.creditCode));
    },
  };
  return { projects: projectDirectory, cases };
}

/**
 * Demo data: the rule catalogue, ~120 records on the real projects' bidders and agencies (read
 * through the projects subgraph), spread over DRAFT, IN_PUBLICITY, EFFECTIVE and EXPIRED, with
 * objections (corrected and upheld), serious records on the joint punishment list, notifications
 * recorded on time, late or not yet (overdue), and the agencies' 2024 and 2025 evaluations.
 * Dates of recent activity are anchored on today so the demo always shows records in publicity.
 * Does nothing when the catalogue exists.
 */
export async function seedDemoData(em: EntityManager, env: SeedEnvironment): Promise<void> {
  if ((await em.count(CreditRule, {})) > 0) return;
  const random = prng(20230917);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const today = todayInShanghai();
  const clamp = (date: string) => (date > today ? today : date);

  const projects: DemoProject[] = [];
  const client = env.graph('projects');
  for (let after: string | null = null; ;) {
    type Page = { projects: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: DemoProject[] } };
    const page: Page = await client.request<Page>(PROJECTS_QUERY, { first: 100, after });
    projects.push(...page.projects.nodes);
    if (!page.projects.pageInfo.hasNextPage) break;
    after = page.projects.pageInfo.endCursor;
  }
  const awarded = projects.filter((p) => p.awardNoticeOn && p.bids.some((b) => b.awarded)).sort((a, b) => a.code.localeCompare(b.code));
  if (awarded.length === 0) {
    env.log.warn('credit seed: the projects subgraph has no awarded projects; only the rule catalogue is seeded');
  }

  let cases: CaseDirectory;
  try {
    const graphCases = env.graph('cases');
    const directory = new GraphCaseDirectory(graphCases);
    cases = { casesAgainst: (codes) => directory.casesAgainst(codes) };
  } catch {
    cases = { casesAgainst: async () => new Map() };
  }
  const directories = seedDirectories(projects, cases);

  // The bureau at work on a given day (publication takes that day as the day the record became public).
  const office = (on = today) => new CreditRecordService(em.fork(), OFFICE, () => on, directories.projects);
  for (const rule of DEMO_RULES) await office().upsertRule({ ...rule, punishmentMonths: rule.punishmentMonths ?? null, active: true });
  const ordinary = DEMO_RULES.filter((r) => !r.serious && !r.code.startsWith('ZB'));
  const agencyRules = DEMO_RULES.filter((r) => r.code.startsWith('ZB'));
  const serious = DEMO_RULES.filter((r) => r.serious);

  const TOTAL = awarded.length ? 120 : 0;
  let objections = 0;
  for (let i = 0; i < TOTAL; i += 1) {
    const project = awarded[(i * 7) % awarded.length];
    const winner = project.bids.find((b) => b.awarded)!;
    const onAgency = i % 9 === 4 && project.tenderAgency;
    const subjectKey = onAgency ? project.tenderAgency!.creditCode : random() < 0.7 ? winner.bidderCreditCode : pick(project.bids).bidderCreditCode;
    const rule = onAgency ? pick(agencyRules) : i % 23 === 7 ? pick(serious) : pick(ordinary);
    // Most findings come some months after the award; every tenth is recent (drafts and publicity).
    const recent = i % 10 === 0 || i % 10 === 5;
    const found = recent ? addDays(today, -Math.floor(random() * 12)) : clamp(addDays(project.awardNoticeOn!, 30 + Math.floor(random() * 300)));
    const source = i % 5 < 3 ? CreditSourceKind.PERFORMANCE_NOTIFICATION : i % 5 === 3 ? CreditSourceKind.CASE_DECISION : CreditSourceKind.INSPECTION_FINDING;

    let sourceRef = demoUuid(random);
    if (source === CreditSourceKind.PERFORMANCE_NOTIFICATION) {
      const notification = await new NotificationService(em.fork(), deptCaller(project.supervisingDepartment.code), directories, () => today).notify({
        projectId: project.id,
        subjectType: CreditSubjectType.MARKET_ENTITY,
        subjectKey,
        facts: `${project.code}: ${rule.description}`,
        suggestedRuleCode: rule.code,
        notifiedOn: found,
      });
      sourceRef = notification.id;
      // A few notifications are still waiting for the bureau: overdue once their 7 working days pass.
      if (i % 17 === 3) continue;
    }
    const late = i % 8 === 6;
    const createdOn = clamp(addDays(found, 1 + Math.floor(random() * 2)));
    const record = await office().create({
      sourceKind: source,
      sourceRef,
      ruleCode: rule.code,
      subjectType: CreditSubjectType.MARKET_ENTITY,
      subjectKey,
      projectId: project.id,
      departmentCode: project.supervisingDepartment.code,
      facts: `${project.code}: ${rule.description}`,
      createdOn,
    });
    const publishOn = clamp(addDays(createdOn, late ? 12 + Math.floor(random() * 8) : 1 + Math.floor(random() * 4)));
    // Recent findings partly stay drafts; the rest are published.
    if (recent && (i % 20 === 0 || daysBetween(publishOn, today) < 1)) continue;
    const published = await office(publishOn).publish(record.id, publishOn);
    const decidable = published.publicityEndsOn! < addDays(today, -3);
    if (decidable && objections < 4 && i % 11 === 2) {
      const raisedOn = addDays(publishOn, 1);
      await office().raiseObjection({ recordId: record.id, raisedBy: `${subjectKey} 法定代表人`, grounds: '对事实认定有异议，已提交整改证明材料', raisedOn });
      const corrected = objections % 2 === 0;
      await office().decideObjection({
        recordId: record.id,
        outcome: corrected ? ObjectionOutcome.CORRECTED : ObjectionOutcome.UPHELD,
        note: corrected ? '经核实部分事实不成立，减半扣分' : '经核实异议理由不成立，维持原记录',
        correctedPoints: corrected ? Math.floor(rule.points / 2) : null,
        decidedOn: addDays(raisedOn, 3),
      });
      objections += 1;
    }
  }

  // The demo data is anchored on the real today (todayInShanghai above): the system clock.
  const evaluations = new EvaluationService(em.fork(), OFFICE, directories, systemClock);
  for (const year of [2024, 2025]) {
    if (year > Number(today.slice(0, 4))) continue;
    try {
      await evaluations.compute(year);
    } catch (error) {
      // The cases slice may not be up yet; evaluate from credit records alone and say so.
      env.log.warn({ err: error, year }, 'credit seed: cases unavailable, agency evaluations computed without case counts');
      await new EvaluationService(em.fork(), OFFICE, { ...directories, cases: { casesAgainst: async () => new Map() } }, systemClock).compute(year);
    }
  }
  // Records about practitioners too: project managers absent from site (LY-01), found by the supervising
  // department's case decisions and published, so the public's practitioner search has something to find.
  const managers = awarded.length ? (await client.request<{ practitioners: { nodes: { id: string }[] } }>(PROJECT_MANAGERS_QUERY)).practitioners.nodes : [];
  for (const [k, manager] of managers.entries()) {
    const project = awarded[(k * 11 + 3) % awarded.length];
    const createdOn = clamp(addDays(today, -40 - k * 25));
    const record = await office().create({
      sourceKind: CreditSourceKind.CASE_DECISION,
      sourceRef: demoUuid(random),
      ruleCode: 'LY-01',
      subjectType: CreditSubjectType.PRACTITIONER,
      subjectKey: manager.id,
      projectId: project.id,
      departmentCode: project.supervisingDepartment.code,
      facts: `${project.code}: 项目经理未按投标承诺到岗履职，经查实`,
      createdOn,
    });
    await office(addDays(createdOn, 2)).publish(record.id, addDays(createdOn, 2));
  }
  env.log.info({ records: TOTAL + managers.length, objections }, 'credit demo data seeded');
}
