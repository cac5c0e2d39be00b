import { useLazyQuery, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Descriptions, Empty, Form, Input, Layout, List, Segmented, Skeleton, Space, Tabs, Typography } from 'antd';
import { lazy, Suspense, useState } from 'react';
import { useSearchParams } from 'react-router';
import { CaseIntakeForm, type IntakeKind, type Receipt } from '../cases/CaseIntakeForm';
import { ReceiptCard } from '../cases/ReceiptCard';
import { REFUSAL_GROUND_LABELS } from '../cases/case-labels';
import { GradeTag } from '../credit/GradeTag';
import { Tag } from '../data/Tag';
import { refusalForFields } from '../forms/server-refusal';
import {
  PublicCaseStatusDocument,
  PublicCreditSearchDocument,
  PublicInspectionsDocument,
  PublicInspectionsOfProjectsDocument,
  PublicPractitionerCreditSearchDocument,
  type PublicInspectionFragment,
} from '../gql/public/graphql';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, CREDIT_STATUS_LABELS, label, PRACTITIONER_ROLE_LABELS } from '../i18n/labels';
import { LanguageSwitch } from '../i18n/LanguageSwitch';
import { useLocale, type Lang } from '../i18n/locale';

/** The draw check bundles the draw algorithm: loaded only when the tab is opened. */
const PublicDraws = lazy(() => import('./PublicDraws').then((m) => ({ default: m.PublicDraws })));

/** Every question of the portal goes out without a token: the PUBLIC role, whoever is signed in in this browser. */
const ANONYMOUS = { anonymous: true };

function Submit() {
  const { t } = useLocale();
  const [kind, setKind] = useState<IntakeKind>('COMPLAINT');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  if (receipt) return <ReceiptCard receipt={receipt} forPublic onAnother={() => setReceipt(null)} />;
  return (
    <>
      <Segmented<IntakeKind>
        block
        aria-label={t('类型', 'Kind')}
        style={{ marginBottom: 12 }}
        value={kind}
        onChange={setKind}
        options={[
          { value: 'COMPLAINT', label: t('我要投诉', 'Complaint') },
          { value: 'REPORT', label: t('我要举报', 'Report') },
        ]}
      />
      <Typography.Paragraph type="secondary">
        {kind === 'COMPLAINT'
          ? t(
              '投诉须由投标人或其他利害关系人实名提出，自知道或者应当知道之日起10日内提交，并附事实、理由和证据。',
              'A complaint is made by a bidder or another interested party under their real name, within 10 days of knowing of the matter, with facts, grounds and evidence.',
            )
          : t(
              '任何人均可举报，可以匿名。举报人信息仅综合监管办可见。',
              "Anyone may report, anonymously if they wish. The reporter's identity is seen by the supervision office only.",
            )}
      </Typography.Paragraph>
      <CaseIntakeForm key={kind} kind={kind} mode="public" onReceipt={setReceipt} />
    </>
  );
}

function StatusLookup() {
  const { t, lang } = useLocale();
  const [lookup, { data, loading, error }] = useLazyQuery(PublicCaseStatusDocument, { fetchPolicy: 'network-only' });
  const [form] = Form.useForm<{ receiptNumber: string; secret: string }>();
  const refusal = refusalForFields(error, []);
  const notFound = error && refusal.general.length > 0;
  const s = data?.caseStatusByReceipt;
  return (
    <>
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => lookup({ variables: { receiptNumber: v.receiptNumber.trim(), secret: v.secret.trim() }, context: ANONYMOUS }).catch(() => undefined)}
      >
        <Form.Item name="receiptNumber" label={t('回执编号', 'Receipt number')} rules={[{ required: true, whitespace: true, message: t('必填', 'Required') }]}>
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="secret" label={t('查询密码', 'Secret')} rules={[{ required: true, whitespace: true, message: t('必填', 'Required') }]}>
          <Input.Password autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" block loading={loading} disabled={loading}>
          {t('查询办理进度', 'Show the progress')}
        </Button>
      </Form>
      {notFound && !loading && (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginTop: 16 }}
          title={
            refusal.transport
              ? t('服务暂不可用，请稍后再试', 'The service did not answer; try again later')
              : t('回执编号或查询密码不正确', 'The receipt number or the secret is wrong')
          }
        />
      )}
      {s && !loading && (
        <Card style={{ marginTop: 16 }} data-testid="public-status">
          <Descriptions column={1} size="small">
            <Descriptions.Item label={t('回执编号', 'Receipt number')}>{s.receiptNumber}</Descriptions.Item>
            <Descriptions.Item label={t('类型', 'Kind')}>{label(CASE_KIND_LABELS, s.kind, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('当前状态', 'Status')}>
              <Tag color="blue" data-testid="public-status-value">
                {label(CASE_STATUS_LABELS, s.status, lang)}
              </Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('收件日期', 'Received on')}>{s.receivedOn}</Descriptions.Item>
            <Descriptions.Item label={t('受理决定期限', 'Acceptance decided by')}>
              {s.acceptedOn ?? s.rejectedOn ?? s.acceptanceDeadline.dueOn}
            </Descriptions.Item>
            {s.resolutionDeadline && <Descriptions.Item label={t('办结期限', 'Resolve by')}>{s.resolutionDeadline.dueOn}</Descriptions.Item>}
            {s.refusalGround && (
              <Descriptions.Item label={t('不予受理理由', 'Refused because')}>
                {label(REFUSAL_GROUND_LABELS, s.refusalGround, lang)}
                {s.refusalReason ? `：${s.refusalReason}` : ''}
              </Descriptions.Item>
            )}
            {s.feedback && (
              <Descriptions.Item label={t('处理结果', 'Result')}>
                {s.feedbackOn} {s.feedback}
              </Descriptions.Item>
            )}
          </Descriptions>
        </Card>
      )}
    </>
  );
}

