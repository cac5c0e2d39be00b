import { useQuery } from '@apollo/client/react';
import { Card, Col, Row, Typography, type TableColumnsType } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { Countdown } from '../cases/CaseParts';
import { NotificationCountdown } from '../credit/NotificationCountdown';
import { EChart } from '../charts/EChart';
import { PAGE_SIZE } from '../config';
import { PagedTable } from '../data/PagedTable';
import { useCursorPager } from '../data/paging';
import { InlineError, MissingSliceBanner, QueryState } from '../data/QueryState';
import {
  DepartmentCasesDueSoonDocument,
  DepartmentInspectionsDocument,
  DepartmentNotificationsAwaitingDocument,
  DepartmentOverdueCasesDocument,
  DepartmentProjectsByStageDocument,
  type DueCaseFragment,
  type DepartmentInspectionsQuery,
  type DepartmentNotificationsAwaitingQuery,
} from '../gql/department/graphql';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, INSPECTION_STATUS_LABELS, label, STAGE_LABELS } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { pendingDeadline } from '../leader/overview';

function useCaseColumns(): TableColumnsType<DueCaseFragment> {
  const { t, lang } = useLocale();
  return [
    { title: t('回执编号', 'Receipt no.'), key: 'receipt', render: (_, c) => <Link to={`/cases/${c.id}`}>{c.receiptNumber}</Link> },
    { title: t('类型', 'Kind'), key: 'kind', render: (_, c) => label(CASE_KIND_LABELS, c.kind, lang) },
    { title: t('案由', 'Subject'), dataIndex: 'summary' },
    { title: t('项目', 'Project'), key: 'project', render: (_, c) => <Link to={`/projects/${c.project.id}`}>{c.project.name}</Link> },
    { title: t('状态', 'Status'), key: 'status', render: (_, c) => label(CASE_STATUS_LABELS, c.status, lang) },
    { title: t('期限', 'Deadline'), key: 'due', render: (_, c) => pendingDeadline(c)?.dueOn ?? '—' },
    { title: t('剩余时限', 'Time left'), key: 'left', render: (_, c) => <Countdown deadline={pendingDeadline(c)} /> },
  ];
}

function StageChart({ department }: { department: string }) {
  const { t, lang } = useLocale();
  const { data, loading, error } = useQuery(DepartmentProjectsByStageDocument, { variables: { department, code: department } });
  const option = useMemo(() => {
    if (!data) return {};
    const counts: [string, number | undefined][] = [
      ['REGISTERED', data.registered?.totalCount],
      ['ANNOUNCED', data.announced?.totalCount],
      ['BIDS_OPENED', data.bidsOpened?.totalCount],
      ['EVALUATED', data.evaluated?.totalCount],
      ['CANDIDATES_PUBLICISED', data.candidatesPublicised?.totalCount],
      ['AWARDED', data.awarded?.totalCount],
      ['CONTRACT_FILED', data.contractFiled?.totalCount],
      ['IN_PERFORMANCE', data.inPerformance?.totalCount],
      ['COMPLETED', data.completed?.totalCount],
    ];
    return {
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 16, bottom: 64 },
      xAxis: { type: 'category', data: counts.map(([s]) => label(STAGE_LABELS, s, lang)), axisLabel: { interval: 0, rotate: 30 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('项目数', 'Projects'), data: counts.map(([, n]) => n ?? null) }],
    };
  }, [data, lang, t]);
  return (
    <QueryState loading={loading} error={error} data={data}>
      {(d) => (
        <>
          <Typography.Title level={2} style={{ fontSize: 20 }}>
            {t(`部门工作台 · ${d.department?.nameZh ?? department}`, `Department dashboard · ${d.department?.name ?? department}`)}
          </Typography.Title>
          <Card size="small" title={t('本部门项目（按阶段）', 'Our projects by stage')}>
            <EChart option={option} label={t('本部门各阶段项目数柱状图', 'Bar chart of our projects by stage')} testId="stage-chart" height={280} />
          </Card>
        </>
      )}
    </QueryState>
  );
}

