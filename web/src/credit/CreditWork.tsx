import { useMutation, useQuery } from '@apollo/client/react';
import {
  Alert,
  Button,
  Card,
  Form,
  Input,
  InputNumber,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { NotificationCountdown } from './NotificationCountdown';
import { PAGE_SIZE } from '../config';
import { PagedTable } from '../data/PagedTable';
import { EmptyText } from '../data/pager-controls';
import { useCursorPager } from '../data/paging';
import { lineDepartmentOptions } from '../data/member-units';
import { InlineError, MissingSliceBanner } from '../data/QueryState';
import { Tag } from '../data/Tag';
import { hasControlCharacters, isCreditCode, labelContains, LONG_TEXT, todayInShanghai } from '../forms/rules';
import { RefusalAlert, useSubmit } from '../forms/useSubmit';
import {
  AgencyEvaluationsWorkDocument,
  ClosePerformanceNotificationDocument,
  ComputeAgencyEvaluationsDocument,
  CreateCreditRecordDocument,
  CreditMemberUnitsDocument,
  CreditNotificationsDocument,
  CreditProjectChoicesDocument,
  CreditRuleCatalogueDocument,
  CreditWorkRecordsDocument,
  DecideCreditObjectionDocument,
  JointPunishmentWorkDocument,
  NotifyPerformanceFindingDocument,
  PublishCreditRecordDocument,
  RecordCreditObjectionDocument,
  UpsertCreditRuleDocument,
  type AgencyEvaluationsWorkQuery,
  type CreditNotificationsQuery,
  type CreditRecordStatus,
  type CreditSourceKind,
  type CreditSubjectType,
  type JointPunishmentWorkQuery,
  type WorkCreditRecordFragment,
} from '../gql/credit/graphql';
import { CREDIT_STATUS_LABELS, label } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { GradeTag } from './GradeTag';
import { FormContrast } from '../forms/FormContrast';

type Notification = CreditNotificationsQuery['performanceNotifications']['nodes'][number];
type Rule = { code: string; description: string; points: number; serious: boolean; punishmentMonths?: number | null; active: boolean };

const SOURCE_LABELS: Record<string, [string, string]> = {
  PERFORMANCE_NOTIFICATION: ['履约通报', 'Performance notification'],
  CASE_DECISION: ['案件处理决定', 'Case decision'],
  INSPECTION_FINDING: ['检查发现', 'Inspection finding'],
};
const SUBJECT_LABELS: Record<string, [string, string]> = {
  MARKET_ENTITY: ['市场主体', 'Market entity'],
  PRACTITIONER: ['从业人员', 'Practitioner'],
};
const STATUS_COLOURS: Record<string, string> = {
  DRAFT: 'default',
  IN_PUBLICITY: 'blue',
  OBJECTION_RAISED: 'orange',
  CORRECTED: 'gold',
  UPHELD: 'gold',
  EFFECTIVE: 'red',
  EXPIRED: 'default',
};

/** The subject key's rule: a market entity's credit code (GB 32100-2015 with its check character), a practitioner's id. */
const subjectKeyRule =
  (t: (zh: string, en: string) => string) =>
  ({ getFieldValue }: { getFieldValue: (n: string) => unknown }) => ({
    validator: (_: unknown, value: string) =>
      !value || getFieldValue('subjectType') !== 'MARKET_ENTITY' || isCreditCode(value)
        ? Promise.resolve()
        : Promise.reject(
            new Error(t('统一社会信用代码无效：18 位，末位为校验位', 'Not a valid unified social credit code: 18 characters ending in the check character')),
          ),
  });

const textRule = (t: (zh: string, en: string) => string, max = 255) => ({
  validator: (_: unknown, value: string | undefined) =>
    !value || (value.length <= max && !hasControlCharacters(value))
      ? Promise.resolve()
      : Promise.reject(new Error(t(`最多 ${max} 个字符，且不含控制字符`, `At most ${max} characters, no control characters`))),
});

/** 信用管理: notifications with their countdown, records and objections, the rule catalogue, the joint punishment list, agency evaluations. */
export function CreditWork() {
  const { t } = useLocale();
  return (
    <FormContrast>
      <>
        <Typography.Title level={2} style={{ fontSize: 20 }}>
          {t('信用管理', 'Credit')}
        </Typography.Title>
        <Tabs
          items={[
            { key: 'notifications', label: t('履约通报', 'Performance notifications'), children: <Notifications /> },
            { key: 'records', label: t('信用记录', 'Credit records'), children: <Records /> },
            { key: 'rules', label: t('扣分标准', 'Rule catalogue'), children: <Rules /> },
            { key: 'punishment', label: t('失信联合惩戒名单', 'Joint punishment list'), children: <Punishment /> },
            { key: 'agencies', label: t('代理机构信用评价', 'Agency evaluations'), children: <Agencies /> },
          ]}
        />
      </>
    </FormContrast>
  );
}

function Notifications() {
  const { t } = useLocale();
  const session = useSession();
  const pager = useCursorPager();
  const [state, setState] = useState<'open' | 'overdue' | 'all'>('open');
  const [recording, setRecording] = useState<Notification>();
  const [closing, setClosing] = useState<Notification>();
  const filter = state === 'open' ? { pending: true } : state === 'overdue' ? { overdue: true } : {};
  const { data, loading, error, refetch } = useQuery(CreditNotificationsDocument, { variables: { filter, first: PAGE_SIZE, after: pager.after } });
  const office = session.role === 'OFFICE';
  const columns: TableColumnsType<Notification> = [
    { title: t('项目', 'Project'), key: 'p', render: (_, n) => <Link to={`/projects/${n.project.id}`}>{n.project.name ?? n.project.id}</Link> },
    { title: t('通报部门', 'Department'), dataIndex: 'departmentCode' },
    {
      title: t('对象', 'Subject'),
      key: 's',
      render: (_, n) => (n.subjectType === 'MARKET_ENTITY' ? <Link to={`/entities/${n.subjectKey}`}>{n.subjectKey}</Link> : n.subjectKey),
    },
    { title: t('事实', 'Facts'), dataIndex: 'facts' },
    { title: t('建议条款', 'Suggested rule'), dataIndex: 'suggestedRuleCode' },
    { title: t('通报日期', 'Notified'), dataIndex: 'notifiedOn' },
    { title: t('记录期限（7 个工作日）', 'Due (7 working days)'), dataIndex: 'recordingDueOn' },
    { title: t('倒计时', 'Countdown'), key: 'c', render: (_, n) => <NotificationCountdown n={n} /> },
    ...(office
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'a',
            render: (_: unknown, n: Notification) =>
              !n.recordedOn && !n.closedOn ? (
                <Space>
                  <Button size="small" type="primary" onClick={() => setRecording(n)}>
                    {t('记录信用', 'Record')}
                  </Button>
                  <Button size="small" onClick={() => setClosing(n)}>
                    {t('不予记录', 'Close')}
                  </Button>
                </Space>
              ) : null,
          },
        ]
      : []),
  ];
  return (
    <Card size="small">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Radio.Group
          aria-label={t('通报范围', 'Which notifications')}
          value={state}
          onChange={(e) => {
            setState(e.target.value as typeof state);
            pager.reset();
          }}
          optionType="button"
          options={[
            { value: 'open', label: t('待记录', 'Awaiting') },
            { value: 'overdue', label: t('已逾期', 'Overdue') },
            { value: 'all', label: t('全部', 'All') },
          ]}
        />
        {session.role === 'DEPT' && <NotifyButton reload={() => void refetch()} />}
      </Space>
      <PagedTable
        connection={data?.performanceNotifications}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('履约通报', 'Performance notifications')}
      />
      {recording && (
        <CreateRecordModal
          fromNotification={recording}
          onClose={(done) => {
            setRecording(undefined);
            if (done) void refetch();
          }}
        />
      )}
      {closing && (
        <CloseNotificationModal
          notification={closing}
          onClose={(done) => {
            setClosing(undefined);
            if (done) void refetch();
          }}
        />
      )}
    </Card>
  );
}

