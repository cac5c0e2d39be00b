import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, CREDIT_CODE_ALPHABET, seededRandom, withCheckCharacter, type Caller, type SeedEnvironment } from '@hub/kit';
import { memberUnitsIn } from './department/member-units';
import { MarketEntity } from './market-entity/market-entity.entity';
import { withIdentityCheck } from './practitioner/identity-number';
import { Practitioner, PractitionerRole } from './practitioner/practitioner.entity';
import { Bid, Project, ProjectCategory, TenderMethod } from './project/project.entity';
import { ProjectService } from './project/project.service';

/** The kit's deterministic PRNG (mulberry32): the same demo data on every machine. */
export const prng = seededRandom;

const DEMO = { entities: 150, projects: 200, practitioners: 40 };
const CATEGORY_BY_DEPARTMENT: Record<string, ProjectCategory[]> = {
  FGJ: [ProjectCategory.MUNICIPAL, ProjectCategory.HOUSING],
  ZJJ: [ProjectCategory.HOUSING, ProjectCategory.MUNICIPAL],
  JTJ: [ProjectCategory.TRANSPORT],
  SLJ: [ProjectCategory.WATER],
  NYJ: [ProjectCategory.AGRICULTURE],
};
const PLACES = ['沙市', '荆州', '江汉', '荆江', '长港', '洪湖', '关沮', '岑河', '观音垱', '锣场', '立新', '联合', '崇文', '中山', '胜利', '解放'];
const TRADES = ['建筑工程', '市政工程', '路桥建设', '水利水电工程', '农业开发', '园林绿化', '建设监理', '工程咨询', '机电安装', '装饰工程'];
const WORKS: Record<ProjectCategory, string[]> = {
  HOUSING: ['保障性住房', '老旧小区改造', '学校教学楼', '卫生院门诊楼', '社区服务中心'],
  MUNICIPAL: ['道路提档升级', '雨污分流改造', '城区供水管网', '公园景观提升', '路灯节能改造'],
  TRANSPORT: ['农村公路', '桥梁危桥改造', '客运站', '县乡道大中修', '港口码头'],
  WATER: ['泵站更新改造', '河道综合治理', '堤防加固', '农村饮水安全', '湖泊生态修复'],
  AGRICULTURE: ['高标准农田建设', '农田水利', '现代农业产业园', '冷链物流设施', '畜禽粪污资源化'],
};
/** Trade names (字号) of the demo bidders. */
const BRANDS = [
  '宏达',
  '恒信',
  '楚天',
  '华源',
  '鑫盛',
  '长江',
  '荆楚',
  '中凯',
  '广厦',
  '永安',
  '联创',
  '天宇',
  '润泽',
  '金诚',
  '博远',
  '立信',
  '汇通',
  '众邦',
  '国泰',
  '安居',
];
const TENDERER_FORMS = ['城市建设投资有限公司', '城市发展集团有限公司', '建设开发有限公司', '城投置业有限公司', '基础设施建设有限公司', '水务投资有限公司'];
const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平', '刚'];

/** The center's account that "recorded" the demo history. */
const DEMO_CENTER: Caller = { sub: 'demo-center-clerk', name: 'Demo clerk', role: 'CENTER', department: 'JYZX' };

function creditCode(random: () => number, first2: string): string {
  let body = first2 + '421002';
  for (let i = 0; i < 9; i += 1) body += CREDIT_CODE_ALPHABET[Math.floor(random() * CREDIT_CODE_ALPHABET.length)];
  return withCheckCharacter(body);
}

/**
 * Demo data (the member units themselves are reference data from the migration): ~150 market entities with valid credit codes, ~40 practitioners and
 * ~200 projects across the five line departments in every stage, recorded through the same
 * service the graph uses, so stage order and interval flags are real. Runs once: a second start
 * finds projects and leaves everything as it is.
 */
