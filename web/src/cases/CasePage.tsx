import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Radio, Result, Row, Select, Space, Timeline, Typography } from 'antd';
import { useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { InlineError, QueryState } from '../data/QueryState';
import { Tag } from '../data/Tag';
import { refusalForFields } from '../forms/server-refusal';
import { LONG_TEXT, textRules } from '../forms/rules';
import {
  AcceptCaseDocument,
  ArchiveCaseDocument,
  AssignEnforcersDocument,
  CaseDetailDocument,
  DecideCaseDocument,
  MemberUnitsDocument,
  RejectCaseDocument,
  RouteCaseDocument,
  SendCaseFeedbackDocument,
  StartInvestigationDocument,
  SuperviseCaseDocument,
  type CaseDetailFragment,
  type CaseRefusalGround,
  type CaseRoutingMode,
  type EnforcerSpecialty,
} from '../gql/cases/graphql';
import { actorLabel, CASE_KIND_LABELS, CASE_STATUS_LABELS, label } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { shanghaiDateTime } from '../leader/period';
import { CHANNEL_LABELS, REFUSAL_GROUND_LABELS, ROUTING_LABELS, TRANSITION_LABELS } from './case-labels';
import { offeredSteps, type Transition } from './case-steps';
import { Countdown } from './CaseParts';
import { EnforcerPicker } from './EnforcerPicker';

type StepValues = Record<string, unknown>;

const STEP_FIELDS = ['comment', 'ground', 'reason', 'mode', 'departmentCodes', 'enforcerIds', 'substantiated', 'actionTaken', 'penalty', 'feedback', 'note'];

/**
 * One step's form. The server's refusal goes on the field it names; a CONFLICT (someone else moved
 * the case since it was loaded) says so and offers a reload; the values typed stay either way.
 */
function StepForm({
  step,
  children,
  run,
  onStale,
  onDone,
}: {
  step: Transition;
  children?: ReactNode;
  run: (values: StepValues) => Promise<unknown>;
  onStale: (message: string) => void;
  onDone: () => void;
}) {
  const { t, lang } = useLocale();
  const [form] = Form.useForm<StepValues>();
  const [general, setGeneral] = useState<string[]>([]);
  const [sending, setSending] = useState(false);
  const inFlight = useRef(false);
  async function onFinish(values: StepValues) {
    if (inFlight.current) return;
    inFlight.current = true;
    setSending(true);
    setGeneral([]);
    try {
      await run(values);
      form.resetFields();
      onDone();
    } catch (error) {
      const refusal = refusalForFields(error, STEP_FIELDS);
      form.setFields(Object.entries(refusal.fields).map(([name, errors]) => ({ name, errors })));
      if (refusal.stale) onStale(refusal.general.join('；'));
      else setGeneral(refusal.general);
    } finally {
      inFlight.current = false;
      setSending(false);
    }
  }
  return (
    <Form form={form} layout="vertical" onFinish={onFinish} data-testid={`step-${step}`}>
      {general.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 12 }} title={general.join('；')} />}
      {children}
      <Button type="primary" htmlType="submit" loading={sending} disabled={sending}>
        {t(`确认${label(TRANSITION_LABELS, step, 'zh')}`, `Confirm: ${label(TRANSITION_LABELS, step, lang)}`)}
      </Button>
    </Form>
  );
}

function CommentField({ required = false }: { required?: boolean }) {
  const { t } = useLocale();
  return (
    <Form.Item name="comment" label={t('意见/备注', 'Comment')} rules={textRules(t, LONG_TEXT, required)}>
      <Input.TextArea rows={2} />
    </Form.Item>
  );
}

/**
 * The routing mode of the ROUTE step. Changing it starts the department field afresh: the default of
 * the new mode (the project's supervising department for a transfer, none for a split) and no error
 * left from the mode before (a split's "two or more" under a transfer's single department).
 */