function InspectionItem({ i, lang }: { i: PublicInspectionFragment; lang: Lang }) {
  const { t } = useLocale();
  return (
    <List.Item>
      <List.Item.Meta
        title={`${i.projectCode} ${i.project.name}`}
        description={
          <>
            <div>
              {lang === 'zh' ? i.supervisingDepartment.nameZh : i.supervisingDepartment.name} · {t('检查日期', 'Inspected on')} {i.inspectedOn ?? '—'}
            </div>
            {i.summary && <div>{i.summary}</div>}
            {i.findings.length > 0 ? (
              <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                {i.findings.map((f) => (
                  <li key={f.id}>{f.description}</li>
                ))}
              </ul>
            ) : (
              <div>{t('未发现问题', 'No findings')}</div>
            )}
          </>
        }
      />
    </List.Item>
  );
}

/** 一公开: published inspection results, the latest, or those of projects found by name or code. */
function Inspections() {
  const { t, lang } = useLocale();
  const [text, setText] = useState('');
  const latest = useQuery(PublicInspectionsDocument, { variables: { first: 20 }, context: ANONYMOUS, skip: !!text });
  const found = useQuery(PublicInspectionsOfProjectsDocument, { variables: { text }, context: ANONYMOUS, skip: !text });
  const items: PublicInspectionFragment[] = text
    ? (found.data?.projects.nodes ?? []).flatMap((p) => (p.inspections ?? []).filter((i) => i.status === 'PUBLISHED'))
    : (latest.data?.publishedInspections.nodes ?? []);
  return (
    <>
      <Input.Search
        aria-label={t('按项目名称或编号搜索', 'Search by project name or code')}
        placeholder={t('项目名称或编号', 'Project name or code')}
        enterButton={t('搜索', 'Search')}
        allowClear
        onSearch={(v) => setText(v.trim())}
        style={{ marginBottom: 12 }}
      />
      <List
        loading={latest.loading || found.loading}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('暂无已公开的检查结果', 'No published results')} /> }}
        renderItem={(i) => <InspectionItem i={i} lang={lang} />}
        aria-label={t('已公开的检查结果', 'Published inspection results')}
      />
    </>
  );
}

type CreditSubject = 'entities' | 'practitioners';

/** Published credit records of market entities (by name or credit code) or of practitioners (by name as published). */
function Credit() {
  const { t } = useLocale();
  const [subject, setSubject] = useState<CreditSubject>('entities');
  return (
    <>
      <Segmented<CreditSubject>
        aria-label={t('查询对象', 'Search for')}
        value={subject}
        onChange={setSubject}
        options={[
          { value: 'entities', label: t('市场主体', 'Market entities') },
          { value: 'practitioners', label: t('从业人员', 'Practitioners') },
        ]}
        style={{ marginBottom: 12 }}
      />
      {subject === 'entities' ? <EntityCredit /> : <PractitionerCredit />}
    </>
  );
}

