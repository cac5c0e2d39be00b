import { useQuery } from '@apollo/client/react';
import { Alert, Card, Col, Descriptions, Empty, Row, Table, Timeline, Typography } from 'antd';
import { Tag } from '../data/Tag';
import { Link, useParams } from 'react-router';
import { answerProblems, isForbidden } from '../data/errors';
import { QueryState } from '../data/QueryState';
import { ProjectPanoramaDocument, type ProjectPanoramaQuery } from '../gql/projects/graphql';
import {
  actorLabel,
  CASE_KIND_LABELS,
  CASE_STATUS_LABELS,
  CREDIT_STATUS_LABELS,
  INSPECTION_STATUS_LABELS,
  label,
  SLICE_LABELS,
  STAGE_LABELS,
  STAGE_RECORD_LABELS,
} from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { shanghaiDateTime } from '../leader/period';
import { GradeTag } from '../credit/GradeTag';
import { flagSentence } from './flags';
import { mergeTrail } from './trail';

type Project = NonNullable<ProjectPanoramaQuery['project']>;

function formatAt(at: string): string {
  if (at.length === 10) return at;
  return shanghaiDateTime(at);
}

/** A section for data of one slice: not shown when the role may not read it; empty when there is none. */
function Section({ title, hidden, empty, children, testId }: { title: string; hidden?: boolean; empty: boolean; children: React.ReactNode; testId?: string }) {
  const { t } = useLocale();
  if (hidden) return null;
  return (
    <Card size="small" title={title} style={{ marginBottom: 16 }} data-testid={testId}>
      {empty ? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('暂无', 'None')} /> : children}
    </Card>
  );
}

function Stages({ p }: { p: Project }) {
  const { t, lang } = useLocale();
  return (
    <>
      {p.flags.length > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('法定时限预警', 'Statutory interval flags')}
          description={
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {p.flags.map((f) => (
                <li key={f.id}>{flagSentence(f, lang)}</li>
              ))}
            </ul>
          }
        />
      )}
      <Timeline
        items={p.stageRecords.map((r) => ({
          key: r.id,
          color: r.kind === 'FAILED_OPENING' ? 'red' : 'blue',
          children: (
            <>
              <Typography.Text strong>{label(STAGE_RECORD_LABELS, r.kind, lang)}</Typography.Text> {r.occurredOn}
              <br />
              <Typography.Text type="secondary">
                {t('文号', 'Ref.')} {r.documentRef}
                {r.tenderRound > 1 ? t(`（第${r.tenderRound}轮）`, ` (round ${r.tenderRound})`) : ''}
              </Typography.Text>
            </>
          ),
        }))}
      />
    </>
  );
}

