import { useMutation, useQuery } from '@apollo/client/react';
import { Button, Card, Form, Input, InputNumber, Select, Table, Tabs, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { PAGE_SIZE } from '../config';
import { PagedTable } from '../data/PagedTable';
import { EmptyText } from '../data/pager-controls';
import { useCursorPager } from '../data/paging';
import { InlineError, MissingSliceBanner } from '../data/QueryState';
import { Tag } from '../data/Tag';
import { RefusalAlert, useSubmit } from '../forms/useSubmit';
import {
  CreateInspectionPlanDocument,
  InspectionItemsDocument,
  InspectionPlansDocument,
  WorkInspectionsDocument,
  type InspectionPlansQuery,
  type InspectionFilter,
  type WorkInspectionsQuery,
} from '../gql/inspections/graphql';
import { INSPECTION_STATUS_LABELS, label } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { ROUND_STATUS_LABELS } from './labels';
import { FormContrast } from '../forms/FormContrast';

type InspectionRow = WorkInspectionsQuery['inspections']['nodes'][number];
type PlanRow = InspectionPlansQuery['inspectionPlans']['nodes'][number];

const STATUS_COLOURS: Record<string, string> = { ASSIGNED: 'blue', RECORDED: 'gold', PUBLISHED: 'green', CANCELLED: 'default' };

/** 双随机抽查: the caller's inspections, the plans (and a new one for the office), the item list. */
export function InspectionsHome() {
  const { t } = useLocale();
  const session = useSession();
  return (
    <FormContrast>
      <>
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('双随机抽查', 'Random inspections')}
        </Typography.Title>
        <Tabs
          items={[
            {
              key: 'inspections',
              label: session.role === 'ENFORCER' ? t('我的检查任务', 'My inspections') : t('检查任务', 'Inspections'),
              children: <InspectionTable />,
            },
            { key: 'plans', label: t('抽查计划', 'Plans'), children: <PlanTable /> },
            { key: 'items', label: t('抽查事项清单', 'Inspection items'), children: <ItemTable /> },
          ]}
        />
      </>
    </FormContrast>
  );
}

function InspectionTable() {
  const { t, lang } = useLocale();
  const session = useSession();
  const pager = useCursorPager();
  const [status, setStatus] = useState<string>();
  const filter: InspectionFilter = { status: status as InspectionFilter['status'] };
  // An enforcer works on their own; a department on its projects' (the server scopes the same way).
  if (session.role === 'ENFORCER') filter.inspectorId = session.sub;
  if (session.role === 'DEPT') filter.departmentCode = session.department;
  const { data, loading, error } = useQuery(WorkInspectionsDocument, { variables: { filter, first: PAGE_SIZE, after: pager.after } });
  const columns: TableColumnsType<InspectionRow> = [
    { title: t('项目', 'Project'), key: 'project', render: (_, i) => <Link to={`/inspections/${i.id}`}>{`${i.projectCode} ${i.project.name ?? ''}`}</Link> },
    { title: t('主管部门', 'Department'), key: 'dept', render: (_, i) => i.supervisingDepartment.code },
    { title: t('计划', 'Plan'), key: 'plan', render: (_, i) => <Link to={`/inspections/plans/${i.plan.id}`}>{i.plan.name}</Link> },
    { title: t('检查人员', 'Inspectors'), key: 'inspectors', render: (_, i) => i.inspectors.map((e) => e.name).join('、') },
    {
      title: t('状态', 'Status'),
      key: 'status',
      render: (_, i) => <Tag color={STATUS_COLOURS[i.status]}>{label(INSPECTION_STATUS_LABELS, i.status, lang)}</Tag>,
    },
    { title: t('检查日期', 'Inspected on'), dataIndex: 'inspectedOn' },
    { title: t('问题数', 'Findings'), key: 'findings', render: (_, i) => i.findings.length },
  ];
  return (
    <Card size="small">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <Select
        allowClear
        aria-label={t('按状态筛选', 'Filter by status')}
        placeholder={t('全部状态', 'All statuses')}
        style={{ width: 200, marginBottom: 12 }}
        value={status}
        onChange={(v) => {
          setStatus(v);
          pager.reset();
        }}
        options={Object.keys(INSPECTION_STATUS_LABELS).map((s) => ({ value: s, label: label(INSPECTION_STATUS_LABELS, s, lang) }))}
      />
      <PagedTable
        connection={data?.inspections}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('检查任务', 'Inspections')}
      />
    </Card>
  );
}

