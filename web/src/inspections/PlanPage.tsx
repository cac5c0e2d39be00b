import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Select, Space, Steps, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { EmptyText } from '../data/pager-controls';
import { QueryState } from '../data/QueryState';
import { Tag } from '../data/Tag';
import { RefusalAlert, useSubmit } from '../forms/useSubmit';
import {
  AbandonDrawRoundDocument,
  CommitDrawSecretDocument,
  DrawInspectionsDocument,
  DrawParticipantUnitsDocument,
  FreezeDrawDocument,
  InspectionPlanPageDocument,
  RevealDrawSecretDocument,
  type InspectionPlanPageQuery,
  type RoundPartsFragment,
} from '../gql/inspections/graphql';
import { label } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { shanghaiDateTime } from '../leader/period';
import { ROUND_STATUS_LABELS, UNIT_LABELS, unitOf } from './labels';
import { commitmentOf, freshSecret, isValidSecret } from './verify';
import { FormContrast } from '../forms/FormContrast';

type Plan = NonNullable<InspectionPlanPageQuery['inspectionPlan']>;
const OPEN = ['COMMITTING', 'REVEALING', 'REVEALED'];

/** Where this browser keeps a unit's secret between commit and reveal (the user is told to keep it too). */
const secretKey = (roundId: string, unit: string) => `hub.draw-secret.${roundId}.${unit}`;

/** 抽查计划: the plan, its draw procedure walked step by step (freeze → commits → reveals → draw), its rounds and draws. */
export function PlanPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const { data, loading, error, refetch } = useQuery(InspectionPlanPageDocument, { variables: { id } });
  return (
    <FormContrast>
      <QueryState loading={loading} error={error} data={data}>
        {(d) =>
          d.inspectionPlan ? (
            <PlanView plan={d.inspectionPlan} reload={() => void refetch()} />
          ) : (
            <Alert type="warning" title={t('未找到该抽查计划', 'No such plan')} />
          )
        }
      </QueryState>
    </FormContrast>
  );
}