export async function seedDemoData(em: EntityManager, env?: SeedEnvironment, options: { projects?: number } = {}): Promise<void> {
  if ((await em.count(Project, {})) > 0) return;
  // Fewer projects (tests) take the same path; the age spread still covers every stage.
  const total = options.projects ?? DEMO.projects;
  const random = prng(20230701);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];

  const tenderers: MarketEntity[] = [];
  const agencies: MarketEntity[] = [];
  const bidders: MarketEntity[] = [];
  const used = new Set<string>();
  const usedNames = new Set<string>();
  for (let i = 0; i < DEMO.entities; i += 1) {
    const role = i < 25 ? 'tenderer' : i < 40 ? 'agency' : 'bidder';
    let code = creditCode(random, role === 'tenderer' && i % 3 === 0 ? '12' : '91');
    while (used.has(code)) code = creditCode(random, '91');
    used.add(code);
    const place = pick(PLACES);
    const candidates =
      role === 'tenderer'
        ? i % 3 === 0
          ? [`荆州市沙市区${place}${pick(['街道办事处', '水利站', '农业服务中心', '教育局'])}`]
          : TENDERER_FORMS.map((form) => `荆州市${place}${form}`)
        : role === 'agency'
          ? [`湖北${place}${pick(['工程项目管理', '招标代理', '工程咨询'])}有限公司`]
          : ((trade) => BRANDS.map((brand) => `湖北${brand}${trade}有限公司`))(pick(TRADES));
    // Names as registered companies carry them (字号 + trade), unique without a number appended;
    // the rotation starts at i, so the random draws (and every later demo figure) stay as they were.
    const name = candidates.map((_, k) => candidates[(i + k) % candidates.length]).find((n) => !usedNames.has(n)) ?? `${candidates[0]}（${i}）`;
    usedNames.add(name);
    const entity = em.create(MarketEntity, {
      creditCode: code,
      name,
      legalRepresentative: pick(SURNAMES) + pick(GIVEN),
      registeredOn: addDays('2022-01-01', Math.floor(random() * 700)),
    });
    (role === 'tenderer' ? tenderers : role === 'agency' ? agencies : bidders).push(entity);
  }
  for (let i = 0; i < DEMO.practitioners; i += 1) {
    const birth = addDays('1965-01-01', Math.floor(random() * 12000)).replace(/-/g, '');
    em.create(Practitioner, {
      name: pick(SURNAMES) + pick(GIVEN),
      role: [PractitionerRole.PROJECT_MANAGER, PractitionerRole.AGENCY_STAFF, PractitionerRole.EVALUATION_EXPERT][i % 3],
      identityNumber: withIdentityCheck(`421002${birth}${String(100 + i).slice(-3)}`),
      employer: i % 3 === 2 ? null : pick(i % 3 === 0 ? bidders : agencies),
    });
  }
  await em.flush();
  em.clear();

  // The member units come from the migration's reference rows; demo projects go to the line departments with demo categories.
  const lines = (await memberUnitsIn(em)).lineCodes.filter((code) => CATEGORY_BY_DEPARTMENT[code]);
  for (let i = 0; i < total; i += 1) {
    // The slowest seed: report progress (pnpm start shows it while it waits).
    if (i > 0 && i % 25 === 0) env?.log.info({ progress: `${i} of ${total} projects` }, 'demo data progress');
    const department = lines[i % lines.length];
    const category = pick(CATEGORY_BY_DEPARTMENT[department]);
    const registeredOn = addDays('2024-01-02', Math.floor((i / total) * 1000 + random() * 20));
    const service = new ProjectService(em.fork(), DEMO_CENTER);
    const year = registeredOn.slice(0, 4);
    const project = await service.registerProject({
      code: `SS${year}-${department}-${String(i + 1).padStart(4, '0')}`,
      name: `沙市区${pick(PLACES)}${pick(WORKS[category])}项目`,
      category,
      supervisingDepartment: department,
      tendererCreditCode: pick(tenderers).creditCode,
      tenderAgencyCreditCode: random() < 0.85 ? pick(agencies).creditCode : null,
      budget: `${Math.floor(500_000 + random() * 49_500_000)}.${String(Math.floor(random() * 100)).padStart(2, '0')}`,
      tenderMethod: random() < 0.85 ? TenderMethod.OPEN : TenderMethod.INVITED,
      registeredOn,
    });
    // Older projects have progressed further; a few break a statutory interval on purpose.
    const age = (total - i) / total;
    const targetSteps = Math.min(9, Math.floor(age * 10 + random() * 3));
    let day = addDays(registeredOn, 3 + Math.floor(random() * 10));
    const doc = (kind: string) => `${project.code}-${kind}`;
    if (targetSteps < 1) continue;
    const deadline = addDays(day, random() < 0.08 ? 15 + Math.floor(random() * 5) : 20 + Math.floor(random() * 10));
    await service.announceTender({ projectId: project.id, announcedOn: day, bidDeadline: deadline, documentRef: doc('GG') });
    if (random() < 0.3) {
      const issuedOn = addDays(day, 3 + Math.floor(random() * 6));
      const late = random() < 0.25;
      const moved = addDays(issuedOn, 15 + Math.floor(random() * 5));
      await service.recordClarification({
        projectId: project.id,
        issuedOn,
        documentRef: doc('CQ'),
        newBidDeadline: !late && moved > deadline ? moved : null,
      });
    }
    const current = (await em.fork().findOneOrFail(Project, { id: project.id })).bidDeadline!;
    if (targetSteps < 2) continue;
    const bidCount = random() < 0.07 ? 2 : 3 + Math.floor(random() * 5);
    const chosen = new Set<MarketEntity>();
    while (chosen.size < bidCount) chosen.add(pick(bidders));
    const budget = Number(project.budget);
    const bids: Bid[] = [];
    for (const bidder of chosen) {
      bids.push(
        await service.recordBid({
          projectId: project.id,
          bidderCreditCode: bidder.creditCode,
          amount: (budget * (0.85 + random() * 0.14)).toFixed(2),
          submittedOn: addDays(current, -Math.floor(random() * 5)),
        }),
      );
    }
    day = current;
    const opened = await service.openBids({ projectId: project.id, occurredOn: day, documentRef: doc('KB') });
    if (opened.tenderRound > 1 || targetSteps < 3) continue;
    day = addDays(day, 1 + Math.floor(random() * 3));
    await service.recordEvaluation({ projectId: project.id, occurredOn: day, documentRef: doc('PBBG') });
    if (targetSteps < 4) continue;
    day = addDays(day, 1);
    const publicityDays = random() < 0.06 ? 2 : 3 + Math.floor(random() * 3);
    // The first day is not counted: a 3-day publicity starting on `day` ends 3 days later.
    const endsOn = addDays(day, publicityDays);
    await service.publishCandidates({ projectId: project.id, startsOn: day, endsOn, documentRef: doc('GS') });
    if (targetSteps < 5) continue;
    day = addDays(endsOn, 1 + Math.floor(random() * 3));
    const winner = bids.reduce((low, bid) => (Number(bid.amount) < Number(low.amount) ? bid : low));
    await service.awardProject({ projectId: project.id, winningBidId: winner.id, noticeIssuedOn: day, documentRef: doc('ZBTZ') });
    if (targetSteps < 6) continue;
    const signedOn = addDays(day, random() < 0.07 ? 31 + Math.floor(random() * 15) : 5 + Math.floor(random() * 20));
    day = addDays(signedOn, 2);
    await service.fileContract({ projectId: project.id, signedOn, filedOn: day, contractAmount: winner.amount, documentRef: doc('HTBA') });
    if (targetSteps < 7) continue;
    day = addDays(day, 10);
    await service.startPerformance({ projectId: project.id, occurredOn: day, documentRef: doc('LY') });
    if (targetSteps < 8) continue;
    day = addDays(day, 120 + Math.floor(random() * 200));
    await service.completeProject({ projectId: project.id, occurredOn: day, documentRef: doc('JG') });
  }
  env?.log.info({ projects: total, entities: DEMO.entities }, 'projects demo data loaded');
}
