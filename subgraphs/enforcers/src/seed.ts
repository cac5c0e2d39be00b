import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, memberUnits, seededRandom, type SeedEnvironment } from '@hub/kit';
import type { PoolProject } from './draw/draw';
import { ConflictOfInterest, Enforcer, EnforcerSpecialty, TrainingRecord } from './enforcer/enforcer.entity';
import {
  ChecklistOutcome,
  FindingSeverity,
  Inspection,
  InspectionFinding,
  InspectionItem,
  InspectionPlan,
  InspectionStatus,
} from './inspection/inspection.entity';
import { freezeRound, makeDraw, recordCommitment, recordReveal } from './inspection/draw-procedure';
import { commitmentOf } from './draw/algorithm';
import { GraphProjectPoolSource } from './ports';

/** The kit's deterministic PRNG (mulberry32): the same demo data on every machine. */
export const prng = seededRandom;

/** A version-4-shaped UUID from the PRNG, so demo ids are stable across machines. */
function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

const SPECIALTIES: Record<string, EnforcerSpecialty[]> = {
  FGJ: [EnforcerSpecialty.MUNICIPAL, EnforcerSpecialty.HOUSING],
  ZJJ: [EnforcerSpecialty.HOUSING, EnforcerSpecialty.MUNICIPAL],
  JTJ: [EnforcerSpecialty.TRANSPORT],
  SLJ: [EnforcerSpecialty.WATER],
  NYJ: [EnforcerSpecialty.AGRICULTURE],
};
const SURNAMES = [
  '张',
  '王',
  '李',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '林',
  '罗',
  '高',
  '郑',
  '梁',
  '谢',
  '宋',
];
const GIVEN = ['建国', '卫东', '海燕', '晓明', '丽华', '志强', '红梅', '国庆', '文杰', '秀兰', '勇', '敏', '磊', '静', '涛', '婷', '斌', '霞', '军', '琳'];
const COURSES = [
  '招标投标法律法规专题培训',
  '行政执法资格年度培训',
  '双随机一公开监管实务',
  '电子招投标平台监管操作',
  '行政处罚程序规范培训',
  '工程建设项目审批制度改革',
];

/** The demo inspection-item list (抽查事项清单) with legal bases. */
export const DEMO_ITEMS = [
  { code: 'CJ-01', title: '依法必须招标项目是否依法招标', legalBasis: '《中华人民共和国招标投标法》第三条、第四条', stages: ['REGISTERED', 'ANNOUNCED'] },
  { code: 'CJ-02', title: '招标公告发布及招标文件发售期限', legalBasis: '《中华人民共和国招标投标法实施条例》第十五条、第十六条', stages: ['ANNOUNCED'] },
  { code: 'CJ-03', title: '招标文件发出至投标截止不少于二十日', legalBasis: '《中华人民共和国招标投标法》第二十四条', stages: ['ANNOUNCED', 'BIDS_OPENED'] },
  { code: 'CJ-04', title: '澄清或修改在投标截止十五日前发出', legalBasis: '《中华人民共和国招标投标法》第二十三条', stages: ['ANNOUNCED'] },
  { code: 'CJ-05', title: '投标人少于三个不得开标', legalBasis: '《中华人民共和国招标投标法实施条例》第四十四条', stages: ['BIDS_OPENED'] },
  { code: 'CJ-06', title: '评标委员会组成及评标程序', legalBasis: '《中华人民共和国招标投标法》第三十七条、第四十条', stages: ['EVALUATED'] },
  { code: 'CJ-07', title: '中标候选人公示不少于三日', legalBasis: '《中华人民共和国招标投标法实施条例》第五十四条', stages: ['CANDIDATES_PUBLICISED'] },
  { code: 'CJ-08', title: '中标通知书发出后三十日内订立书面合同', legalBasis: '《中华人民共和国招标投标法》第四十六条', stages: ['AWARDED', 'CONTRACT_FILED'] },
];

const sha256Of = (text: string) => createHash('sha256').update(text).digest();

/**
 * The demo draws follow the real procedure (docs/draw.md): the office and a second unit each commit
 * and reveal a secret; the secrets (and the pseudonym key) are fixed here only so the demo data is the
 * same on every machine. Anyone can re-run these draws (verifyDraw).
 */