function Panorama({ p, error }: { p: Project; error: unknown }) {
  const { t, lang } = useLocale();
  const problems = answerProblems(error);
  const trail = mergeTrail(p, {
    stageRecord: (kind, ref) => `${label(STAGE_RECORD_LABELS, kind, lang)}（${ref}）`,
    caseEvent: (receipt, status) =>
      t(`案件 ${receipt}：${label(CASE_STATUS_LABELS, status, lang)}`, `Case ${receipt}: ${label(CASE_STATUS_LABELS, status, lang)}`),
    inspection: (status) => t(`双随机检查：${label(INSPECTION_STATUS_LABELS, status, lang)}`, `Inspection: ${label(INSPECTION_STATUS_LABELS, status, lang)}`),
    creditEvent: (subject, status) =>
      t(`信用记录（${subject}）：${label(CREDIT_STATUS_LABELS, status, lang)}`, `Credit record (${subject}): ${label(CREDIT_STATUS_LABELS, status, lang)}`),
    auditFound: (title) => t(`审计发现：${title}`, `Audit finding: ${title}`),
    auditRectified: (title) => t(`审计问题已整改：${title}`, `Audit finding rectified: ${title}`),
    caseActor: (e) => actorLabel(e, lang),
  });
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('项目全景', 'Project panorama')} · {p.name}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('项目编号', 'Code')}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t('阶段', 'Stage')}>{label(STAGE_LABELS, p.stage, lang)}</Descriptions.Item>
          <Descriptions.Item label={t('主管部门', 'Department')}>
            {lang === 'zh' ? p.supervisingDepartment.nameZh : p.supervisingDepartment.name}
          </Descriptions.Item>
          <Descriptions.Item label={t('招标人', 'Tenderer')}>
            <Link to={`/entities/${p.tenderer.creditCode}`}>{p.tenderer.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('招标代理', 'Tender agency')}>
            {p.tenderAgency ? <Link to={`/entities/${p.tenderAgency.creditCode}`}>{p.tenderAgency.name}</Link> : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('预算（元）', 'Budget (yuan)')}>{Number(p.budget).toLocaleString('zh-CN')}</Descriptions.Item>
          <Descriptions.Item label={t('登记日期', 'Registered')}>{p.registeredOn}</Descriptions.Item>
          <Descriptions.Item label={t('投标截止', 'Bid deadline')}>{p.bidDeadline ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('合同签订', 'Contract signed')}>{p.contractSignedOn ?? '—'}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <Section title={t('交易阶段', 'Stages')} empty={p.stageRecords.length === 0} testId="stages">
            <Stages p={p} />
          </Section>
        </Col>
        <Col xs={24} xl={16}>
          <Section title={t('投标人及投标时信用等级', "Bids and each bidder's grade at the bid")} empty={p.bids.length === 0} testId="bids">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.bids}
              columns={[
                { title: t('投标人', 'Bidder'), key: 'bidder', render: (_, b) => <Link to={`/entities/${b.bidder.creditCode}`}>{b.bidder.name}</Link> },
                { title: t('轮次', 'Round'), dataIndex: 'tenderRound' },
                { title: t('投标报价（元）', 'Amount (yuan)'), key: 'amount', render: (_, b) => Number(b.amount).toLocaleString('zh-CN') },
                { title: t('投标时信用等级', 'Grade at bid'), key: 'grade', render: (_, b) => <GradeTag grade={b.bidderCreditAtBid?.grade} /> },
                { title: t('信用分', 'Score'), key: 'score', render: (_, b) => b.bidderCreditAtBid?.score ?? '—' },
                {
                  title: t('结果', 'Result'),
                  key: 'result',
                  render: (_, b) => (
                    <>
                      {b.awarded && <Tag color="green">{t('中标', 'Awarded')}</Tag>}
                      {b.bidderRestricted && <Tag color="red">{t('失信惩戒', 'Restricted')}</Tag>}
                    </>
                  ),
                },
              ]}
            />
          </Section>
          <Section title={t('投诉举报案件', 'Cases')} hidden={isForbidden(problems, 'project.cases')} empty={!p.cases || p.cases.length === 0} testId="cases">
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={p.cases ?? []}
              columns={[
                { title: t('回执编号', 'Receipt no.'), dataIndex: 'receiptNumber' },
                { title: t('类型', 'Kind'), key: 'kind', render: (_, c) => label(CASE_KIND_LABELS, c.kind, lang) },
                { title: t('案由', 'Subject'), dataIndex: 'summary' },
                { title: t('状态', 'Status'), key: 'status', render: (_, c) => label(CASE_STATUS_LABELS, c.status, lang) },
                {
                  title: t('受理期限', 'Accept by'),
                  key: 'acc',
                  render: (_, c) => (
                    <>
                      {c.acceptanceDeadline.dueOn} {c.acceptanceDeadline.overdue && <Tag color="red">{t('逾期', 'Overdue')}</Tag>}
                    </>
                  ),
                },
                {
                  title: t('办结期限', 'Resolve by'),
                  key: 'res',
                  render: (_, c) =>
                    c.resolutionDeadline ? (
                      <>
                        {c.resolutionDeadline.dueOn} {c.resolutionDeadline.overdue && <Tag color="red">{t('逾期', 'Overdue')}</Tag>}
                        {c.resolutionDeadline.metLate && <Tag color="orange">{t('超期办结', 'Late')}</Tag>}
                      </>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          </Section>
        </Col>
      </Row>
      <Row gutter={16}>
        <Col xs={24} xl={8}>
          <Section
            title={t('双随机检查', 'Inspections')}
            hidden={isForbidden(problems, 'project.inspections')}
            empty={!p.inspections || p.inspections.length === 0}
            testId="inspections"
          >
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {(p.inspections ?? []).map((i) => (
                <li key={i.id}>
                  {label(INSPECTION_STATUS_LABELS, i.status, lang)} {i.inspectedOn ?? ''} {i.summary ?? ''}
                  {i.findings.length > 0 && t(`（发现问题 ${i.findings.length} 项）`, ` (${i.findings.length} findings)`)}
                </li>
              ))}
            </ul>
          </Section>
        </Col>
        <Col xs={24} xl={8}>
          <Section
            title={t('信用记录', 'Credit records')}
            hidden={isForbidden(problems, 'project.creditRecords')}
            empty={!p.creditRecords || p.creditRecords.length === 0}
            testId="credit"
          >
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {(p.creditRecords ?? []).map((r) => (
                <li key={r.id}>
                  {r.marketEntity ? <Link to={`/entities/${r.marketEntity.creditCode}`}>{r.marketEntity.name}</Link> : r.subjectKey}：{r.facts}（
                  {t(`扣 ${r.points} 分`, `${r.points} points`)}，{label(CREDIT_STATUS_LABELS, r.status, lang)}）
                </li>
              ))}
            </ul>
          </Section>
        </Col>
        <Col xs={24} xl={8}>
          <Section
            title={t('审计发现', 'Audit findings')}
            hidden={isForbidden(problems, 'project.auditFindings')}
            empty={!p.auditFindings || p.auditFindings.length === 0}
            testId="audit"
          >
            <ul style={{ margin: 0, paddingLeft: 20 }}>
              {(p.auditFindings ?? []).map((f) => (
                <li key={f.id}>
                  {f.foundOn} {f.title}（{t('整改期限', 'rectify by')} {f.rectificationDueOn}
                  {f.rectifiedOn ? t(`，${f.rectifiedOn} 已整改`, `, rectified ${f.rectifiedOn}`) : f.overdue ? t('，已逾期', ', overdue') : ''}）
                </li>
              ))}
            </ul>
          </Section>
        </Col>
      </Row>
      <Section title={t('全程留痕（各环节按时间排列）', 'Trail across all slices, by time')} empty={trail.length === 0} testId="trail">
        <Timeline
          items={trail.map((e) => ({
            key: e.key,
            children: (
              <>
                <Typography.Text type="secondary">{formatAt(e.at)}</Typography.Text> <Tag>{label(SLICE_LABELS, e.slice, lang)}</Tag> {e.what}
                {e.who ? <Typography.Text type="secondary"> · {e.who}</Typography.Text> : null}
              </>
            ),
          }))}
        />
      </Section>
    </>
  );
}

/** 项目全景: one project as every slice sees it. */
export function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const { data, loading, error } = useQuery(ProjectPanoramaDocument, { variables: { id } });
  return (
    <QueryState loading={loading} error={error} data={data}>
      {(d) =>
        d.project ? <Panorama p={d.project} error={error} /> : <Empty description={t('项目不存在或无权查看', 'No such project, or not yours to see')} />
      }
    </QueryState>
  );
}
