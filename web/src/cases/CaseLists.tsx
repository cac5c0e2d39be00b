import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Button, Select, Space, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { PAGE_SIZE } from '../config';
import { PagedTable } from '../data/PagedTable';
import { useCursorPager } from '../data/paging';
import { InlineError, MissingSliceBanner } from '../data/QueryState';
import { Tag } from '../data/Tag';
import { CaseListDocument, IntakeQueueDocument, type CaseRowFragment, type CaseStatus } from '../gql/cases/graphql';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, label } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { CHANNEL_LABELS } from './case-labels';
import { Countdown } from './CaseParts';

function useColumns(deadline: 'acceptance' | 'pending'): TableColumnsType<CaseRowFragment> {
  const { t, lang } = useLocale();
  return [
    { title: t('回执编号', 'Receipt no.'), key: 'receipt', render: (_, c) => <Link to={`/cases/${c.id}`}>{c.receiptNumber}</Link> },
    { title: t('类型', 'Kind'), key: 'kind', render: (_, c) => label(CASE_KIND_LABELS, c.kind, lang) },
    { title: t('来源', 'Channel'), key: 'channel', render: (_, c) => label(CHANNEL_LABELS, c.channel, lang) },
    { title: t('收到日期', 'Received'), dataIndex: 'receivedOn' },
    { title: t('案由', 'Subject'), dataIndex: 'summary' },
    { title: t('项目', 'Project'), key: 'project', render: (_, c) => <Link to={`/projects/${c.project.id}`}>{c.project.name}</Link> },
    { title: t('状态', 'Status'), key: 'status', render: (_, c) => label(CASE_STATUS_LABELS, c.status, lang) },
    ...(deadline === 'pending'
      ? [
          {
            title: t('承办部门', 'Handled by'),
            key: 'handling',
            render: (_: unknown, c: CaseRowFragment) => c.handlingDepartments.map((d) => (lang === 'zh' ? d.nameZh : d.name)).join('、') || '—',
          },
        ]
      : []),
    {
      title: deadline === 'acceptance' ? t('受理期限', 'Decide by') : t('期限', 'Due'),
      key: 'due',
      render: (_, c) => (deadline === 'acceptance' || !c.resolutionDeadline ? c.acceptanceDeadline.dueOn : c.resolutionDeadline.dueOn),
    },
    {
      title: t('剩余时限', 'Time left'),
      key: 'left',
      render: (_, c) => <Countdown deadline={deadline === 'acceptance' || !c.acceptanceDeadline.metOn ? c.acceptanceDeadline : c.resolutionDeadline} />,
    },
  ];
}

/** 一窗受理: the office's queue of submitted cases waiting for the acceptance decision, the nearest acceptance deadline first (overdue ones lead), each with its countdown. */
export function IntakeQueue() {
  const { t } = useLocale();
  const navigate = useNavigate();
  const pager = useCursorPager();
  const { data, loading, error } = useQuery(IntakeQueueDocument, { variables: { first: PAGE_SIZE, after: pager.after }, fetchPolicy: 'cache-and-network' });
  const columns = useColumns('acceptance');
  const overdue = data?.cases.nodes.filter((c) => c.overdue).length ?? 0;
  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between', flexWrap: 'wrap' }}>
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('一窗受理 · 待受理案件', 'One-window intake · awaiting acceptance')}
        </Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/intake/new')}>
          {t('登记窗口/来信/来电/邮件收件', 'Record a received complaint or report')}
        </Button>
      </Space>
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      {overdue > 0 && (
        <p>
          <Tag color="red">{t(`本页 ${overdue} 件已超过受理期限`, `${overdue} on this page are past the acceptance deadline`)}</Tag>
        </p>
      )}
      <PagedTable
        connection={data?.cases}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('待受理案件', 'Cases awaiting acceptance')}
      />
    </>
  );
}

const STATUSES: CaseStatus[] = ['SUBMITTED', 'ACCEPTED', 'ROUTED', 'INVESTIGATING', 'DECIDED', 'FEEDBACK_SENT', 'REJECTED', 'ARCHIVED'];

/** 案件办理: the cases a role works on (a department: those it handles), by status, with their deadlines. */
export function CaseList() {
  const { t, lang } = useLocale();
  const session = useSession();
  const [status, setStatus] = useState<CaseStatus | undefined>();
  const [overdueOnly, setOverdueOnly] = useState(false);
  const pager = useCursorPager();
  const filter = {
    ...(status ? { status } : {}),
    ...(overdueOnly ? { overdue: true } : {}),
    ...(session.role === 'DEPT' && session.department ? { department: session.department } : {}),
  };
  const { data, loading, error } = useQuery(CaseListDocument, {
    variables: { filter, first: PAGE_SIZE, after: pager.after },
    fetchPolicy: 'cache-and-network',
  });
  const columns = useColumns('pending');
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {session.role === 'DEPT' ? t(`案件办理 · ${session.department} 承办`, `Case handling · ${session.department}`) : t('案件办理', 'Case handling')}
      </Typography.Title>
      <Space style={{ marginBottom: 12 }} wrap>
        <Select<CaseStatus | undefined>
          allowClear
          aria-label={t('按状态筛选', 'Filter by status')}
          placeholder={t('全部状态', 'Every status')}
          style={{ width: 200 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            pager.reset();
          }}
          options={STATUSES.map((s) => ({ value: s, label: label(CASE_STATUS_LABELS, s, lang) }))}
        />
        <Select<string>
          aria-label={t('逾期', 'Overdue')}
          style={{ width: 160 }}
          value={overdueOnly ? 'overdue' : 'all'}
          onChange={(v) => {
            setOverdueOnly(v === 'overdue');
            pager.reset();
          }}
          options={[
            { value: 'all', label: t('全部案件', 'All cases') },
            { value: 'overdue', label: t('仅逾期', 'Overdue only') },
          ]}
        />
      </Space>
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <PagedTable
        connection={data?.cases}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('案件列表', 'Cases')}
      />
    </>
  );
}