export const DEMO_DRAWS = [
  { year: 2024, drawnOn: '2024-12-10', participants: ['ZWJ', 'ZJJ'] },
  { year: 2025, drawnOn: '2025-12-10', participants: ['ZWJ', 'JTJ'] },
  { year: 2026, drawnOn: '2026-11-20', participants: ['ZWJ', 'LEADING_GROUP'] },
].map((d) => ({
  ...d,
  secrets: Object.fromEntries(d.participants.map((unit) => [unit, sha256Of(`enforcers-demo-secret-${d.year}-${unit}`).toString('hex')])),
  pseudonymKey: sha256Of(`enforcers-demo-pseudonyms-${d.year}`),
}));

const DEMO_OFFICE = 'demo-office-clerk';

/**
 * Demo data: 80 enforcers (16 per line department, specialties of the department's categories; a few
 * inactive or with an expired certificate), training records, conflicts of interest with real parties
 * of real projects, the item list, a plan per year 2024–2026 with its committed draw over that year's
 * real projects (read from the projects subgraph), and some recorded and published inspections.
 * Does nothing when the roster already exists.
 */
export async function seedDemoData(em: EntityManager, env: SeedEnvironment): Promise<void> {
  if ((await em.count(Enforcer, {})) > 0) return;
  const random = prng(20230815);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const source = new GraphProjectPoolSource(env.graph('projects'));
  const pools = new Map<number, PoolProject[]>();
  for (const { year } of DEMO_DRAWS) pools.set(year, await source.projectsRegisteredIn(`${year}-01-01`, `${year}-12-31`));

  const enforcers: Enforcer[] = [];
  for (const [d, department] of (await memberUnits()).lineCodes.filter((code) => SPECIALTIES[code]).entries()) {
    for (let i = 0; i < 16; i += 1) {
      const own = SPECIALTIES[department];
      const specialties = new Set<EnforcerSpecialty>([own[i % own.length]]);
      if (random() < 0.25) specialties.add(pick(Object.values(EnforcerSpecialty)));
      const n = d * 16 + i;
      enforcers.push(
        em.create(Enforcer, {
          id: uuidFrom(random),
          name: pick(SURNAMES) + pick(GIVEN),
          departmentCode: department,
          certificateNumber: `鄂荆执${String(2021 + (n % 3))}${department}${String(n + 1).padStart(4, '0')}`,
          // Two per department expired mid-2025: the 2025 and 2026 draws must skip them.
          certificateValidUntil: i < 2 ? '2025-06-30' : addDays('2027-01-01', Math.floor(random() * 1000)),
          specialties: [...specialties].sort(),
          active: i !== 15,
          createdAt: new Date('2024-01-02T01:00:00Z'),
        }),
      );
    }
  }
  for (const enforcer of enforcers) {
    const courses = 1 + Math.floor(random() * 3);
    for (let c = 0; c < courses; c += 1) {
      em.create(TrainingRecord, {
        id: uuidFrom(random),
        enforcer,
        course: pick(COURSES),
        completedOn: addDays('2024-01-15', Math.floor(random() * 900)),
        hours: [8, 16, 24, 32][Math.floor(random() * 4)],
      });
    }
  }
  // A few recorded relations with real parties (e.g. a spouse at a bidder): the draws exclude them.
  const parties = [...new Set([...pools.values()].flat().flatMap((p) => p.partyCreditCodes))].sort();
  const related = new Set<string>();
  for (let k = 0; k < Math.min(12, parties.length); k += 1) {
    const enforcer = enforcers[Math.floor(random() * enforcers.length)];
    const creditCode = parties[Math.floor(random() * parties.length)];
    if (related.has(`${enforcer.id}|${creditCode}`)) continue;
    related.add(`${enforcer.id}|${creditCode}`);
    em.create(ConflictOfInterest, {
      id: uuidFrom(random),
      enforcer,
      creditCode,
      reason: pick(['配偶在该单位任职', '近三年曾在该单位工作', '直系亲属持有该单位股份']),
      recordedOn: '2024-03-01',
      recordedBy: DEMO_OFFICE,
    });
  }
  const items = DEMO_ITEMS.map((item) => em.create(InspectionItem, { id: uuidFrom(random), ...item }));
  await em.flush();

  for (const { year, drawnOn, participants, secrets, pseudonymKey } of DEMO_DRAWS) {
    const plan = em.create(InspectionPlan, {
      id: uuidFrom(random),
      name: `${year}年度工程建设招投标领域“双随机一公开”联合抽查计划`,
      year,
      periodFrom: `${year}-01-01`,
      periodTo: `${year}-12-31`,
      samplingRatioBasisPoints: 1000,
      inspectorsPerProject: 2,
      createdBy: DEMO_OFFICE,
      createdAt: new Date(`${year}-03-01T02:00:00Z`),
    });
    plan.items.set(items);
    await em.flush();
    const pool = pools.get(year)!;
    if (pool.length === 0) {
      env.log.warn({ year }, 'no projects in the pool for the demo year: plan left without a draw');
      continue;
    }
    await em.transactional(async (tx) => {
      const at = (minutes: number) => new Date(new Date(`${drawnOn}T01:00:00Z`).getTime() + minutes * 60_000);
      const round = await freezeRound(tx, {
        plan: await tx.findOneOrFail(InspectionPlan, { id: plan.id }),
        number: 1,
        pool,
        participants,
        drawnOn,
        revealDeadline: at(3 * 24 * 60),
        frozenBy: DEMO_OFFICE,
        frozenAt: at(0),
        pseudonymKey,
      });
      await tx.flush();
      // The office commits and reveals first (the procedure's rule), the second unit after it.
      const ordered = [...participants].sort((a, b) => (a === 'ZWJ' ? -1 : b === 'ZWJ' ? 1 : 0));
      const commitments = [];
      for (const [k, unit] of ordered.entries()) {
        commitments.push(
          await recordCommitment(tx, { round, unitCode: unit, commitment: commitmentOf(secrets[unit]), by: `demo-${unit.toLowerCase()}`, at: at(10 + k) }),
        );
        await tx.flush();
      }
      for (const [k, unit] of ordered.entries()) {
        await recordReveal(tx, { round, commitment: commitments[k], secret: secrets[unit], by: `demo-${unit.toLowerCase()}`, at: at(30 + k) });
        await tx.flush();
      }
      const draw = makeDraw(tx, { round, by: DEMO_OFFICE, at: at(60) });
      await tx.flush();
      const inspections = await tx.find(Inspection, { draw }, { orderBy: { projectCode: 'asc' } });
      // Older years are finished and published; the current year is still partly open.
      const share = year < 2026 ? 1 : 0.5;
      for (const [n, inspection] of inspections.entries()) {
        if (n >= Math.ceil(inspections.length * share)) break;
        const failing = random() < 0.3 ? pick(DEMO_ITEMS).code : null;
        inspection.checklist = DEMO_ITEMS.map((item) => ({
          itemCode: item.code,
          outcome: item.code === failing ? ChecklistOutcome.NON_COMPLIANT : random() < 0.15 ? ChecklistOutcome.NOT_APPLICABLE : ChecklistOutcome.COMPLIANT,
          note: item.code === failing ? '发现问题，详见检查发现' : null,
        }));
        inspection.inspectedOn = addDays(drawnOn, 3 + (n % 4));
        inspection.summary = failing ? '抽查发现问题，已责令整改' : '未发现违法违规问题';
        inspection.status = InspectionStatus.RECORDED;
        inspection.recordedBy = inspection.inspectorIds[0];
        inspection.recordedAt = new Date(`${inspection.inspectedOn}T08:00:00Z`);
        if (failing) {
          const project = pool.find((p) => p.id === inspection.projectId)!;
          tx.create(InspectionFinding, {
            id: uuidFrom(random),
            inspection,
            itemCode: failing,
            description: `${DEMO_ITEMS.find((i) => i.code === failing)!.title}：存在不符合规定的情形`,
            severity: pick([FindingSeverity.MINOR, FindingSeverity.MAJOR]),
            respondentCreditCodes: project.partyCreditCodes.slice(0, 1),
            createdAt: inspection.recordedAt,
          });
        }
        if (year < 2026 || n % 2 === 0) {
          inspection.status = InspectionStatus.PUBLISHED;
          inspection.publishedAt = new Date(`${addDays(inspection.inspectedOn, 10)}T02:00:00Z`);
          draw.publishedAt ??= inspection.publishedAt;
        }
      }
    });
  }
  await em.flush();
}