function PlanTable() {
  const { t, lang } = useLocale();
  const session = useSession();
  const pager = useCursorPager();
  const { data, loading, error } = useQuery(InspectionPlansDocument, { variables: { first: PAGE_SIZE, after: pager.after } });
  const columns: TableColumnsType<PlanRow> = [
    { title: t('计划', 'Plan'), key: 'name', render: (_, p) => <Link to={`/inspections/plans/${p.id}`}>{p.name}</Link> },
    { title: t('项目登记期间', 'Period'), key: 'period', render: (_, p) => `${p.periodFrom} ~ ${p.periodTo}` },
    { title: t('抽取比例', 'Ratio'), key: 'ratio', render: (_, p) => `${Math.round(p.samplingRatio * 1000) / 10}%` },
    { title: t('每项目检查人员', 'Inspectors each'), dataIndex: 'inspectorsPerProject' },
    {
      title: t('现行抽取', 'Draw in force'),
      key: 'draw',
      render: (_, p) =>
        p.currentDraw ? (
          <Link to={`/inspections/draws/${p.currentDraw.id}`}>
            {t(
              `${p.currentDraw.drawnOn}：${p.currentDraw.result.drawnCount}/${p.currentDraw.poolSize} 个项目`,
              `${p.currentDraw.drawnOn}: ${p.currentDraw.result.drawnCount} of ${p.currentDraw.poolSize} projects`,
            )}
          </Link>
        ) : (
          <EmptyText text={t('尚未抽取', 'Not drawn yet')} />
        ),
    },
    {
      title: t('进行中的轮次', 'Round in progress'),
      key: 'round',
      render: (_, p) => {
        const open = p.rounds.find((r) => r.status === 'COMMITTING' || r.status === 'REVEALING' || r.status === 'REVEALED');
        return open ? label(ROUND_STATUS_LABELS, open.status, lang) : '';
      },
    },
  ];
  return (
    <Card size="small">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      {session.role === 'OFFICE' && <NewPlanForm />}
      <PagedTable
        connection={data?.inspectionPlans}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('抽查计划', 'Plans')}
      />
    </Card>
  );
}

interface PlanValues {
  name: string;
  periodFrom: string;
  periodTo: string;
  itemCodes: string[];
  samplingPercent: number;
  inspectorsPerProject: number;
}