function RoutingModeField({ onChange, supervisingDepartment }: { onChange: (mode: CaseRoutingMode) => void; supervisingDepartment: string }) {
  const { t, lang } = useLocale();
  const form = Form.useFormInstance();
  return (
    <Form.Item name="mode" label={t('办理方式', 'Routing')} initialValue="TRANSFERRED" rules={[{ required: true }]}>
      <Radio.Group
        onChange={(e) => {
          const mode = e.target.value as CaseRoutingMode;
          form.setFields([{ name: 'departmentCodes', value: mode === 'TRANSFERRED' ? supervisingDepartment : mode === 'SPLIT' ? [] : undefined, errors: [] }]);
          onChange(mode);
        }}
        options={(['SELF_HANDLED', 'SPLIT', 'TRANSFERRED'] as const).map((m) => ({ value: m, label: label(ROUTING_LABELS, m, lang) }))}
      />
    </Form.Item>
  );
}

function CaseSteps({ c, onStale }: { c: CaseDetailFragment; onStale: (message: string) => void }) {
  const { t, lang } = useLocale();
  const session = useSession();
  const steps = offeredSteps(c, session);
  const [open, setOpen] = useState<Transition | null>(null);
  const units = useQuery(MemberUnitsDocument, { fetchPolicy: 'cache-first' });
  const lineDepartments = (units.data?.departments ?? [])
    .filter((d) => d.kind === 'LINE')
    .map((d) => ({ code: d.code, label: lang === 'zh' ? d.nameZh : d.name }));
  const [accept] = useMutation(AcceptCaseDocument);
  const [reject] = useMutation(RejectCaseDocument);
  const [route] = useMutation(RouteCaseDocument);
  const [start] = useMutation(StartInvestigationDocument);
  const [assign] = useMutation(AssignEnforcersDocument);
  const [decide] = useMutation(DecideCaseDocument);
  const [feedback] = useMutation(SendCaseFeedbackDocument);
  const [archive] = useMutation(ArchiveCaseDocument);
  const [supervise] = useMutation(SuperviseCaseDocument);
  const [routeMode, setRouteMode] = useState<CaseRoutingMode>('TRANSFERRED');
  const [ground, setGround] = useState<CaseRefusalGround | undefined>();
  if (steps.length === 0) return <Typography.Text type="secondary">{t('当前没有您可办理的步骤', 'No step for you to take now')}</Typography.Text>;
  const base = (v: StepValues) => ({ caseId: c.id, expectedVersion: c.version, comment: (v.comment as string) || null });
  const fixedDepartment = session.role === 'DEPT' ? session.department : null;
  const specialty = c.project.category as EnforcerSpecialty;
  const forms: Record<Transition, () => ReactNode> = {
    SUBMIT: () => null,
    ACCEPT: () => (
      <StepForm step="ACCEPT" run={(v) => accept({ variables: { input: base(v) } })} onStale={onStale} onDone={() => setOpen(null)}>
        <CommentField />
      </StepForm>
    ),
    REJECT: () => (
      <StepForm
        step="REJECT"
        run={(v) => reject({ variables: { input: { ...base(v), ground: v.ground as CaseRefusalGround, reason: (v.reason as string) || null } } })}
        onStale={onStale}
        onDone={() => setOpen(null)}
      >
        <Form.Item name="ground" label={t('不予受理的法定情形', 'Statutory ground')} rules={[{ required: true, message: t('请选择', 'Choose one') }]}>
          <Select<CaseRefusalGround>
            onChange={setGround}
            options={Object.keys(REFUSAL_GROUND_LABELS).map((g) => ({ value: g as CaseRefusalGround, label: label(REFUSAL_GROUND_LABELS, g, lang) }))}
          />
        </Form.Item>
        <Form.Item name="reason" label={t('理由', 'Reason')} rules={textRules(t, LONG_TEXT, ground === 'OTHER')}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <CommentField />
      </StepForm>
    ),
    ROUTE: () => (
      <StepForm
        step="ROUTE"
        run={(v) => {
          const mode = v.mode as CaseRoutingMode;
          const codes = mode === 'SELF_HANDLED' ? null : ([] as string[]).concat((v.departmentCodes as string[] | string | undefined) ?? []);
          return route({ variables: { input: { ...base(v), mode, departmentCodes: codes } } });
        }}
        onStale={onStale}
        onDone={() => setOpen(null)}
      >
        <RoutingModeField onChange={setRouteMode} supervisingDepartment={c.project.supervisingDepartment.code} />
        {routeMode !== 'SELF_HANDLED' && (
          <Form.Item
            name="departmentCodes"
            label={
              routeMode === 'SPLIT'
                ? t('分办部门（两个及以上）', 'Departments (two or more)')
                : t('转办部门（默认为项目的行业主管部门）', "Department (default: the project's supervising department)")
            }
            initialValue={routeMode === 'TRANSFERRED' ? c.project.supervisingDepartment.code : undefined}
            rules={[
              { required: true, message: t('请选择部门', 'Choose the department') },
              ...(routeMode === 'SPLIT'
                ? [{ type: 'array' as const, min: 2, message: t('分办须选择两个及以上部门', 'SPLIT needs two or more departments') }]
                : []),
            ]}
          >
            <Select
              mode={routeMode === 'SPLIT' ? 'multiple' : undefined}
              options={lineDepartments.map((d) => ({ value: d.code, label: `${d.label}（${d.code}）` }))}
              loading={units.loading}
            />
          </Form.Item>
        )}
        <CommentField />
      </StepForm>
    ),
    START_INVESTIGATION: () => (
      <StepForm
        step="START_INVESTIGATION"
        run={(v) => start({ variables: { input: { ...base(v), enforcerIds: (v.enforcerIds as string[] | undefined) ?? null } } })}
        onStale={onStale}
        onDone={() => setOpen(null)}
      >
        <Form.Item name="enforcerIds" label={t('指派执法人员（可稍后指派）', 'Enforcers (may be assigned later)')}>
          <EnforcerPicker fixedDepartment={fixedDepartment} departments={lineDepartments} defaultSpecialty={specialty} />
        </Form.Item>
        <CommentField />
      </StepForm>
    ),
    ASSIGN_ENFORCERS: () => (
      <StepForm
        step="ASSIGN_ENFORCERS"
        run={(v) => assign({ variables: { input: { ...base(v), enforcerIds: v.enforcerIds as string[] } } })}
        onStale={onStale}
        onDone={() => setOpen(null)}
      >
        <Form.Item
          name="enforcerIds"
          label={t('执法人员', 'Enforcers')}
          rules={[{ required: true, message: t('至少选择一名执法人员', 'Choose at least one enforcer') }]}
        >
          <EnforcerPicker fixedDepartment={fixedDepartment} departments={lineDepartments} defaultSpecialty={specialty} />
        </Form.Item>
        <CommentField />
      </StepForm>
    ),
    DECIDE: () => (
      <StepForm
        step="DECIDE"
        run={(v) =>
          decide({
            variables: {
              input: { ...base(v), substantiated: v.substantiated as boolean, actionTaken: v.actionTaken as string, penalty: (v.penalty as string) || null },
            },
          })
        }
        onStale={onStale}
        onDone={() => setOpen(null)}
      >
        <Form.Item name="substantiated" label={t('调查结论', 'Finding')} rules={[{ required: true, message: t('请选择', 'Choose one') }]}>
          <Radio.Group
            options={[
              { value: true, label: t('属实', 'Substantiated') },
              { value: false, label: t('不属实', 'Not substantiated') },
            ]}
          />
        </Form.Item>
        <Form.Item name="actionTaken" label={t('处理措施', 'Action taken')} rules={textRules(t, LONG_TEXT)}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <Form.Item name="penalty" label={t('行政处罚（如有）', 'Penalty (if any)')} rules={textRules(t, LONG_TEXT, false)}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <CommentField />
      </StepForm>
    ),
    SEND_FEEDBACK: () => (
      <StepForm
        step="SEND_FEEDBACK"
        run={(v) => feedback({ variables: { input: { ...base(v), feedback: v.feedback as string } } })}
        onStale={onStale}
        onDone={() => setOpen(null)}
      >
        <Form.Item name="feedback" label={t('向投诉/举报人反馈的结果', 'Result as told to the submitter')} rules={textRules(t, LONG_TEXT)}>
          <Input.TextArea rows={3} />
        </Form.Item>
        <CommentField />
      </StepForm>
    ),
    ARCHIVE: () => (
      <StepForm step="ARCHIVE" run={(v) => archive({ variables: { input: base(v) } })} onStale={onStale} onDone={() => setOpen(null)}>
        <CommentField />
      </StepForm>
    ),
    SUPERVISE: () => (
      <StepForm
        step="SUPERVISE"
        run={(v) => supervise({ variables: { input: { caseId: c.id, note: v.note as string } } })}
        onStale={onStale}
        onDone={() => setOpen(null)}
      >
        <Form.Item name="note" label={t('督办意见', 'Supervision instruction')} rules={textRules(t, LONG_TEXT)}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </StepForm>
    ),
  };
  return (
    <>
      <Space wrap style={{ marginBottom: 12 }}>
        {steps.map((s) => (
          <Button
            key={s}
            type={open === s ? 'primary' : 'default'}
            aria-pressed={open === s}
            onClick={() => setOpen(open === s ? null : s)}
            data-testid={`offer-${s}`}
          >
            {label(TRANSITION_LABELS, s, lang)}
          </Button>
        ))}
      </Space>
      {open && steps.includes(open) && (
        <Card size="small" title={label(TRANSITION_LABELS, open, lang)}>
          {forms[open]()}
        </Card>
      )}
    </>
  );
}