function PlanView({ plan, reload }: { plan: Plan; reload: () => void }) {
  const { t, lang } = useLocale();
  const session = useSession();
  const open = plan.rounds.find((r) => OPEN.includes(r.status));
  const drawColumns: TableColumnsType<Plan['draws'][number]> = [
    { title: t('抽取', 'Draw'), key: 'id', render: (_, d) => <Link to={`/inspections/draws/${d.id}`}>{t(`${d.drawnOn} 抽取`, `Draw of ${d.drawnOn}`)}</Link> },
    { title: t('算法', 'Algorithm'), dataIndex: 'algorithmVersion' },
    { title: t('抽中 / 项目池', 'Drawn / pool'), key: 'n', render: (_, d) => `${d.result.drawnCount} / ${d.poolSize}` },
    { title: t('重新抽取原因', 'Redraw reason'), dataIndex: 'redrawReason' },
    {
      title: t('状态', 'Status'),
      key: 'state',
      render: (_, d) =>
        d.supersededAt ? <Tag>{t('已被替代', 'Superseded')}</Tag> : d.id === plan.currentDraw?.id ? <Tag color="green">{t('现行', 'In force')}</Tag> : null,
    },
  ];
  const roundColumns: TableColumnsType<RoundPartsFragment> = [
    { title: t('轮次', 'Round'), dataIndex: 'number' },
    { title: t('状态', 'Status'), key: 'status', render: (_, r) => label(ROUND_STATUS_LABELS, r.status, lang) },
    { title: t('参与单位', 'Participants'), key: 'p', render: (_, r) => r.participants.join('、') },
    {
      title: t('冻结时间', 'Frozen at'),
      key: 'f',
      render: (_, r) => shanghaiDateTime(r.frozenAt),
    },
    { title: t('种子', 'Seed'), key: 'seed', render: (_, r) => (r.seed ? <code>{r.seed.slice(0, 16)}…</code> : '') },
    {
      title: t('放弃原因 / 未揭示单位', 'Abandoned: reason / defaulting units'),
      key: 'a',
      render: (_, r) => (r.abandonedAt ? `${r.abandonReason ?? ''}（${(r.defaultingUnits ?? []).join('、')}）` : ''),
    },
  ];
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {plan.name}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('项目登记期间', 'Period')}>{`${plan.periodFrom} ~ ${plan.periodTo}`}</Descriptions.Item>
          <Descriptions.Item label={t('抽取比例', 'Sampling ratio')}>{`${Math.round(plan.samplingRatio * 1000) / 10}%`}</Descriptions.Item>
          <Descriptions.Item label={t('每项目检查人员', 'Inspectors per project')}>{plan.inspectorsPerProject}</Descriptions.Item>
          <Descriptions.Item label={t('抽查事项', 'Items')}>{plan.items.map((i) => `${i.code} ${i.title}`).join('；')}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card
        size="small"
        title={t('抽取程序（承诺—揭示）', 'The draw procedure (commit–reveal)')}
        style={{ marginBottom: 16 }}
        extra={
          <Button size="small" onClick={reload}>
            {t('刷新', 'Reload')}
          </Button>
        }
        data-testid="draw-procedure"
      >
        <Typography.Paragraph type="secondary">
          {t(
            '办公室冻结并公布项目池、名录快照和参数后，每个参与单位在本机生成一个随机密钥并提交其 SHA-256 承诺；全部承诺后各单位揭示密钥（办公室先揭示），种子由全部密钥共同决定，任何单方都无法选择或预知结果。',
            'The office freezes and publishes the pool, the roster snapshot and the parameters; each participating unit draws a random secret on its own machine and commits its SHA-256; once all have committed, each reveals (the office first). The seed comes from every secret together, so no single party can choose or predict the result.',
          )}
        </Typography.Paragraph>
        {open ? (
          <RoundProcedure round={open} plan={plan} reload={reload} />
        ) : session.role === 'OFFICE' ? (
          <FreezeForm plan={plan} reload={reload} />
        ) : (
          <EmptyText text={t('当前没有进行中的抽取轮次', 'No draw round in progress')} />
        )}
      </Card>
      <Card size="small" title={t('抽取记录', 'Draws')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="id"
          columns={drawColumns}
          dataSource={plan.draws}
          pagination={false}
          aria-label={t('抽取记录', 'Draws')}
          locale={{ emptyText: <EmptyText text={t('暂无数据', 'No data')} /> }}
        />
      </Card>
      <Card size="small" title={t('抽取轮次', 'Rounds')}>
        <Table
          size="small"
          rowKey="id"
          columns={roundColumns}
          dataSource={plan.rounds}
          pagination={false}
          aria-label={t('抽取轮次', 'Rounds')}
          locale={{ emptyText: <EmptyText text={t('暂无数据', 'No data')} /> }}
        />
      </Card>
    </>
  );
}

interface FreezeValues {
  participantUnits: string[];
  revealDays: number;
  redrawReason?: string;
}