/** The office's new plan: the same floors as the server (≥ 5% of the pool, ≥ 2 inspectors, at least one item). */
function NewPlanForm() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<PlanValues>();
  const items = useQuery(InspectionItemsDocument);
  const [create] = useMutation(CreateInspectionPlanDocument);
  const { submit, busy, general } = useSubmit<PlanValues>(
    form,
    async (v) => {
      const { data } = await create({
        variables: {
          input: {
            name: v.name,
            periodFrom: v.periodFrom,
            periodTo: v.periodTo,
            itemCodes: v.itemCodes,
            samplingRatio: v.samplingPercent / 100,
            inspectorsPerProject: v.inspectorsPerProject,
          },
        },
      });
      if (data) void navigate(`/inspections/plans/${data.createInspectionPlan.id}`);
    },
    {
      name: 'name',
      periodFrom: 'periodFrom',
      periodTo: 'periodTo',
      itemCodes: 'itemCodes',
      samplingRatio: 'samplingPercent',
      inspectorsPerProject: 'inspectorsPerProject',
    },
  );
  if (!open) {
    return (
      <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setOpen(true)}>
        {t('新建抽查计划', 'New plan')}
      </Button>
    );
  }
  return (
    <Card size="small" title={t('新建抽查计划', 'New plan')} style={{ marginBottom: 16 }}>
      <RefusalAlert messages={general} />
      <Form<PlanValues>
        form={form}
        layout="vertical"
        name="new-plan"
        initialValues={{ samplingPercent: 5, inspectorsPerProject: 2 }}
        onFinish={submit}
        style={{ maxWidth: 640 }}
      >
        <Form.Item
          name="name"
          label={t('计划名称', 'Name')}
          rules={[{ required: true, whitespace: true, message: t('请填写计划名称', 'Give the plan a name') }, { max: 255 }]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="periodFrom"
          label={t('项目登记期间起（抽取池）', 'Pool: projects registered from')}
          rules={[{ required: true, message: t('请选择起始日期', 'Choose the first day') }]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="periodTo"
          label={t('项目登记期间止', 'Pool: registered until')}
          dependencies={['periodFrom']}
          rules={[
            { required: true, message: t('请选择截止日期', 'Choose the last day') },
            ({ getFieldValue }) => ({
              validator: (_, value: string) =>
                !value || !getFieldValue('periodFrom') || value >= getFieldValue('periodFrom')
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('截止日期不能早于起始日期', 'The last day cannot be before the first'))),
            }),
          ]}
        >
          <Input type="date" />
        </Form.Item>
        <Form.Item
          name="itemCodes"
          label={t('抽查事项', 'Inspection items')}
          rules={[{ required: true, type: 'array', min: 1, message: t('至少选择一个抽查事项', 'Choose at least one item') }]}
        >
          <Select
            mode="multiple"
            options={(items.data?.inspectionItems ?? []).filter((i) => i.active).map((i) => ({ value: i.code, label: `${i.code} ${i.title}` }))}
          />
        </Form.Item>
        <Form.Item
          name="samplingPercent"
          label={t('抽取比例（%，不低于 5%）', 'Sampling ratio (%, at least 5)')}
          rules={[{ required: true, type: 'number', min: 5, max: 100, message: t('抽取比例须在 5% 至 100% 之间', 'Between 5% and 100%') }]}
        >
          <InputNumber min={5} max={100} step={1} />
        </Form.Item>
        <Form.Item
          name="inspectorsPerProject"
          label={t('每个项目检查人员数（不少于 2 人）', 'Inspectors per project (at least 2)')}
          rules={[{ required: true, type: 'integer', min: 2, max: 10, message: t('每个项目至少 2 名检查人员', 'At least 2 inspectors per project') }]}
        >
          <InputNumber min={2} max={10} precision={0} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {t('创建计划', 'Create plan')}
        </Button>{' '}
        <Button onClick={() => setOpen(false)} disabled={busy}>
          {t('取消', 'Cancel')}
        </Button>
      </Form>
    </Card>
  );
}

function ItemTable() {
  const { t } = useLocale();
  const { data, loading, error } = useQuery(InspectionItemsDocument);
  type Item = NonNullable<typeof data>['inspectionItems'][number];
  const columns: TableColumnsType<Item> = [
    { title: t('编号', 'Code'), dataIndex: 'code' },
    { title: t('抽查事项', 'Item'), dataIndex: 'title' },
    { title: t('法律依据', 'Legal basis'), dataIndex: 'legalBasis' },
    { title: t('检查阶段', 'Stages'), key: 'stages', render: (_, i) => i.stages.join(', ') },
    { title: t('状态', 'Status'), key: 'active', render: (_, i) => (i.active ? t('启用', 'Active') : t('停用', 'Inactive')) },
  ];
  return (
    <Card size="small">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <Table<Item>
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={data?.inspectionItems ?? []}
        loading={loading}
        pagination={false}
        aria-label={t('抽查事项清单', 'Inspection items')}
      />
    </Card>
  );
}