function Trail({ c }: { c: CaseDetailFragment }) {
  const { t, lang } = useLocale();
  return (
    <Timeline
      items={c.events.map((e) => ({
        key: e.id,
        content: (
          <div>
            <Typography.Text strong>{label(TRANSITION_LABELS, e.transition, lang)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {shanghaiDateTime(e.at)} · {actorLabel(e, lang)}
            </Typography.Text>
            {e.fromStatus && e.fromStatus !== e.toStatus && (
              <div>
                {label(CASE_STATUS_LABELS, e.fromStatus, lang)} → {label(CASE_STATUS_LABELS, e.toStatus, lang)}
              </div>
            )}
            {e.routingMode && (
              <div>
                {label(ROUTING_LABELS, e.routingMode, lang)}：{(e.departments ?? []).join('、')}
              </div>
            )}
            {e.refusalGround && <div>{label(REFUSAL_GROUND_LABELS, e.refusalGround, lang)}</div>}
            {e.enforcerIds && e.enforcerIds.length > 0 && (
              <div>{t(`指派执法人员 ${e.enforcerIds.length} 名`, `${e.enforcerIds.length} enforcers assigned`)}</div>
            )}
            {e.comment && <div>{e.comment}</div>}
          </div>
        ),
      }))}
    />
  );
}

/** 案件办理: one case with its deadlines, details, the steps open to the caller, and the whole trail. */
export function CasePage() {
  const { id = '' } = useParams();
  const { t, lang } = useLocale();
  const { data, loading, error, refetch } = useQuery(CaseDetailDocument, { variables: { id }, fetchPolicy: 'cache-and-network' });
  const [stale, setStale] = useState<string | null>(null);
  return (
    <QueryState loading={loading} error={error} data={data}>
      {(d) => {
        const c = d.case;
        if (!c) return <Result status="404" title={t('案件不存在', 'No such case')} />;
        const dash = (v: ReactNode) => (v == null || v === '' ? '—' : v);
        return (
          <>
            <Typography.Title level={2} style={{ fontSize: 20 }}>
              {label(CASE_KIND_LABELS, c.kind, lang)} {c.receiptNumber}{' '}
              <Tag color={c.overdue ? 'red' : 'blue'} data-testid="case-status">
                {label(CASE_STATUS_LABELS, c.status, lang)}
              </Tag>
            </Typography.Title>
            <InlineError error={error} />
            {stale !== null && (
              <Alert
                type="warning"
                showIcon
                role="alert"
                data-testid="stale"
                style={{ marginBottom: 16 }}
                title={t(
                  '此案件已被他人办理或更新，本页显示的是旧状态，操作未执行。',
                  'Someone else moved this case since you opened it; your step was not taken.',
                )}
                description={stale || undefined}
                action={
                  <Button
                    onClick={async () => {
                      await refetch();
                      setStale(null);
                    }}
                  >
                    {t('刷新案件', 'Reload the case')}
                  </Button>
                }
              />
            )}
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Card size="small" title={t('案件信息', 'Case')}>
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('案由', 'Subject')}>{c.summary}</Descriptions.Item>
                    <Descriptions.Item label={t('项目', 'Project')}>
                      <Link to={`/projects/${c.project.id}`}>
                        {c.project.code} {c.project.name}
                      </Link>
                    </Descriptions.Item>
                    <Descriptions.Item label={t('来源与收件时间', 'Channel, received')}>
                      {label(CHANNEL_LABELS, c.channel, lang)} · {shanghaiDateTime(c.receivedAt)}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('行业主管部门', 'Supervising department')}>
                      {lang === 'zh' ? c.supervisingDepartment.nameZh : c.supervisingDepartment.name}
                    </Descriptions.Item>
                    <Descriptions.Item label={t('办理方式 / 承办部门', 'Routing / handled by')}>
                      {c.routingMode ? `${label(ROUTING_LABELS, c.routingMode, lang)} · ` : ''}
                      {dash(c.handlingDepartments.map((x) => (lang === 'zh' ? x.nameZh : x.name)).join('、'))}
                    </Descriptions.Item>
                    {c.view === 'FULL' && (
                      <>
                        <Descriptions.Item label={t('投诉/举报人', 'Submitter')}>
                          {c.anonymous ? t('匿名', 'Anonymous') : dash([c.submitterName, c.submitterRelation, c.submitterContact].filter(Boolean).join(' · '))}
                        </Descriptions.Item>
                        {c.knewOn && <Descriptions.Item label={t('知道投诉事项日期', 'Knew of it on')}>{c.knewOn}</Descriptions.Item>}
                        <Descriptions.Item label={t('被投诉/举报人', 'Respondents')}>
                          {c.respondents?.length
                            ? c.respondents.map((r) => (
                                <Link key={r.creditCode} to={`/entities/${r.creditCode}`} style={{ marginRight: 8 }}>
                                  {r.name}
                                </Link>
                              ))
                            : '—'}
                        </Descriptions.Item>
                        <Descriptions.Item label={t('事实、理由和证据', 'Facts and evidence')}>
                          <span style={{ whiteSpace: 'pre-wrap' }}>{dash(c.details)}</span>
                        </Descriptions.Item>
                      </>
                    )}
                    <Descriptions.Item label={t('执法人员', 'Enforcers')}>
                      {dash(c.assignedEnforcers.map((e) => `${e.name}（${e.department.code}）`).join('、'))}
                    </Descriptions.Item>
                    {c.refusalGround && (
                      <Descriptions.Item label={t('不予受理情形', 'Refusal ground')}>
                        {label(REFUSAL_GROUND_LABELS, c.refusalGround, lang)}
                        {c.refusalReason ? `：${c.refusalReason}` : ''}
                      </Descriptions.Item>
                    )}
                    {c.decidedOn && (
                      <Descriptions.Item label={t('处理决定', 'Decision')}>
                        {c.decidedOn} · {c.substantiated ? t('属实', 'substantiated') : t('不属实', 'not substantiated')}
                        {c.actionTaken ? ` · ${c.actionTaken}` : ''}
                        {c.penalty ? ` · ${t('处罚', 'penalty')}：${c.penalty}` : ''}
                        {c.decidedByDepartment ? `（${c.decidedByDepartment.code}）` : ''}
                      </Descriptions.Item>
                    )}
                    {c.feedbackOn && (
                      <Descriptions.Item label={t('反馈', 'Feedback')}>
                        {c.feedbackOn} · {dash(c.feedback)}
                      </Descriptions.Item>
                    )}
                    {c.archivedOn && <Descriptions.Item label={t('归档日期', 'Archived on')}>{c.archivedOn}</Descriptions.Item>}
                  </Descriptions>
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card size="small" title={t('期限', 'Deadlines')} style={{ marginBottom: 16 }}>
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label={t('受理决定期限', 'Decide on acceptance by')}>
                      {c.acceptanceDeadline.dueOn} <Countdown deadline={c.acceptanceDeadline} metLate={c.acceptanceDeadline.metLate} />
                    </Descriptions.Item>
                    <Descriptions.Item label={t('办结期限', 'Resolve by')}>
                      {c.resolutionDeadline ? (
                        <>
                          {c.resolutionDeadline.dueOn} <Countdown deadline={c.resolutionDeadline} metLate={c.resolutionDeadline.metLate} />
                        </>
                      ) : (
                        t('受理后计算', 'From acceptance')
                      )}
                    </Descriptions.Item>
                  </Descriptions>
                </Card>
                <Card size="small" title={t('办理', 'Steps')}>
                  <CaseSteps c={c} onStale={(m) => setStale(m)} />
                </Card>
              </Col>
              <Col span={24}>
                <Card size="small" title={t('全程留痕', 'Trail')}>
                  <Trail c={c} />
                </Card>
              </Col>
            </Row>
          </>
        );
      }}
    </QueryState>
  );
}
