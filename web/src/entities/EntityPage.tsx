import { useQuery } from '@apollo/client/react';
import { Alert, Card, Col, Descriptions, Empty, Row, Statistic, Table, Typography } from 'antd';
import { Tag } from '../data/Tag';
import { useMemo } from 'react';
import { Link, useParams } from 'react-router';
import { EChart } from '../charts/EChart';
import { answerProblems, isForbidden } from '../data/errors';
import { EmptyText } from '../data/pager-controls';
import { QueryState } from '../data/QueryState';
import { EntityProfileDocument, type EntityProfileQuery } from '../gql/entities/graphql';
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, CREDIT_STATUS_LABELS, label, REGISTRATION_AUTHORITY_LABELS } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { GradeTag } from '../credit/GradeTag';
import { monthStarts, shanghaiToday } from '../leader/period';

type Entity = NonNullable<EntityProfileQuery['marketEntity']>;

export function historyPoints(entity: Record<string, unknown>, count = 12): { asOf: string; score: number; grade: string }[] {
  const points: { asOf: string; score: number; grade: string }[] = [];
  for (let i = 0; i < count; i++) {
    const p = entity[`m${i}`] as { asOf: string; score: number; grade: string } | null | undefined;
    if (p) points.push(p);
  }
  return points;
}