/** Published records of practitioners (项目经理, agency staff, evaluation experts): name as published, never an identity number. */
function PractitionerCredit() {
  const { t, lang } = useLocale();
  const [search, { data, loading, called }] = useLazyQuery(PublicPractitionerCreditSearchDocument);
  return (
    <>
      <Input.Search
        aria-label={t('按从业人员姓名搜索', 'Search by practitioner name')}
        placeholder={t('从业人员姓名', 'Practitioner name')}
        enterButton={t('搜索', 'Search')}
        maxLength={50}
        onSearch={(v) => v.trim() && search({ variables: { text: v.trim() }, context: ANONYMOUS })}
        style={{ marginBottom: 12 }}
      />
      {called && (
        <List
          loading={loading}
          dataSource={data?.practitionersWithPublishedCredit.nodes ?? []}
          locale={{ emptyText: <Empty description={t('无已公示信用记录的匹配人员', 'No practitioner with published records matches')} /> }}
          aria-label={t('从业人员信用记录', 'Practitioner credit records')}
          renderItem={(p) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    {p.name}
                    <span>{label(PRACTITIONER_ROLE_LABELS, p.role, lang)}</span>
                    {p.credit && <GradeTag grade={p.credit.grade} />}
                    {p.credit?.restricted && <Tag color="red">{t('联合惩戒中', 'Joint punishment')}</Tag>}
                  </Space>
                }
                description={
                  !p.credit?.records?.length ? (
                    <div>{t('当前无计分中的信用记录', 'No credit record counts at present')}</div>
                  ) : (
                    <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                      {p.credit.records.map((r) => (
                        <li key={r.id}>
                          {r.publicityStartsOn} · {t(`扣 ${r.points} 分`, `−${r.points} points`)} · {label(CREDIT_STATUS_LABELS, r.status, lang)} · {r.facts}
                        </li>
                      ))}
                    </ul>
                  )
                }
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

/** Published credit records of market entities found by name or unified social credit code. */
function EntityCredit() {
  const { t, lang } = useLocale();
  const [search, { data, loading, called }] = useLazyQuery(PublicCreditSearchDocument);
  return (
    <>
      <Input.Search
        aria-label={t('按单位名称或统一社会信用代码搜索', 'Search by name or unified social credit code')}
        placeholder={t('单位名称或统一社会信用代码', 'Name or credit code')}
        enterButton={t('搜索', 'Search')}
        onSearch={(v) => v.trim() && search({ variables: { text: v.trim() }, context: ANONYMOUS })}
        style={{ marginBottom: 12 }}
      />
      {called && (
        <List
          loading={loading}
          dataSource={data?.marketEntities?.nodes ?? []}
          locale={{ emptyText: <Empty description={t('无匹配单位', 'No matching entity')} /> }}
          aria-label={t('信用记录', 'Credit records')}
          renderItem={(e) => (
            <List.Item>
              <List.Item.Meta
                title={
                  <Space wrap>
                    {e.name}
                    {e.credit && <GradeTag grade={e.credit.grade} />}
                    {e.credit?.restricted && <Tag color="red">{t('联合惩戒中', 'Joint punishment')}</Tag>}
                  </Space>
                }
                description={
                  <>
                    <div>{e.creditCode}</div>
                    {!e.credit?.records?.length ? (
                      <div>{t('无已公示的信用记录', 'No published credit records')}</div>
                    ) : (
                      <ul style={{ margin: '4px 0 0', paddingInlineStart: 20 }}>
                        {e.credit.records.map((r) => (
                          <li key={r.id}>
                            {r.publicityStartsOn} · {t(`扣 ${r.points} 分`, `−${r.points} points`)} · {label(CREDIT_STATUS_LABELS, r.status, lang)} · {r.facts}
                          </li>
                        ))}
                      </ul>
                    )}
                  </>
                }
              />
            </List.Item>
          )}
        />
      )}
    </>
  );
}

/**
 * 公众服务: the public portal, no sign-in, phone-sized screens first. Complain or report, look up a
 * case by its receipt, read published inspection results and credit records, verify published draws (一公开).
 */
export function PublicPortal() {
  const { t } = useLocale();
  // The tab and the draw being verified live in the address, so a draw's verification can be linked to and shared.
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'submit';
  const drawId = params.get('draw');
  return (
    <Layout style={{ minHeight: '100vh', background: '#fff' }}>
      <Layout.Header
        style={{
          background: '#fff',
          borderBottom: '1px solid #f0f0f0',
          padding: '0 12px',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
          gap: 8,
        }}
      >
        <Typography.Title level={1} style={{ margin: 0, fontSize: 16, lineHeight: 1.3 }}>
          {t('工程建设招投标监管 · 公众服务', 'Tender supervision · public service')}
        </Typography.Title>
        <LanguageSwitch />
      </Layout.Header>
      <Layout.Content style={{ padding: 12, maxWidth: 720, width: '100%', margin: '0 auto' }}>
        <main>
          <Tabs
            // Narrow gutters and one-word English labels keep the five tabs on a 390 px phone screen in either
            // language: folded ones would land in a menu inside the tab list (test/web-portal.e2e.test.ts checks both).
            tabBarGutter={12}
            activeKey={tab}
            onChange={(key) => setParams({ tab: key })}
            items={[
              { key: 'submit', label: t('投诉举报', 'Complaints'), children: <Submit /> },
              { key: 'status', label: t('进度查询', 'Status'), children: <StatusLookup /> },
              { key: 'inspections', label: t('检查结果', 'Inspections'), children: <Inspections /> },
              { key: 'credit', label: t('信用记录', 'Credit'), children: <Credit /> },
              {
                key: 'draws',
                label: t('抽查公示', 'Draws'),
                children: (
                  <Suspense fallback={<Skeleton active />}>
                    <PublicDraws drawId={drawId} onOpen={(id) => setParams(id ? { tab: 'draws', draw: id } : { tab: 'draws' })} />
                  </Suspense>
                ),
              },
            ]}
          />
        </main>
      </Layout.Content>
    </Layout>
  );
}