/** Step 1 (OFFICE): freeze the manifest with the participating units and the reveal deadline. */
function FreezeForm({ plan, reload }: { plan: Plan; reload: () => void }) {
  const { t, lang } = useLocale();
  const [form] = Form.useForm<FreezeValues>();
  const units = useQuery(DrawParticipantUnitsDocument);
  const [freeze] = useMutation(FreezeDrawDocument);
  const redraw = !!plan.currentDraw;
  const { submit, busy, general } = useSubmit<FreezeValues>(
    form,
    async (v) => {
      const revealDeadline = new Date(Date.now() + v.revealDays * 24 * 3600 * 1000).toISOString();
      await freeze({
        variables: { input: { planId: plan.id, participantUnits: v.participantUnits, revealDeadline, redrawReason: redraw ? v.redrawReason : undefined } },
      });
      reload();
    },
    { participantUnits: 'participantUnits', revealDeadline: 'revealDays', redrawReason: 'redrawReason' },
  );
  const options = [
    { value: 'ZWJ', label: label(UNIT_LABELS, 'ZWJ', lang) },
    ...(units.data?.departments ?? [])
      .filter((d) => d.kind === 'LINE')
      .map((d) => ({ value: d.code, label: `${lang === 'zh' ? d.nameZh : d.name}（${d.code}）` })),
    { value: 'LEADING_GROUP', label: label(UNIT_LABELS, 'LEADING_GROUP', lang) },
  ];
  return (
    <>
      <RefusalAlert messages={general} />
      <Form<FreezeValues>
        form={form}
        layout="vertical"
        name="freeze-draw"
        initialValues={{ participantUnits: ['ZWJ'], revealDays: 3 }}
        onFinish={submit}
        style={{ maxWidth: 640 }}
      >
        <Form.Item
          name="participantUnits"
          label={t('参与单位（至少两个不同单位）', 'Participating units (at least two different units)')}
          rules={[
            {
              required: true,
              type: 'array',
              min: 2,
              message: t('至少选择两个不同的成员单位：一个单位无法单独决定种子', 'Choose at least two different units: one unit alone could choose the seed'),
            },
          ]}
        >
          <Select mode="multiple" options={options} />
        </Form.Item>
        <Form.Item
          name="revealDays"
          label={t('揭示期限（天，最长 30 天）', 'Reveal deadline (days from now, at most 30)')}
          rules={[{ required: true, type: 'integer', min: 1, max: 30, message: t('揭示期限须为 1 至 30 天', 'Between 1 and 30 days') }]}
        >
          <InputNumber min={1} max={30} precision={0} />
        </Form.Item>
        {redraw && (
          <Form.Item
            name="redrawReason"
            label={t('重新抽取原因（替代现行抽取）', 'Why the draw in force is replaced')}
            rules={[{ required: true, whitespace: true, message: t('重新抽取须说明原因', 'A redraw needs a reason') }, { max: 255 }]}
          >
            <Input />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
          {t('冻结并公布', 'Freeze and publish')}
        </Button>
      </Form>
    </>
  );
}

function RoundProcedure({ round, plan, reload }: { round: RoundPartsFragment; plan: Plan; reload: () => void }) {
  const { t, lang } = useLocale();
  const session = useSession();
  const navigate = useNavigate();
  const unit = unitOf(session);
  const mine = unit && round.participants.includes(unit) ? unit : undefined;
  const myCommitment = round.commitments.find((c) => c.unitCode === mine);
  const step = ({ COMMITTING: 1, REVEALING: 2, REVEALED: 3 } as Record<string, number>)[round.status] ?? 0;
  const [draw] = useMutation(DrawInspectionsDocument);
  const drawing = useSubmit<void>(undefined, async () => {
    const { data } = await draw({ variables: { planId: plan.id } });
    if (data) void navigate(`/inspections/draws/${data.drawInspections.id}`);
  });
  const anyRevealed = round.commitments.some((c) => c.revealed);
  const pastDeadline = new Date(round.revealDeadline).getTime() < Date.now();
  const mayAbandon = session.role === 'OFFICE' && round.status !== 'REVEALED' && (!anyRevealed || pastDeadline);
  const rows = round.participants.map((p) => {
    const c = round.commitments.find((x) => x.unitCode === p);
    return { unit: p, committed: !!c, revealed: !!c?.revealed, commitment: c?.commitment };
  });
  return (
    <div data-testid="round" data-status={round.status}>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16 }}
        items={[{ title: t('冻结公布', 'Frozen') }, { title: t('提交承诺', 'Commitments') }, { title: t('揭示密钥', 'Reveals') }, { title: t('抽取', 'Draw') }]}
      />
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('轮次', 'Round')}>
          {round.number}（{label(ROUND_STATUS_LABELS, round.status, lang)}）
        </Descriptions.Item>
        <Descriptions.Item label={t('清单哈希', 'Manifest hash')}>
          <code>{round.manifestHash}</code>
        </Descriptions.Item>
        <Descriptions.Item label={t('揭示截止', 'Reveal deadline')}>{shanghaiDateTime(round.revealDeadline)}</Descriptions.Item>
        <Descriptions.Item label={t('项目池', 'Pool')}>
          {t(`${round.poolProjectIds.length} 个项目`, `${round.poolProjectIds.length} projects`)}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="unit"
        pagination={false}
        style={{ marginBottom: 16 }}
        aria-label={t('参与单位', 'Participating units')}
        dataSource={rows}
        columns={[
          { title: t('参与单位', 'Unit'), key: 'u', render: (_, r) => label(UNIT_LABELS, r.unit, lang) },
          { title: t('承诺', 'Commitment'), key: 'c', render: (_, r) => (r.committed ? <code>{r.commitment?.slice(0, 16)}…</code> : t('未提交', 'Not yet')) },
          {
            title: t('揭示', 'Revealed'),
            key: 'r',
            render: (_, r) => (r.revealed ? <Tag color="green">{t('已揭示', 'Revealed')}</Tag> : t('未揭示', 'Not yet')),
          },
        ]}
      />
      {mine && round.status === 'COMMITTING' && !myCommitment && <CommitPanel round={round} unit={mine} reload={reload} />}
      {mine && round.status === 'REVEALING' && myCommitment && !myCommitment.revealed && (
        <RevealPanel
          round={round}
          unit={mine}
          commitment={myCommitment.commitment}
          officeRevealed={!!round.commitments.find((c) => c.unitCode === 'ZWJ')?.revealed}
          reload={reload}
        />
      )}
      {mine && myCommitment && (round.status === 'COMMITTING' || (round.status === 'REVEALING' && myCommitment.revealed)) && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('本单位已完成本步骤，等待其他单位。', 'Your unit has done this step; waiting for the others.')}
        />
      )}
      {session.role === 'OFFICE' && round.status === 'REVEALED' && (
        <>
          <RefusalAlert messages={drawing.general} conflict={drawing.conflict} onReload={reload} />
          <Button type="primary" loading={drawing.busy} disabled={drawing.busy} onClick={() => void drawing.submit()}>
            {t('执行抽取', 'Make the draw')}
          </Button>
        </>
      )}
      {mayAbandon && <AbandonForm roundId={round.id} reload={reload} />}
    </div>
  );
}