function History({ entity }: { entity: Entity }) {
  const { t } = useLocale();
  const points = historyPoints(entity);
  const option = useMemo(
    () => ({
      tooltip: { trigger: 'axis' },
      grid: { left: 40, right: 16, top: 24, bottom: 32 },
      xAxis: { type: 'category', data: points.map((p) => p.asOf.slice(0, 7)) },
      yAxis: { type: 'value', min: (v: { min: number }) => Math.max(0, Math.floor(v.min / 10) * 10 - 10), max: 100 },
      series: [
        {
          type: 'line',
          name: t('信用分', 'Score'),
          data: points.map((p) => p.score),
          label: { show: true, formatter: (x: { dataIndex: number }) => points[x.dataIndex]?.grade ?? '' },
        },
      ],
    }),
    [points, t],
  );
  if (points.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  return (
    <EChart
      option={option}
      height={240}
      label={t('近12个月信用分与等级折线图', 'Line chart of the score and grade over the last 12 months')}
      testId="credit-history"
    />
  );
}

function Profile({ e, error }: { e: Entity; error: unknown }) {
  const { t, lang } = useLocale();
  const problems = answerProblems(error);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('市场主体', 'Market entity')} · {e.name}
      </Typography.Title>
      {e.credit?.restricted && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('列入失信联合惩戒名单', 'On the joint punishment list')}
          description={`${e.credit.restrictionReason ?? ''}${e.credit.restrictedUntil ? t(`（至 ${e.credit.restrictedUntil}）`, ` (until ${e.credit.restrictedUntil})`) : ''}`}
        />
      )}
      <Row gutter={16}>
        <Col xs={24} xl={12}>
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('统一社会信用代码', 'Credit code')}>{e.creditCode}</Descriptions.Item>
              <Descriptions.Item label={t('法定代表人', 'Legal representative')}>{e.legalRepresentative ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('登记机关', 'Registration authority')}>
                {label(REGISTRATION_AUTHORITY_LABELS, e.registrationAuthority, lang)}
              </Descriptions.Item>
              <Descriptions.Item label={t('平台登记日期', 'Registered')}>{e.registeredOn}</Descriptions.Item>
              <Descriptions.Item label={t('联合惩戒', 'Joint punishment')}>
                {e.credit == null ? (
                  '—'
                ) : e.credit.restricted ? (
                  <Tag color="red">{t('惩戒中', 'Restricted')}</Tag>
                ) : (
                  <Tag color="green">{t('未列入', 'Not listed')}</Tag>
                )}
              </Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        {e.credit && (
          <Col xs={24} xl={12}>
            <Card size="small" style={{ marginBottom: 16 }} title={t('信用分与等级（近12个月）', 'Score and grade, last 12 months')}>
              <Row gutter={16}>
                <Col span={8}>
                  <Statistic title={t('当前信用分', 'Score')} value={e.credit.score} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('等级', 'Grade')} value={e.credit.grade} />
                </Col>
                <Col span={8}>
                  <Statistic title={t('生效扣分', 'Points in force')} value={e.credit.pointsInForce} />
                </Col>
              </Row>
              <History entity={e} />
            </Card>
          </Col>
        )}
      </Row>
      <Card size="small" title={t('投标记录', 'Bids')} style={{ marginBottom: 16 }} data-testid="entity-bids">
        <Table
          size="small"
          rowKey="id"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={e.bids}
          locale={{ emptyText: <EmptyText text={t('暂无', 'None')} /> }}
          columns={[
            { title: t('项目', 'Project'), key: 'p', render: (_, b) => <Link to={`/projects/${b.project.id}`}>{b.project.name}</Link> },
            { title: t('投标日期', 'Submitted'), dataIndex: 'submittedOn' },
            { title: t('报价（元）', 'Amount (yuan)'), key: 'a', render: (_, b) => Number(b.amount).toLocaleString('zh-CN') },
            { title: t('投标时等级', 'Grade at bid'), key: 'g', render: (_, b) => <GradeTag grade={b.bidderCreditAtBid?.grade} /> },
            { title: t('结果', 'Result'), key: 'r', render: (_, b) => (b.awarded ? <Tag color="green">{t('中标', 'Awarded')}</Tag> : '') },
          ]}
        />
      </Card>
      {!isForbidden(problems, 'marketEntity.cases') && (
        <Card size="small" title={t('作为被投诉/被举报人的案件', 'Cases as respondent')} style={{ marginBottom: 16 }}>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={e.cases ?? []}
            locale={{ emptyText: <EmptyText text={t('暂无', 'None')} /> }}
            columns={[
              { title: t('回执编号', 'Receipt no.'), dataIndex: 'receiptNumber' },
              { title: t('类型', 'Kind'), key: 'k', render: (_, c) => label(CASE_KIND_LABELS, c.kind, lang) },
              { title: t('项目', 'Project'), key: 'p', render: (_, c) => <Link to={`/projects/${c.project.id}`}>{c.project.name}</Link> },
              { title: t('状态', 'Status'), key: 's', render: (_, c) => label(CASE_STATUS_LABELS, c.status, lang) },
              { title: t('收到日期', 'Received'), dataIndex: 'receivedOn' },
            ]}
          />
        </Card>
      )}
      {e.credit && (
        <Card size="small" title={t('信用记录', 'Credit records')}>
          <Table
            size="small"
            rowKey="id"
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={e.credit.records}
            locale={{ emptyText: <EmptyText text={t('暂无', 'None')} /> }}
            columns={[
              { title: t('记录日期', 'Created'), dataIndex: 'createdOn' },
              { title: t('事实', 'Facts'), dataIndex: 'facts' },
              { title: t('扣分', 'Points'), dataIndex: 'points' },
              { title: t('状态', 'Status'), key: 's', render: (_, r) => label(CREDIT_STATUS_LABELS, r.status, lang) },
              { title: t('有效期', 'In force'), key: 'e', render: (_, r) => (r.effectiveOn ? `${r.effectiveOn} ~ ${r.expiresOn ?? ''}` : '—') },
            ]}
          />
        </Card>
      )}
    </>
  );
}

/** 市场主体: one market entity by its unified social credit code. */
export function EntityPage() {
  const { creditCode = '' } = useParams();
  const { t } = useLocale();
  const months = monthStarts(shanghaiToday(), 12);
  const variables = { creditCode, ...Object.fromEntries(months.map((d, i) => [`m${i}`, d])) } as { creditCode: string } & Record<`m${number}`, string>;
  const { data, loading, error } = useQuery(EntityProfileDocument, { variables: variables as never });
  return (
    <QueryState loading={loading} error={error} data={data}>
      {(d) => (d.marketEntity ? <Profile e={d.marketEntity} error={error} /> : <Empty description={t('未找到该市场主体', 'No such market entity')} />)}
    </QueryState>
  );
}