function CaseList({ department, kind }: { department: string; kind: 'dueSoon' | 'overdue' }) {
  const { t } = useLocale();
  const pager = useCursorPager();
  const columns = useCaseColumns();
  const dueSoon = useQuery(DepartmentCasesDueSoonDocument, { variables: { department, first: PAGE_SIZE, after: pager.after }, skip: kind !== 'dueSoon' });
  const overdue = useQuery(DepartmentOverdueCasesDocument, { variables: { department, first: PAGE_SIZE, after: pager.after }, skip: kind !== 'overdue' });
  const { loading, error } = kind === 'dueSoon' ? dueSoon : overdue;
  const connection = kind === 'dueSoon' ? dueSoon.data?.casesDueSoon : overdue.data?.cases;
  return (
    <Card size="small" title={kind === 'dueSoon' ? t('即将到期案件', 'Cases due soon') : t('逾期案件', 'Overdue cases')} data-testid={`cases-${kind}`}>
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <PagedTable connection={connection} columns={columns} pager={pager} pageSize={PAGE_SIZE} loading={loading} rowKey="id" caption={t('案件列表', 'Cases')} />
    </Card>
  );
}

type Notification = DepartmentNotificationsAwaitingQuery['performanceNotifications']['nodes'][number];
type InspectionRow = DepartmentInspectionsQuery['inspections']['nodes'][number];

function Notifications({ department }: { department: string }) {
  const { t } = useLocale();
  const pager = useCursorPager();
  const { data, loading, error } = useQuery(DepartmentNotificationsAwaitingDocument, { variables: { department, first: PAGE_SIZE, after: pager.after } });
  const columns: TableColumnsType<Notification> = [
    { title: t('项目', 'Project'), key: 'project', render: (_, n) => <Link to={`/projects/${n.project.id}`}>{n.project.name}</Link> },
    {
      title: t('主体', 'Subject'),
      key: 'subject',
      render: (_, n) => (n.subjectKey.length === 18 ? <Link to={`/entities/${n.subjectKey}`}>{n.subjectKey}</Link> : n.subjectKey),
    },
    { title: t('履约情况', 'Facts'), dataIndex: 'facts' },
    { title: t('通报日期', 'Notified'), dataIndex: 'notifiedOn' },
    { title: t('记录期限', 'Record by'), dataIndex: 'recordingDueOn' },
    {
      title: t('记录倒计时', 'Countdown'),
      key: 'left',
      render: (_, n) => <NotificationCountdown n={n} />,
    },
  ];
  return (
    <Card size="small" title={t('待信用记录的履约通报', 'Performance notifications awaiting credit recording')} data-testid="notifications">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <PagedTable
        connection={data?.performanceNotifications}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('履约通报列表', 'Notifications')}
      />
    </Card>
  );
}

function Inspections({ department }: { department: string }) {
  const { t, lang } = useLocale();
  const pager = useCursorPager();
  const { data, loading, error } = useQuery(DepartmentInspectionsDocument, { variables: { department, first: PAGE_SIZE, after: pager.after } });
  const columns: TableColumnsType<InspectionRow> = [
    {
      title: t('项目', 'Project'),
      key: 'project',
      render: (_, i) => (
        <Link to={`/projects/${i.project.id}`}>
          {i.project.name}（{i.projectCode}）
        </Link>
      ),
    },
    { title: t('状态', 'Status'), key: 'status', render: (_, i) => label(INSPECTION_STATUS_LABELS, i.status, lang) },
    { title: t('检查日期', 'Inspected on'), key: 'on', render: (_, i) => i.inspectedOn ?? '—' },
    { title: t('发现问题', 'Findings'), key: 'findings', render: (_, i) => i.findings.length },
  ];
  return (
    <Card size="small" title={t('本部门项目的双随机检查', 'Random inspections of our projects')} data-testid="inspections">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <PagedTable
        connection={data?.inspections}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('检查列表', 'Inspections')}
      />
    </Card>
  );
}

/** 部门工作台: a line department's projects, deadlines, credit work and inspections. */
export function DepartmentDashboard() {
  const session = useSession();
  const department = session.department ?? '';
  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <StageChart department={department} />
      </Col>
      <Col xs={24} xl={12}>
        <CaseList department={department} kind="dueSoon" />
      </Col>
      <Col xs={24} xl={12}>
        <CaseList department={department} kind="overdue" />
      </Col>
      <Col xs={24} xl={12}>
        <Notifications department={department} />
      </Col>
      <Col xs={24} xl={12}>
        <Inspections department={department} />
      </Col>
    </Row>
  );
}