/** Step 2: the unit's secret is made here, in the browser, and only its SHA-256 leaves the machine. */
function CommitPanel({ round, unit, reload }: { round: RoundPartsFragment; unit: string; reload: () => void }) {
  const { t, lang } = useLocale();
  const [secret, setSecret] = useState<string>();
  const [commit] = useMutation(CommitDrawSecretDocument);
  const committing = useSubmit<void>(undefined, async () => {
    if (!secret) return;
    await commit({ variables: { roundId: round.id, commitment: commitmentOf(secret) } });
    reload();
  });
  return (
    <Card
      size="small"
      type="inner"
      title={t(`${label(UNIT_LABELS, unit, lang)}：提交承诺`, `${label(UNIT_LABELS, unit, lang)}: commit`)}
      style={{ marginBottom: 12 }}
    >
      {!secret ? (
        <Button
          onClick={() => {
            const s = freshSecret();
            sessionStorage.setItem(secretKey(round.id, unit), s);
            setSecret(s);
          }}
        >
          {t('在本机生成随机密钥', 'Generate a random secret here')}
        </Button>
      ) : (
        <>
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 12 }}
            title={t(
              '请妥善保存此密钥：揭示时需要它，平台只收到它的 SHA-256 承诺，无法找回。',
              'Keep this secret: you need it to reveal. The hub only receives its SHA-256 and cannot give it back.',
            )}
            description={
              <Typography.Text code copyable data-testid="draw-secret">
                {secret}
              </Typography.Text>
            }
          />
          <RefusalAlert messages={committing.general} conflict={committing.conflict} onReload={reload} />
          <Space>
            <Typography.Text>
              {t('承诺', 'Commitment')}: <code>{commitmentOf(secret)}</code>
            </Typography.Text>
          </Space>
          <div style={{ marginTop: 12 }}>
            <Button type="primary" loading={committing.busy} disabled={committing.busy} onClick={() => void committing.submit()}>
              {t('提交承诺', 'Commit')}
            </Button>
          </div>
        </>
      )}
    </Card>
  );
}