interface NotifyValues {
  projectId: string;
  subjectType: CreditSubjectType;
  subjectKey: string;
  facts: string;
  suggestedRuleCode?: string;
  notifiedOn: string;
}

/** A line department notifies the bureau in writing of performance findings on a project it supervises. */
function NotifyButton({ reload }: { reload: () => void }) {
  const { t } = useLocale();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<NotifyValues>();
  const projects = useQuery(CreditProjectChoicesDocument, { variables: { filter: { supervisingDepartment: session.department }, first: 500 }, skip: !open });
  const rules = useQuery(CreditRuleCatalogueDocument, { variables: { includeInactive: false }, skip: !open });
  const [notify] = useMutation(NotifyPerformanceFindingDocument);
  const { submit, busy, general } = useSubmit<NotifyValues>(
    form,
    async (v) => {
      await notify({ variables: { input: { ...v, suggestedRuleCode: v.suggestedRuleCode || undefined } } });
      form.resetFields();
      setOpen(false);
      reload();
    },
    ['projectId', 'subjectType', 'subjectKey', 'facts', 'suggestedRuleCode', 'notifiedOn'],
  );
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        {t('通报履约问题', 'Notify a performance finding')}
      </Button>
      <Modal
        open={open}
        title={t('通报履约问题（7 个工作日内记录）', 'Notify a performance finding (recorded within 7 working days)')}
        onCancel={() => !busy && setOpen(false)}
        footer={null}
        destroyOnHidden={false}
        width={640}
      >
        <RefusalAlert messages={general} />
        <Form<NotifyValues>
          form={form}
          layout="vertical"
          name="notify-performance"
          initialValues={{ subjectType: 'MARKET_ENTITY', notifiedOn: todayInShanghai() }}
          onFinish={submit}
        >
          <Form.Item
            name="projectId"
            label={t('本部门监管的项目', 'A project your department supervises')}
            rules={[{ required: true, message: t('请选择项目', 'Choose the project') }]}
          >
            <Select
              showSearch={{ filterOption: labelContains }}
              loading={projects.loading}
              options={(projects.data?.projects.nodes ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
            />
          </Form.Item>
          <SubjectFields />
          <Form.Item
            name="facts"
            label={t('问题事实', 'Facts')}
            rules={[{ required: true, whitespace: true, message: t('请填写问题事实', 'Describe the facts') }, textRule(t, LONG_TEXT)]}
          >
            <Input.TextArea rows={3} />
          </Form.Item>
          <Form.Item name="suggestedRuleCode" label={t('建议适用条款', 'Suggested rule')}>
            <Select
              allowClear
              showSearch={{ filterOption: labelContains }}
              options={(rules.data?.creditRules ?? []).map((r) => ({ value: r.code, label: `${r.code} ${r.description}（${r.points} 分）` }))}
            />
          </Form.Item>
          <Form.Item
            name="notifiedOn"
            label={t('书面通报日期', 'Date of the written notification')}
            rules={[
              { required: true },
              {
                validator: (_, v: string) =>
                  !v || v <= todayInShanghai() ? Promise.resolve() : Promise.reject(new Error(t('通报日期不能晚于今天', 'Not after today'))),
              },
            ]}
          >
            <Input type="date" max={todayInShanghai()} style={{ width: 200 }} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
            {t('提交通报', 'Notify')}
          </Button>
        </Form>
      </Modal>
    </>
  );
}

function SubjectFields({ disabled }: { disabled?: boolean }) {
  const { t, lang } = useLocale();
  return (
    <>
      <Form.Item name="subjectType" label={t('对象类型', 'Subject type')} rules={[{ required: true }]}>
        <Radio.Group disabled={disabled} options={Object.keys(SUBJECT_LABELS).map((s) => ({ value: s, label: SUBJECT_LABELS[s]![lang === 'zh' ? 0 : 1] }))} />
      </Form.Item>
      <Form.Item
        name="subjectKey"
        label={t('统一社会信用代码或从业人员编号', 'Credit code (market entity) or practitioner id')}
        dependencies={['subjectType']}
        rules={[{ required: true, whitespace: true, message: t('请填写对象', 'Give the subject') }, subjectKeyRule(t)]}
      >
        <Input disabled={disabled} spellCheck={false} />
      </Form.Item>
    </>
  );
}

function CloseNotificationModal({ notification, onClose }: { notification: Notification; onClose: (done: boolean) => void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ note: string }>();
  const [close] = useMutation(ClosePerformanceNotificationDocument);
  const { submit, busy, general, conflict } = useSubmit<{ note: string }>(
    form,
    async (v) => {
      await close({ variables: { id: notification.id, note: v.note } });
      onClose(true);
    },
    ['note'],
  );
  return (
    <Modal open title={t('不予记录并结案', 'Close without a record')} onCancel={() => !busy && onClose(false)} footer={null}>
      <RefusalAlert messages={general} conflict={conflict} />
      <Form form={form} layout="vertical" name="close-notification" onFinish={submit}>
        <Form.Item
          name="note"
          label={t('理由', 'Reason')}
          rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Give the reason') }, textRule(t)]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {t('结案', 'Close')}
        </Button>
      </Form>
    </Modal>
  );
}

interface RecordValues {
  sourceKind: CreditSourceKind;
  sourceRef: string;
  ruleCode: string;
  subjectType?: CreditSubjectType;
  subjectKey?: string;
  projectId?: string;
  departmentCode?: string;
  facts?: string;
  createdOn: string;
}

/** The bureau drafts a credit record from a notification, a case decision or an inspection finding. */
function CreateRecordModal({ fromNotification, onClose }: { fromNotification?: Notification; onClose: (done: boolean) => void }) {
  const { t, lang } = useLocale();
  const [form] = Form.useForm<RecordValues>();
  const rules = useQuery(CreditRuleCatalogueDocument, { variables: { includeInactive: false } });
  const units = useQuery(CreditMemberUnitsDocument, { fetchPolicy: 'cache-first' });
  const [create] = useMutation(CreateCreditRecordDocument);
  const sourceKind = Form.useWatch('sourceKind', form) ?? (fromNotification ? 'PERFORMANCE_NOTIFICATION' : 'CASE_DECISION');
  const fromNotice = sourceKind === 'PERFORMANCE_NOTIFICATION';
  const { submit, busy, general, conflict } = useSubmit<RecordValues>(
    form,
    async (v) => {
      const input = fromNotice
        ? { sourceKind: v.sourceKind, sourceRef: v.sourceRef, ruleCode: v.ruleCode, facts: v.facts || undefined, createdOn: v.createdOn }
        : { ...v, projectId: v.projectId || undefined, departmentCode: v.departmentCode || undefined };
      await create({ variables: { input } });
      onClose(true);
    },
    ['sourceKind', 'sourceRef', 'ruleCode', 'subjectType', 'subjectKey', 'projectId', 'departmentCode', 'facts', 'createdOn'],
  );
  return (
    <Modal open title={t('新建信用记录（草稿）', 'New credit record (draft)')} onCancel={() => !busy && onClose(false)} footer={null} width={680}>
      <RefusalAlert messages={general} conflict={conflict} />
      <Form<RecordValues>
        form={form}
        layout="vertical"
        name="create-credit-record"
        onFinish={submit}
        initialValues={{
          sourceKind: fromNotification ? 'PERFORMANCE_NOTIFICATION' : 'CASE_DECISION',
          sourceRef: fromNotification?.id,
          ruleCode: fromNotification?.suggestedRuleCode ?? undefined,
          subjectType: fromNotification?.subjectType ?? 'MARKET_ENTITY',
          subjectKey: fromNotification?.subjectKey,
          facts: fromNotification?.facts,
          createdOn: todayInShanghai(),
        }}
      >
        <Form.Item name="sourceKind" label={t('来源', 'Source')} rules={[{ required: true }]}>
          <Select
            disabled={!!fromNotification}
            options={Object.keys(SOURCE_LABELS).map((s) => ({ value: s, label: SOURCE_LABELS[s]![lang === 'zh' ? 0 : 1] }))}
          />
        </Form.Item>
        <Form.Item
          name="sourceRef"
          label={t('来源编号（通报、案件或检查发现的 ID）', 'Source id (notification, case or finding)')}
          rules={[
            { required: true, message: t('请填写来源编号', 'Give the source id') },
            { pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message: t('须为 UUID', 'Must be a UUID') },
          ]}
        >
          <Input disabled={!!fromNotification} spellCheck={false} />
        </Form.Item>
        <Form.Item name="ruleCode" label={t('适用条款', 'Rule')} rules={[{ required: true, message: t('请选择条款', 'Choose the rule') }]}>
          <Select
            showSearch={{ filterOption: labelContains }}
            options={(rules.data?.creditRules ?? []).map((r) => ({
              value: r.code,
              label: `${r.code} ${r.description}（${r.points} 分${r.serious ? '，严重失信' : ''}）`,
            }))}
          />
        </Form.Item>
        {/* From a notification the subject, project and department are the notification's. */}
        <SubjectFields disabled={fromNotice} />
        {!fromNotice && (
          <>
            <Form.Item
              name="projectId"
              label={t('项目 ID（可选）', 'Project id (optional)')}
              rules={[{ pattern: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, message: t('须为 UUID', 'Must be a UUID') }]}
            >
              <Input spellCheck={false} />
            </Form.Item>
            <Form.Item name="departmentCode" label={t('问题来源部门', 'Department whose finding it is')}>
              <Select allowClear loading={units.loading} options={lineDepartmentOptions(units.data?.departments, lang)} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="facts"
          label={t('事实', 'Facts')}
          rules={[...(fromNotice ? [] : [{ required: true, whitespace: true, message: t('请填写事实', 'Give the facts') }]), textRule(t, LONG_TEXT)]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="createdOn"
          label={t('起草日期', 'Drafted on')}
          rules={[
            { required: true },
            {
              validator: (_, v: string) =>
                !v || ((!fromNotification || v >= fromNotification.notifiedOn) && v <= todayInShanghai())
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('起草日期须在通报日期之后且不晚于今天', 'On or after the notification, not after today'))),
            },
          ]}
        >
          <Input type="date" max={todayInShanghai()} style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {t('保存草稿', 'Save the draft')}
        </Button>
      </Form>
    </Modal>
  );
}

function Records() {
  const { t, lang } = useLocale();
  const session = useSession();
  const office = session.role === 'OFFICE';
  const pager = useCursorPager();
  const [status, setStatus] = useState<CreditRecordStatus>();
  const [creating, setCreating] = useState(false);
  const [objecting, setObjecting] = useState<WorkCreditRecordFragment>();
  const [deciding, setDeciding] = useState<WorkCreditRecordFragment>();
  const { data, loading, error, refetch } = useQuery(CreditWorkRecordsDocument, { variables: { filter: { status }, first: PAGE_SIZE, after: pager.after } });
  const columns: TableColumnsType<WorkCreditRecordFragment> = [
    {
      title: t('对象', 'Subject'),
      key: 's',
      render: (_, r) => (r.marketEntity ? <Link to={`/entities/${r.subjectKey}`}>{r.marketEntity.name ?? r.subjectKey}</Link> : r.subjectKey),
    },
    { title: t('条款', 'Rule'), key: 'rule', render: (_, r) => `${r.rule.code} ${r.rule.description}` },
    { title: t('扣分', 'Points'), dataIndex: 'points' },
    { title: t('事实', 'Facts'), dataIndex: 'facts' },
    { title: t('来源', 'Source'), key: 'src', render: (_, r) => SOURCE_LABELS[r.sourceKind]?.[lang === 'zh' ? 0 : 1] ?? r.sourceKind },
    { title: t('状态', 'Status'), key: 'st', render: (_, r) => <Tag color={STATUS_COLOURS[r.status]}>{label(CREDIT_STATUS_LABELS, r.status, lang)}</Tag> },
    {
      title: t('公示期', 'Publicity'),
      key: 'pub',
      render: (_, r) =>
        r.publicityStartsOn ? `${r.publicityStartsOn} ~ ${r.publicityEndsOn ?? ''}${r.publicityEndProvisional ? t('（暂定）', ' (provisional)') : ''}` : '',
    },
    { title: t('生效 / 失效', 'Effective / expires'), key: 'eff', render: (_, r) => (r.effectiveOn ? `${r.effectiveOn} ~ ${r.expiresOn ?? ''}` : '') },
    {
      title: t('异议', 'Objection'),
      key: 'obj',
      render: (_, r) =>
        r.objection
          ? `${r.objection.raisedBy}（${r.objection.raisedOn}）：${r.objection.grounds}${r.objection.outcome ? ` → ${label(CREDIT_STATUS_LABELS, r.objection.outcome, lang)}：${r.objection.decisionNote ?? ''}` : ''}`
          : '',
    },
    ...(office
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'a',
            render: (_: unknown, r: WorkCreditRecordFragment) => (
              <Space>
                {r.status === 'DRAFT' && <PublishRecordButton id={r.id} reload={() => void refetch()} />}
                {r.status === 'IN_PUBLICITY' && (
                  <Button size="small" onClick={() => setObjecting(r)}>
                    {t('登记异议', 'Enter an objection')}
                  </Button>
                )}
                {r.status === 'OBJECTION_RAISED' && (
                  <Button size="small" onClick={() => setDeciding(r)}>
                    {t('异议处理', 'Decide the objection')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<CreditRecordStatus>
          allowClear
          aria-label={t('按状态筛选', 'Filter by status')}
          placeholder={t('全部状态', 'All statuses')}
          style={{ width: 200 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            pager.reset();
          }}
          options={Object.keys(CREDIT_STATUS_LABELS).map((s) => ({ value: s as CreditRecordStatus, label: label(CREDIT_STATUS_LABELS, s, lang) }))}
        />
        {office && (
          <Button type="primary" onClick={() => setCreating(true)}>
            {t('新建信用记录', 'New credit record')}
          </Button>
        )}
      </Space>
      <PagedTable
        connection={data?.creditRecords}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('信用记录', 'Credit records')}
      />
      {creating && (
        <CreateRecordModal
          onClose={(done) => {
            setCreating(false);
            if (done) void refetch();
          }}
        />
      )}
      {objecting && (
        <ObjectionModal
          record={objecting}
          onClose={(done) => {
            setObjecting(undefined);
            if (done) void refetch();
          }}
        />
      )}
      {deciding && (
        <DecisionModal
          record={deciding}
          onClose={(done) => {
            setDeciding(undefined);
            if (done) void refetch();
          }}
        />
      )}
    </Card>
  );
}

function PublishRecordButton({ id, reload }: { id: string; reload: () => void }) {
  const { t } = useLocale();
  const [publish] = useMutation(PublishCreditRecordDocument);
  const { submit, busy, general } = useSubmit<void>(undefined, async () => {
    await publish({ variables: { id } });
    reload();
  });
  return (
    <>
      {general.length > 0 && (
        <Typography.Text type="danger" role="alert">
          {general.join('; ')}
        </Typography.Text>
      )}
      {/* Publishing discloses the record to the public (the portal) and starts its 5-working-day objection period: asked once more. */}
      <Popconfirm
        title={t('确认公示该信用记录？', 'Publish this credit record?')}
        description={t(
          '公示后将在门户网站向社会公开，并开始 5 个工作日的异议期。',
          'It becomes public on the portal and its 5-working-day objection period starts.',
        )}
        okText={t('确认公示', 'Publish')}
        cancelText={t('取消', 'Cancel')}
        onConfirm={() => void submit()}
        disabled={busy}
      >
        <Button size="small" type="primary" loading={busy} disabled={busy}>
          {t('公示', 'Publish')}
        </Button>
      </Popconfirm>
    </>
  );
}

function ObjectionModal({ record, onClose }: { record: WorkCreditRecordFragment; onClose: (done: boolean) => void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ raisedBy: string; grounds: string; raisedOn: string }>();
  const [objection] = useMutation(RecordCreditObjectionDocument);
  const { submit, busy, general, conflict } = useSubmit<{ raisedBy: string; grounds: string; raisedOn: string }>(
    form,
    async (v) => {
      await objection({ variables: { input: { recordId: record.id, ...v } } });
      onClose(true);
    },
    ['raisedBy', 'grounds', 'raisedOn'],
  );
  return (
    <Modal open title={t('登记异议（公示期内）', 'Enter an objection (during publicity)')} onCancel={() => !busy && onClose(false)} footer={null}>
      <RefusalAlert messages={general} conflict={conflict} />
      <Form form={form} layout="vertical" name="credit-objection" initialValues={{ raisedOn: todayInShanghai() }} onFinish={submit}>
        <Form.Item
          name="raisedBy"
          label={t('异议人', 'Raised by')}
          rules={[{ required: true, whitespace: true, message: t('请填写异议人', 'Who objects') }, textRule(t)]}
        >
          <Input />
        </Form.Item>
        <Form.Item
          name="grounds"
          label={t('异议理由', 'Grounds')}
          rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Give the grounds') }, textRule(t, LONG_TEXT)]}
        >
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item
          name="raisedOn"
          label={t('提出日期（须在公示期内）', 'Raised on (within publicity)')}
          rules={[
            { required: true },
            {
              validator: (_, v: string) =>
                !v || ((!record.publicityStartsOn || v >= record.publicityStartsOn) && (!record.publicityEndsOn || v <= record.publicityEndsOn))
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(
                        t(
                          `须在公示期 ${record.publicityStartsOn} 至 ${record.publicityEndsOn} 之内`,
                          `Within publicity, ${record.publicityStartsOn} to ${record.publicityEndsOn}`,
                        ),
                      ),
                    ),
            },
          ]}
        >
          <Input type="date" style={{ width: 200 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {t('登记', 'Enter')}
        </Button>
      </Form>
    </Modal>
  );
}

interface DecisionValues {
  outcome: 'CORRECTED' | 'UPHELD';
  note: string;
  correctedRuleCode?: string;
  correctedPoints?: number;
}

function DecisionModal({ record, onClose }: { record: WorkCreditRecordFragment; onClose: (done: boolean) => void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<DecisionValues>();
  const outcome = Form.useWatch('outcome', form);
  const rules = useQuery(CreditRuleCatalogueDocument, { variables: { includeInactive: false } });
  const [decide] = useMutation(DecideCreditObjectionDocument);
  const { submit, busy, general, conflict } = useSubmit<DecisionValues>(
    form,
    async (v) => {
      const correction =
        v.outcome === 'CORRECTED' ? { correctedRuleCode: v.correctedRuleCode || undefined, correctedPoints: v.correctedPoints ?? undefined } : {};
      await decide({ variables: { input: { recordId: record.id, outcome: v.outcome, note: v.note, ...correction } } });
      onClose(true);
    },
    ['outcome', 'note', 'correctedRuleCode', 'correctedPoints'],
  );
  return (
    <Modal open title={t('异议处理决定', 'Decide the objection')} onCancel={() => !busy && onClose(false)} footer={null}>
      {record.objection && <Alert type="info" style={{ marginBottom: 12 }} title={`${record.objection.raisedBy}：${record.objection.grounds}`} />}
      <RefusalAlert messages={general} conflict={conflict} />
      <Form<DecisionValues> form={form} layout="vertical" name="credit-objection-decision" initialValues={{ outcome: 'UPHELD' }} onFinish={submit}>
        <Form.Item name="outcome" label={t('决定', 'Outcome')} rules={[{ required: true }]}>
          <Radio.Group
            options={[
              { value: 'UPHELD', label: t('维持原记录', 'Upheld') },
              { value: 'CORRECTED', label: t('更正', 'Corrected') },
            ]}
          />
        </Form.Item>
        {outcome === 'CORRECTED' && (
          <>
            <Form.Item name="correctedRuleCode" label={t('更正后的条款', 'Rule instead')}>
              <Select
                allowClear
                showSearch={{ filterOption: labelContains }}
                options={(rules.data?.creditRules ?? []).map((r) => ({ value: r.code, label: `${r.code} ${r.description}（${r.points} 分）` }))}
              />
            </Form.Item>
            <Form.Item
              name="correctedPoints"
              label={t(`更正后的扣分（0 至 ${record.rule.code} 条款分值）`, 'Points instead (0 to the rule’s points)')}
              dependencies={['correctedRuleCode']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, v: number | undefined) =>
                    v !== undefined || getFieldValue('correctedRuleCode')
                      ? Promise.resolve()
                      : Promise.reject(new Error(t('更正须改变条款或扣分', 'A correction changes the rule or the points'))),
                }),
              ]}
            >
              <InputNumber min={0} max={100} precision={0} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="note"
          label={t('决定理由', 'Reasons')}
          rules={[{ required: true, whitespace: true, message: t('请填写理由', 'Give the reasons') }, textRule(t)]}
        >
          <Input.TextArea rows={2} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {t('作出决定', 'Decide')}
        </Button>
      </Form>
    </Modal>
  );
}

function Rules() {
  const { t } = useLocale();
  const session = useSession();
  const office = session.role === 'OFFICE';
  const [editing, setEditing] = useState<Rule | 'new'>();
  const { data, loading, error, refetch } = useQuery(CreditRuleCatalogueDocument, { variables: { includeInactive: office } });
  const columns: TableColumnsType<Rule> = [
    { title: t('条款', 'Code'), dataIndex: 'code' },
    { title: t('失信行为', 'Violation'), dataIndex: 'description' },
    { title: t('扣分', 'Points'), dataIndex: 'points' },
    {
      title: t('严重失信', 'Serious'),
      key: 's',
      render: (_, r) => (r.serious ? t(`是（联合惩戒 ${r.punishmentMonths ?? ''} 个月）`, `Yes (${r.punishmentMonths ?? ''} months listed)`) : t('否', 'No')),
    },
    { title: t('状态', 'Status'), key: 'a', render: (_, r) => (r.active ? t('启用', 'Active') : t('停用', 'Inactive')) },
    ...(office
      ? [
          {
            title: t('操作', 'Actions'),
            key: 'e',
            render: (_: unknown, r: Rule) => (
              <Button size="small" onClick={() => setEditing(r)}>
                {t('修改', 'Change')}
              </Button>
            ),
          },
        ]
      : []),
  ];
  return (
    <Card size="small">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      {office && (
        <Button type="primary" style={{ marginBottom: 12 }} onClick={() => setEditing('new')}>
          {t('新增条款', 'New rule')}
        </Button>
      )}
      <Table<Rule>
        size="small"
        rowKey="code"
        columns={columns}
        dataSource={data?.creditRules ?? []}
        loading={loading}
        pagination={false}
        aria-label={t('扣分标准', 'Rule catalogue')}
        locale={{ emptyText: <EmptyText text={t('暂无数据', 'No data')} /> }}
      />
      {editing && (
        <RuleModal
          rule={editing === 'new' ? undefined : editing}
          onClose={(done) => {
            setEditing(undefined);
            if (done) void refetch();
          }}
        />
      )}
    </Card>
  );
}

function RuleModal({ rule, onClose }: { rule?: Rule; onClose: (done: boolean) => void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<Rule>();
  const serious = Form.useWatch('serious', form);
  const [upsert] = useMutation(UpsertCreditRuleDocument);
  const { submit, busy, general } = useSubmit<Rule>(
    form,
    async (v) => {
      await upsert({ variables: { input: { ...v, punishmentMonths: v.serious ? v.punishmentMonths : undefined } } });
      onClose(true);
    },
    ['code', 'description', 'points', 'serious', 'punishmentMonths', 'active'],
  );
  return (
    <Modal
      open
      title={
        rule ? t(`修改条款 ${rule.code}（已有记录保留原扣分）`, `Change rule ${rule.code} (existing records keep their points)`) : t('新增条款', 'New rule')
      }
      onCancel={() => !busy && onClose(false)}
      footer={null}
    >
      <RefusalAlert messages={general} />
      <Form<Rule> form={form} layout="vertical" name="credit-rule" initialValues={rule ?? { serious: false, active: true, points: 1 }} onFinish={submit}>
        <Form.Item
          name="code"
          label={t('条款编号', 'Code')}
          rules={[
            { required: true },
            { pattern: /^[A-Z0-9-]{2,32}$/, message: t('2 至 32 位大写字母、数字或短横线', '2 to 32 capital letters, digits or dashes') },
          ]}
        >
          <Input disabled={!!rule} />
        </Form.Item>
        <Form.Item name="description" label={t('失信行为', 'Violation')} rules={[{ required: true, whitespace: true }, textRule(t)]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.Item
          name="points"
          label={t('扣分（0–100）', 'Points (0–100)')}
          rules={[{ required: true, type: 'integer', min: 0, max: 100, message: t('扣分须在 0 至 100 之间', 'Between 0 and 100') }]}
        >
          <InputNumber min={0} max={100} precision={0} />
        </Form.Item>
        <Form.Item name="serious" label={t('严重失信（列入联合惩戒名单）', 'Serious (joint punishment list)')} valuePropName="checked">
          <Switch />
        </Form.Item>
        {serious && (
          <Form.Item
            name="punishmentMonths"
            label={t('联合惩戒期限（月）', 'Months on the list')}
            rules={[{ required: true, type: 'integer', min: 1, max: 120, message: t('严重失信条款须给出惩戒月数', 'A serious rule needs the months') }]}
          >
            <InputNumber min={1} max={120} precision={0} />
          </Form.Item>
        )}
        <Form.Item name="active" label={t('启用', 'Active')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {t('保存', 'Save')}
        </Button>
      </Form>
    </Modal>
  );
}

type PunishmentRow = JointPunishmentWorkQuery['jointPunishmentList']['nodes'][number];

function Punishment() {
  const { t } = useLocale();
  const pager = useCursorPager();
  const { data, loading, error } = useQuery(JointPunishmentWorkDocument, { variables: { first: PAGE_SIZE, after: pager.after } });
  const columns: TableColumnsType<PunishmentRow> = [
    {
      title: t('对象', 'Subject'),
      key: 's',
      render: (_, e) =>
        e.marketEntity ? <Link to={`/entities/${e.subjectKey}`}>{e.marketEntity.name ?? e.subjectKey}</Link> : (e.practitioner?.name ?? e.subjectKey),
    },
    { title: t('统一社会信用代码 / 编号', 'Code / id'), dataIndex: 'subjectKey' },
    { title: t('来源部门', 'Department'), dataIndex: 'departmentCode' },
    { title: t('原因', 'Reason'), dataIndex: 'reason' },
    { title: t('起始', 'From'), dataIndex: 'from' },
    { title: t('解除（当日起不再限制）', 'Until (first free day)'), dataIndex: 'until' },
  ];
  return (
    <Card size="small">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <PagedTable
        connection={data?.jointPunishmentList}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('失信联合惩戒名单', 'Joint punishment list')}
      />
    </Card>
  );
}

type AgencyRow = AgencyEvaluationsWorkQuery['agencyEvaluations']['nodes'][number];

function Agencies() {
  const { t } = useLocale();
  const session = useSession();
  const pager = useCursorPager();
  const thisYear = Number(todayInShanghai().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const { data, loading, error, refetch } = useQuery(AgencyEvaluationsWorkDocument, { variables: { year, first: PAGE_SIZE, after: pager.after } });
  const [compute] = useMutation(ComputeAgencyEvaluationsDocument);
  const computing = useSubmit<void>(undefined, async () => {
    await compute({ variables: { year } });
    void refetch();
  });
  const columns: TableColumnsType<AgencyRow> = [
    { title: t('代理机构', 'Agency'), key: 'a', render: (_, a) => <Link to={`/entities/${a.agencyCreditCode}`}>{a.agencyName}</Link> },
    { title: t('得分', 'Score'), dataIndex: 'score' },
    { title: t('等级', 'Grade'), key: 'g', render: (_, a) => <GradeTag grade={a.grade} /> },
    { title: t('扣分', 'Points'), dataIndex: 'recordPoints' },
    { title: t('信用记录', 'Records'), dataIndex: 'recordCount' },
    { title: t('属实案件', 'Substantiated cases'), dataIndex: 'substantiatedCases' },
    { title: t('评价依据', 'Basis'), dataIndex: 'basis' },
    { title: t('计算日期', 'Computed on'), dataIndex: 'computedOn' },
  ];
  return (
    <Card size="small">
      <MissingSliceBanner error={error} />
      <InlineError error={error} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<number>
          aria-label={t('评价年度', 'Year')}
          value={year}
          style={{ width: 120 }}
          onChange={(v) => {
            setYear(v);
            pager.reset();
          }}
          options={[0, 1, 2, 3].map((k) => ({ value: thisYear - k, label: String(thisYear - k) }))}
        />
        {session.role === 'OFFICE' && (
          <Button loading={computing.busy} disabled={computing.busy} onClick={() => void computing.submit()}>
            {t('计算本年度评价', "Compute the year's evaluations")}
          </Button>
        )}
      </Space>
      <RefusalAlert messages={computing.general} />
      <PagedTable
        connection={data?.agencyEvaluations}
        columns={columns}
        pager={pager}
        pageSize={PAGE_SIZE}
        loading={loading}
        rowKey="id"
        caption={t('代理机构信用评价', 'Agency evaluations')}
      />
    </Card>
  );
}
