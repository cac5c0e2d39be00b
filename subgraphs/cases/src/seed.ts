import type { EntityManager } from '@mikro-orm/postgresql';
import { addDays, clockOf, memberUnits, seededRandom, todayInShanghai, type Caller, type SeedEnvironment } from '@hub/kit';
import { Case } from './case/case.entity';
import { CaseService, type CasesEnvironment } from './case/case.service';
import { CaseRefusalGround, CaseRoutingMode, CaseStatus } from './case/case-states';
import type { EnforcerFacts, EnforcersDirectory } from './enforcers-directory';
import type { ProjectDirectory, ProjectFacts } from './project-directory';
import { RectificationSource } from './rectification/rectification.entity';
import { RectificationService } from './rectification/rectification.service';

/** The kit's deterministic PRNG (mulberry32): the same demo data on every machine. */
export const prng = seededRandom;

/** A project as the seed reads it from the projects subgraph. */
export interface SeedProject {
  id: string;
  code: string;
  name: string;
  registeredOn: string;
  supervisingDepartment: { code: string };
  tenderer: { creditCode: string };
  tenderAgency: { creditCode: string } | null;
  bids: { bidderCreditCode: string }[];
}

const PROJECTS_QUERY = /* GraphQL */ `
  query SeedCaseProjects($first: Int, $after: String) {
    projects(first: $first, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      nodes {
        id
        code
        name
        registeredOn
        supervisingDepartment {
          code
        }
        tenderer {
          creditCode
        }
        tenderAgency {
          creditCode
        }
        bids {
          bidderCreditCode
        }
      }
    }
  }
`;

const ENFORCERS_QUERY = /* GraphQL */ `
  query SeedCaseEnforcers {
    enforcers(first: 100, filter: { active: true }) {
      nodes {
        id
        department {
          code
        }
      }
    }
  }
`;

/**
 * How far older cases get (2 routed, 3 investigating, 4 decided, 5 feedback sent, 6–7 archived):
 * every state is represented, most are closed and a few stay open long enough to be overdue.
 */
const OLD_CASE_TARGETS = [7, 7, 6, 5, 4, 7, 3, 7, 6, 2, 7, 5];

/** How many demo cases the hub loads. */
export const DEMO_CASES = 300;

/** Days just before public holidays (National Day 2026, Spring Festival 2026): deadlines jump the holiday. */
const BEFORE_HOLIDAYS = ['2026-09-30', '2026-02-13', '2025-09-30', '2026-04-30'];

const COMPLAINTS = [
  '评标委员会未按招标文件规定的评标标准评审',
  '中标候选人业绩造假',
  '招标文件设置排斥潜在投标人的条款',
  '开标程序违规',
  '投标保证金退还不及时',
];
const REPORTS = ['投标人之间串通投标', '借用资质投标（挂靠）', '项目经理在建工程未完工又中标', '招标代理机构泄露标底', '违法分包转包'];
const FINDINGS = ['合同备案晚于法定期限', '评标专家抽取记录不完整', '中标人项目经理未到岗履职', '招标公告发布媒介不合规'];
const ACTIONS = ['责令改正', '约谈并责令整改', '移交行政处罚程序', '记入信用档案', '驳回投诉'];
const NAMES = ['张伟', '王芳', '李娜', '刘强', '陈静', '杨磊', '黄敏', '赵军'];

async function readProjects(env: SeedEnvironment): Promise<SeedProject[]> {
  const client = env.graph('projects');
  const projects: SeedProject[] = [];
  let after: string | null = null;
  for (;;) {
    const data: { projects: { pageInfo: { hasNextPage: boolean; endCursor: string | null }; nodes: SeedProject[] } } = await client.request(PROJECTS_QUERY, {
      first: 100,
      after,
    });
    projects.push(...data.projects.nodes);
    if (!data.projects.pageInfo.hasNextPage) return projects;
    after = data.projects.pageInfo.endCursor;
  }
}