/** Step 3: the unit reveals its secret; checked here against its commitment before it is sent. */
function RevealPanel({
  round,
  unit,
  commitment,
  officeRevealed,
  reload,
}: {
  round: RoundPartsFragment;
  unit: string;
  commitment: string;
  officeRevealed: boolean;
  reload: () => void;
}) {
  const { t, lang } = useLocale();
  const [form] = Form.useForm<{ secret: string }>();
  const [reveal] = useMutation(RevealDrawSecretDocument);
  const { submit, busy, general, conflict } = useSubmit<{ secret: string }>(
    form,
    async (v) => {
      await reveal({ variables: { roundId: round.id, secret: v.secret } });
      sessionStorage.removeItem(secretKey(round.id, unit));
      reload();
    },
    ['secret'],
  );
  const waiting = unit !== 'ZWJ' && !officeRevealed;
  return (
    <Card
      size="small"
      type="inner"
      title={t(`${label(UNIT_LABELS, unit, lang)}：揭示密钥`, `${label(UNIT_LABELS, unit, lang)}: reveal`)}
      style={{ marginBottom: 12 }}
    >
      {waiting && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('办公室须先揭示密钥，之后其他单位才能揭示。', 'The office reveals first; the other units reveal after it.')}
        />
      )}
      <RefusalAlert messages={general} conflict={conflict} onReload={reload} />
      <Form
        form={form}
        layout="vertical"
        name="reveal-secret"
        initialValues={{ secret: sessionStorage.getItem(secretKey(round.id, unit)) ?? '' }}
        onFinish={submit}
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          name="secret"
          label={t('本单位提交承诺时保存的密钥（64 位十六进制）', 'The secret your unit kept when it committed (64 hex digits)')}
          rules={[
            { required: true, message: t('请填写密钥', 'Enter the secret') },
            {
              validator: (_, value: string) =>
                !value || !isValidSecret(value)
                  ? Promise.reject(new Error(t('密钥须为 64 位小写十六进制数字（32 字节）', 'A secret is 64 lower-case hex digits (32 bytes)')))
                  : commitmentOf(value) !== commitment
                    ? Promise.reject(new Error(t('该密钥的 SHA-256 与本单位的承诺不符', "This secret's SHA-256 is not your unit's commitment")))
                    : Promise.resolve(),
            },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} disabled={busy || waiting}>
          {t('揭示密钥', 'Reveal')}
        </Button>
      </Form>
    </Card>
  );
}

function AbandonForm({ roundId, reload }: { roundId: string; reload: () => void }) {
  const { t } = useLocale();
  const [form] = Form.useForm<{ reason: string }>();
  const [abandon] = useMutation(AbandonDrawRoundDocument);
  const { submit, busy, general, conflict } = useSubmit<{ reason: string }>(
    form,
    async (v) => {
      await abandon({ variables: { roundId, reason: v.reason } });
      reload();
    },
    ['reason'],
  );
  return (
    <details style={{ marginTop: 16 }}>
      <summary>{t('放弃本轮（记录原因和未揭示单位）', 'Abandon this round (recorded with the reason and the defaulting units)')}</summary>
      <RefusalAlert messages={general} conflict={conflict} onReload={reload} />
      <Form form={form} layout="inline" name="abandon-round" onFinish={submit} style={{ marginTop: 8 }}>
        <Form.Item
          name="reason"
          label={t('原因', 'Reason')}
          rules={[{ required: true, whitespace: true, message: t('请填写原因', 'Give the reason') }, { max: 255 }]}
        >
          <Input style={{ width: 320 }} />
        </Form.Item>
        <Button danger htmlType="submit" loading={busy} disabled={busy}>
          {t('放弃本轮', 'Abandon')}
        </Button>
      </Form>
    </details>
  );
}
