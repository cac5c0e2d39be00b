import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createWorld } from '../test-support/fixtures';

let world: Awaited<ReturnType<typeof createWorld>>;
const office = as('OFFICE', 'ZWJ');
const TASK = `id status deadline overdue daysLeft completedOn completionNote version responsibleDepartment { code } project { id } progress { note actorDepartment reportedOn }`;

beforeAll(async () => {
  world = await createWorld();
});

afterAll(async () => world?.orm.close());

async function create(input: Record<string, unknown>) {
  const result = await world.gql(`mutation($input: CreateRectificationTaskInput!) { createRectificationTask(input: $input) { ${TASK} } }`, { input }, office);
  expect(result.errors).toBeUndefined();
  return result.data.createRectificationTask;
}

describe('rectification tasks (整改)', () => {
  it('tracks a task from creation through progress to completion by the responsible department', async () => {
    const task = await create({
      source: 'AUDIT',
      sourceReference: '沙审〔2026〕8号',
      projectId: world.projectOf('SLJ'),
      problem: '合同价款调整无依据',
      measures: '重新核定并追回多付价款',
      responsibleDepartmentCode: 'SLJ',
      deadline: '2026-12-20',
    });
    expect(task).toMatchObject({
      status: 'OPEN',
      overdue: false,
      daysLeft: 24,
      responsibleDepartment: { code: 'SLJ' },
      project: { id: world.projectOf('SLJ') },
    });

    const progress = `mutation($input: RectificationProgressInput!) { reportRectificationProgress(input: $input) { ${TASK} } }`;
    const other = await world.gql(progress, { input: { taskId: task.id, note: '已整改' } }, as('DEPT', 'ZJJ'));
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reported = await world.gql(progress, { input: { taskId: task.id, note: '已完成价款复核' } }, as('DEPT', 'SLJ'));
    expect(reported.data.reportRectificationProgress.progress).toEqual([{ note: '已完成价款复核', actorDepartment: 'SLJ', reportedOn: '2026-11-26' }]);

    const complete = `mutation($input: CompleteRectificationInput!) { completeRectificationTask(input: $input) { ${TASK} } }`;
    const done = await world.gql(complete, { input: { taskId: task.id, completionNote: '已追回多付价款' } }, as('DEPT', 'SLJ'));
    expect(done.data.completeRectificationTask).toMatchObject({ status: 'COMPLETED', completedOn: '2026-11-26', overdue: false, daysLeft: null });
    const again = await world.gql(complete, { input: { taskId: task.id, completionNote: '再次' } }, office);
    expect(again.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', currentStatus: 'COMPLETED' });
  });

  it('flags open tasks past their deadline and lists them per department', async () => {
    const task = await create({
      source: 'INSPECTION_TOUR',
      sourceReference: '巡察反馈-3',
      problem: '评标专家抽取记录不全',
      measures: '补齐记录',
      responsibleDepartmentCode: 'JTJ',
      deadline: '2026-11-30',
    });
    world.clock.now = new Date('2026-12-05T02:00:00Z');
    try {
      const list = await world.gql(
        `{ rectificationTasks(department: "JTJ", overdueOnly: true) { totalCount nodes { id overdue daysLeft } } }`,
        {},
        as('DEPT', 'JTJ'),
      );
      expect(list.data.rectificationTasks.nodes).toEqual([{ id: task.id, overdue: true, daysLeft: -5 }]);
    } finally {
      world.clock.now = new Date('2026-11-26T02:00:00Z');
    }
  });

  it('refuses a past deadline, an unknown department and writers other than the office', async () => {
    const base = { source: 'INSPECTION', sourceReference: 'X', problem: 'p', measures: 'm', responsibleDepartmentCode: 'ZJJ', deadline: '2026-12-31' };
    const mutation = `mutation($input: CreateRectificationTaskInput!) { createRectificationTask(input: $input) { id } }`;
    expect((await world.gql(mutation, { input: { ...base, deadline: '2026-11-01' } }, office)).errors?.[0].extensions).toMatchObject({ field: 'deadline' });
    expect((await world.gql(mutation, { input: { ...base, responsibleDepartmentCode: 'ABC' } }, office)).errors?.[0].extensions).toMatchObject({
      field: 'responsibleDepartmentCode',
    });
    expect((await world.gql(mutation, { input: base }, as('DEPT', 'ZJJ'))).errors?.[0].message).toMatch(/Access denied/);
    const noProject = await world.gql(mutation, { input: { ...base, projectId: '00000000-0000-4000-8000-00000000abcd' } }, office);
    expect(noProject.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'projectId', rule: 'known project' });
  });

  it("shows a department its own tasks in full and other departments' as a summary", async () => {
    const task = await create({
      source: 'AUDIT',
      sourceReference: '沙审〔2026〕9号',
      projectId: world.projectOf('SLJ'),
      problem: '变更签证不规范',
      measures: '完善签证流程',
      responsibleDepartmentCode: 'SLJ',
      deadline: '2026-12-20',
    });
    const read = (user: ReturnType<typeof as>) =>
      world.gql(`{ rectificationTasks(department: "SLJ") { nodes { id view problem measures completionNote progress { note } } } }`, {}, user);
    const own = (await read(as('DEPT', 'SLJ'))).data.rectificationTasks.nodes.find((n: { id: string }) => n.id === task.id);
    expect(own).toMatchObject({ view: 'FULL', problem: '变更签证不规范', measures: '完善签证流程', progress: [] });
    const other = (await read(as('DEPT', 'ZJJ'))).data.rectificationTasks.nodes.find((n: { id: string }) => n.id === task.id);
    expect(other).toEqual({ id: task.id, view: 'SUMMARY', problem: null, measures: null, completionNote: null, progress: null });
  });
});