async function readEnforcers(env: SeedEnvironment): Promise<EnforcerFacts[]> {
  try {
    const data = await env.graph('enforcers').request<{ enforcers: { nodes: { id: string; department: { code: string } }[] } }>(ENFORCERS_QUERY);
    return data.enforcers.nodes.map((n) => ({ id: n.id, departmentCode: n.department.code }));
  } catch (error) {
    // The enforcers slice may be absent or not up yet: cases are seeded without assignments then.
    env.log.warn({ err: error }, 'no enforcer roster for the cases demo data; seeding without assignments');
    return [];
  }
}

/**
 * Demo data: about 300 cases on real projects (read from the projects subgraph) across kinds,
 * states and line departments, carried through the same service the graph uses with a clock set
 * to each step's day, so trails, due dates and overdue flags are real (`count` and `today` are for tests). Some are received on the day
 * before a public holiday; recent ones are still pending and some of them overdue. Runs once.
 */
export async function seedDemoData(em: EntityManager, env: SeedEnvironment, options: { count?: number; today?: string } = {}): Promise<void> {
  const count = options.count ?? DEMO_CASES;
  if ((await em.count(Case, {})) > 0) return;
  const recent = Math.round(count * 0.13);
  const projects = (await readProjects(env)).sort((a, b) => a.code.localeCompare(b.code));
  if (projects.length === 0) {
    env.log.warn('no projects to hang demo cases on');
    return;
  }
  const enforcers = await readEnforcers(env);
  const random = prng(20260301);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const today = options.today ?? todayInShanghai();
  const facts = new Map<string, ProjectFacts>(projects.map((p) => [p.id, { id: p.id, supervisingDepartmentCode: p.supervisingDepartment.code }]));
  const directory: ProjectDirectory = {
    find: async (ids) => new Map(ids.filter((id) => facts.has(id)).map((id) => [id, facts.get(id)!])),
    // The demo cases name the demo projects' own parties, all registered.
    registeredMarketEntities: async (codes) => new Set(codes),
  };
  let clock = new Date();
  const roster = new Map(enforcers.map((e) => [e.id, e]));
  const enforcerDirectory: EnforcersDirectory = {
    enforcers: async (ids) => new Map(ids.filter((id) => roster.has(id)).map((id) => [id, roster.get(id)!])),
    // The demo findings are not in the enforcers slice's demo data: the demo cases name them only.
    findings: async (ids) => new Set(ids),
  };
  const caseEnv: CasesEnvironment = { projects: directory, enforcers: enforcerDirectory, clock: clockOf(() => clock), random };
  const at = (day: string, hour: number) => {
    clock = new Date(`${day}T${String(hour).padStart(2, '0')}:${String(Math.floor(random() * 60)).padStart(2, '0')}:00+08:00`);
  };
  const office: Caller = { sub: 'demo-office-clerk', name: '综合监管办 受理员', role: 'OFFICE', department: 'ZWJ' };
  const publicCaller: Caller = { sub: 'anonymous', name: 'Public', role: 'PUBLIC' };
  const dept = (code: string): Caller => ({ sub: `demo-${code.toLowerCase()}-officer`, name: `${code} 承办人`, role: 'DEPT', department: code });
  const service = (user: Caller) => new CaseService(em.fork(), user, caseEnv);

  for (let i = 0; i < count; i += 1) {
    const project = projects[Math.floor(random() * projects.length)];
    const parties = [
      ...new Set([
        project.tenderer.creditCode,
        ...(project.tenderAgency ? [project.tenderAgency.creditCode] : []),
        ...project.bids.map((b) => b.bidderCreditCode),
      ]),
    ];
    const respondents = parties.length ? [pick(parties)] : [];
    // Spread over the last ~600 days; a handful fall just before holidays, the last ~13% are recent and pending.
    const received =
      i % 37 === 0
        ? BEFORE_HOLIDAYS[(i / 37) % BEFORE_HOLIDAYS.length]
        : i >= count - recent
          ? addDays(today, -Math.floor(random() * 25))
          : addDays(today, -(30 + Math.floor(random() * 570)));
    const receivedOn = received < project.registeredOn ? project.registeredOn : received;
    if (receivedOn > today) continue;
    at(receivedOn, 9 + Math.floor(random() * 8));
    // How far this case gets: recent ones are often still pending, older ones cycle through every
    // later state so each is represented; each step on a later day, never after today.
    const age = Math.max(0, (Date.parse(today) - Date.parse(receivedOn)) / 86_400_000);
    const target = age < 30 ? i % 5 : OLD_CASE_TARGETS[i % OLD_CASE_TARGETS.length];
    // Findings and referrals are accepted at intake: a case meant to stay pending is a complaint or a report.
    const roll = target === 0 ? random() * 0.75 : random();
    let c: Case;
    if (roll < 0.45) {
      const r = await service(i % 3 === 0 ? office : publicCaller).submitComplaint({
        idempotencyKey: `demo-complaint-${i}`,
        projectId: project.id,
        complainantName: pick(NAMES),
        complainantContact: `1380716${String(1000 + i).slice(-4)}`,
        relationToProject: project.bids.length ? '投标人 (bidder)' : '潜在投标人 (potential bidder)',
        knewOn: addDays(receivedOn, -Math.floor(random() * 8)),
        summary: pick(COMPLAINTS),
        details: `关于${project.name}（${project.code}）：${pick(COMPLAINTS)}，附相关证明材料。`,
        respondentCreditCodes: respondents,
      });
      c = r.case;
    } else if (roll < 0.75) {
      const anonymous = random() < 0.5;
      const r = await service(publicCaller).submitReport({
        idempotencyKey: `demo-report-${i}`,
        projectId: project.id,
        reporterName: anonymous ? null : pick(NAMES),
        reporterContact: anonymous ? null : `1397160${String(1000 + i).slice(-4)}`,
        summary: pick(REPORTS),
        details: `举报${project.name}（${project.code}）存在${pick(REPORTS)}问题。`,
        respondentCreditCodes: respondents,
      });
      c = r.case;
    } else if (roll < 0.9) {
      c = await service(office).openFromInspectionFinding({
        findingId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        projectId: project.id,
        departmentCode: project.supervisingDepartment.code,
        summary: pick(FINDINGS),
        respondentCreditCodes: respondents,
      });
    } else {
      c = await service(office).recordReferral({
        idempotencyKey: `demo-referral-${i}`,
        projectId: project.id,
        referringAuthority: pick(['荆州市公共资源交易监督管理局', '沙市区纪委监委', '沙市区人民政府办公室']),
        referenceNumber: `沙政督〔${receivedOn.slice(0, 4)}〕${i}号`,
        summary: pick(REPORTS),
        details: `上级交办：${project.name}（${project.code}）相关问题线索，请核查处理。`,
        respondentCreditCodes: respondents,
      });
    }

    let day = receivedOn;
    const next = (min: number, spread: number): boolean => {
      day = addDays(day, min + Math.floor(random() * spread));
      if (day > today) return false;
      at(day, 9 + Math.floor(random() * 8));
      return true;
    };
    const step = { caseId: c.id };
    if (c.status === CaseStatus.SUBMITTED) {
      if (target < 1 || !next(0, 4)) continue;
      if (random() < 0.12) {
        c = await service(office).rejectCase({
          ...step,
          ground: pick(Object.values(CaseRefusalGround).filter((g) => g !== CaseRefusalGround.OTHER)),
          comment: '经审查不符合受理条件',
        });
        if (target >= 5 && next(3, 5)) await service(office).archiveCase({ ...step, comment: '不予受理告知书已送达，归档' });
        continue;
      }
      c = await service(office).acceptCase({ ...step, comment: '材料齐全，予以受理' });
    }
    if (target < 2 || !next(0, 3)) continue;
    const supervising = c.supervisingDepartmentCode;
    const mode = random() < 0.1 ? CaseRoutingMode.SELF_HANDLED : random() < 0.15 ? CaseRoutingMode.SPLIT : CaseRoutingMode.TRANSFERRED;
    const other = pick((await memberUnits()).lineCodes.filter((d) => d !== supervising));
    c = await service(office).routeCase({
      ...step,
      mode,
      departmentCodes: mode === CaseRoutingMode.SPLIT ? [supervising, other] : null,
      comment: mode === CaseRoutingMode.SELF_HANDLED ? '办公室自办' : mode === CaseRoutingMode.SPLIT ? '分办相关部门' : '转主管部门办理',
    });
    const handler = mode === CaseRoutingMode.SELF_HANDLED ? office : dept(c.handlingDepartments[0]);
    if (i % 11 === 0) await service(office).superviseCase({ caseId: c.id, note: '请加快办理进度，按期办结（督办）' });
    if (target < 3 || !next(1, 3)) continue;
    // A department's handler assigns its own department's enforcers (the same draws of the generator either way).
    const pool = handler.role === 'DEPT' ? enforcers.filter((e) => e.departmentCode === handler.department) : enforcers;
    const team = enforcers.length >= 2 ? [pick(pool), pick(pool)].filter((e) => e !== undefined).map((e) => e.id) : [];
    c = await service(handler).startInvestigation({ ...step, enforcerIds: team, comment: '成立联合调查组，调取招投标资料' });
    // About one in five decisions comes late (a month or more after the investigation started).
    const late = i % 5 === 0;
    if (target < 4 || !(late ? next(28, 20) : next(3, 15))) continue;
    const substantiated = random() < 0.55;
    c = await service(handler).decideCase({
      ...step,
      substantiated,
      actionTaken: substantiated ? pick(ACTIONS.slice(0, 4)) : '经调查反映问题不属实',
      penalty: substantiated && random() < 0.4 ? `罚款人民币${(1 + Math.floor(random() * 9)) * 10000}元` : null,
      comment: '作出处理决定',
    });
    if (substantiated && i % 4 === 0) {
      await new RectificationService(em.fork(), office, caseEnv).create({
        source: RectificationSource.CASE_DECISION,
        sourceReference: c.receiptNumber,
        caseId: c.id,
        problem: c.summary,
        measures: '限期整改并提交整改报告',
        responsibleDepartmentCode: c.handlingDepartments[0],
        deadline: addDays(day, 30),
      });
    }
    if (target < 5 || !next(1, 4)) continue;
    c = await service(handler).sendFeedback({ ...step, feedback: substantiated ? `经查属实，已${c.actionTaken}。` : '经查反映问题不属实，特此告知。' });
    if (target < 6 || !next(3, 10)) continue;
    await service(office).archiveCase({ ...step, comment: '办结归档' });
  }

  // Inspection and audit rectification tasks, some already late.
  for (let i = 0; i < 12; i += 1) {
    const project = pick(projects);
    at(addDays(today, -60 + i * 4), 10);
    await new RectificationService(em.fork(), office, caseEnv).create({
      source: [RectificationSource.INSPECTION, RectificationSource.AUDIT, RectificationSource.INSPECTION_TOUR][i % 3],
      sourceReference: `ZG-${today.slice(0, 4)}-${String(i + 1).padStart(3, '0')}`,
      projectId: project.id,
      problem: pick(FINDINGS),
      measures: '完善制度，补齐资料，对责任人员约谈',
      responsibleDepartmentCode: project.supervisingDepartment.code,
      deadline: addDays(today, -30 + i * 6),
    });
  }
  env.log.info({ cases: await em.fork().count(Case, {}) }, 'cases demo data loaded');
}
