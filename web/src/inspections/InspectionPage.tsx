import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Card, Descriptions, Form, Input, Select, Space, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import { useSession } from '../auth/SessionContext';
import { EmptyText } from '../data/pager-controls';
import { QueryState } from '../data/QueryState';
import { Tag } from '../data/Tag';
import { creditCodeListRule, LONG_TEXT, todayInShanghai } from '../forms/rules';
import { RefusalAlert, useSubmit } from '../forms/useSubmit';
import {
  InspectionPageDocument,
  PublishInspectionDocument,
  RecordInspectionResultDocument,
  type InspectionPageQuery,
  type ChecklistOutcome,
  type FindingSeverity,
} from '../gql/inspections/graphql';
import { INSPECTION_STATUS_LABELS, label } from '../i18n/labels';
import { useLocale } from '../i18n/locale';
import { shanghaiDateTime } from '../leader/period';
import { OUTCOME_LABELS, SEVERITY_LABELS } from './labels';
import { FormContrast } from '../forms/FormContrast';

type Inspection = NonNullable<InspectionPageQuery['inspection']>;

/** 联合检查: one drawn project's inspection — its team, the checklist and findings; recording (office or an assigned inspector) and publishing (office). */
export function InspectionPage() {
  const { id = '' } = useParams();
  const { t } = useLocale();
  const { data, loading, error, refetch } = useQuery(InspectionPageDocument, { variables: { id } });
  return (
    <FormContrast>
      <QueryState loading={loading} error={error} data={data}>
        {(d) =>
          d.inspection ? (
            <InspectionView inspection={d.inspection} reload={() => void refetch()} />
          ) : (
            <Alert type="warning" title={t('未找到该检查', 'No such inspection')} />
          )
        }
      </QueryState>
    </FormContrast>
  );
}

function InspectionView({ inspection, reload }: { inspection: Inspection; reload: () => void }) {
  const { t, lang } = useLocale();
  const session = useSession();
  // Only the steps the role may take on this inspection are offered (the server's rule: the office, or an inspector of the team).
  const mayRecord =
    (session.role === 'OFFICE' || (session.role === 'ENFORCER' && inspection.inspectors.some((e) => e.id === session.sub))) &&
    (inspection.status === 'ASSIGNED' || inspection.status === 'RECORDED');
  const mayPublish = session.role === 'OFFICE' && inspection.status === 'RECORDED';
  const items = new Map(inspection.plan.items.map((i) => [i.code, i]));
  const checklistColumns: TableColumnsType<Inspection['checklist'][number]> = [
    { title: t('抽查事项', 'Item'), key: 'item', render: (_, c) => `${c.itemCode} ${items.get(c.itemCode)?.title ?? ''}` },
    {
      title: t('结论', 'Outcome'),
      key: 'o',
      render: (_, c) => (
        <Tag color={c.outcome === 'NON_COMPLIANT' ? 'red' : c.outcome === 'COMPLIANT' ? 'green' : undefined}>{label(OUTCOME_LABELS, c.outcome, lang)}</Tag>
      ),
    },
    { title: t('说明', 'Note'), dataIndex: 'note' },
  ];
  const findingColumns: TableColumnsType<Inspection['findings'][number]> = [
    { title: t('事项', 'Item'), dataIndex: 'itemCode' },
    { title: t('问题', 'Finding'), dataIndex: 'description' },
    { title: t('严重程度', 'Severity'), key: 's', render: (_, f) => label(SEVERITY_LABELS, f.severity, lang) },
    {
      title: t('涉及主体', 'Concerns'),
      key: 'r',
      render: (_, f) =>
        f.respondentCreditCodes.map((c) => (
          <Link key={c} to={`/entities/${c}`}>
            {c}{' '}
          </Link>
        )),
    },
  ];
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t(`联合检查：${inspection.projectCode} ${inspection.project.name ?? ''}`, `Inspection: ${inspection.projectCode} ${inspection.project.name ?? ''}`)}
      </Typography.Title>
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('状态', 'Status')}>
            <span data-testid="inspection-status">{label(INSPECTION_STATUS_LABELS, inspection.status, lang)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('项目', 'Project')}>
            <Link to={`/projects/${inspection.project.id}`}>{inspection.project.name ?? inspection.projectCode}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('主管部门', 'Department')}>{inspection.supervisingDepartment.code}</Descriptions.Item>
          <Descriptions.Item label={t('计划', 'Plan')}>
            <Link to={`/inspections/plans/${inspection.plan.id}`}>{inspection.plan.name}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('抽取', 'Draw')}>
            <Link to={`/inspections/draws/${inspection.draw.id}`}>
              {t(`${inspection.draw.drawnOn} 抽取（可验证）`, `Draw of ${inspection.draw.drawnOn} (verifiable)`)}
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('检查人员', 'Inspectors')}>
            {inspection.inspectors.map((e) => `${e.name}（${e.department.code}）`).join('、')}
          </Descriptions.Item>
          <Descriptions.Item label={t('检查日期', 'Inspected on')}>{inspection.inspectedOn ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('检查结论', 'Summary')}>{inspection.summary ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('公开时间', 'Published')}>{inspection.publishedAt ? shanghaiDateTime(inspection.publishedAt) : ''}</Descriptions.Item>
        </Descriptions>
        {mayPublish && <PublishButton id={inspection.id} reload={reload} />}
      </Card>
      <Card size="small" title={t('检查结果', 'Checklist')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="itemCode"
          columns={checklistColumns}
          dataSource={inspection.checklist}
          pagination={false}
          aria-label={t('检查结果', 'Checklist')}
          locale={{ emptyText: <EmptyText text={t('尚未录入', 'Not recorded yet')} /> }}
        />
      </Card>
      <Card size="small" title={t('发现问题', 'Findings')} style={{ marginBottom: 16 }}>
        <Table
          size="small"
          rowKey="id"
          columns={findingColumns}
          dataSource={inspection.findings}
          pagination={false}
          aria-label={t('发现问题', 'Findings')}
          locale={{ emptyText: <EmptyText text={t('暂无数据', 'No data')} /> }}
        />
      </Card>
      {mayRecord && <RecordForm inspection={inspection} reload={reload} />}
    </>
  );
}

function PublishButton({ id, reload }: { id: string; reload: () => void }) {
  const { t } = useLocale();
  const [publish] = useMutation(PublishInspectionDocument);
  const { submit, busy, general, conflict } = useSubmit<void>(undefined, async () => {
    await publish({ variables: { id } });
    reload();
  });
  return (
    <div style={{ marginTop: 12 }}>
      <RefusalAlert messages={general} conflict={conflict} onReload={reload} />
      <Button type="primary" loading={busy} disabled={busy} onClick={() => void submit()}>
        {t('公开检查结果（一公开）', 'Publish the result (一公开)')}
      </Button>
    </div>
  );
}

interface ResultValues {
  inspectedOn: string;
  summary?: string;
  checklist: { itemCode: string; outcome?: ChecklistOutcome; note?: string }[];
  findings: { itemCode?: string; description: string; severity: FindingSeverity; respondentCreditCodes?: string[] }[];
}

/** Results: every plan item once, the date between the draw and today, findings with valid credit codes (the server's rules). */
function RecordForm({ inspection, reload }: { inspection: Inspection; reload: () => void }) {
  const { t, lang } = useLocale();
  const [form] = Form.useForm<ResultValues>();
  const [record] = useMutation(RecordInspectionResultDocument);
  const previous = new Map(inspection.checklist.map((c) => [c.itemCode, c]));
  const { submit, busy, general, conflict } = useSubmit<ResultValues>(
    form,
    async (v) => {
      await record({
        variables: {
          input: {
            inspectionId: inspection.id,
            inspectedOn: v.inspectedOn,
            summary: v.summary || undefined,
            // The item codes are not form fields (only registered fields are submitted): the rows follow the plan's items.
            checklist: v.checklist.map((c, i) => ({ itemCode: inspection.plan.items[i]!.code, outcome: c.outcome!, note: c.note || undefined })),
            findings: (v.findings ?? []).map((f) => ({
              itemCode: f.itemCode || undefined,
              description: f.description,
              severity: f.severity,
              respondentCreditCodes: (f.respondentCreditCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean),
            })),
          },
        },
      });
      form.setFieldValue('findings', []);
      reload();
    },
    ['inspectedOn', 'summary', 'checklist', 'findings'],
  );
  const today = todayInShanghai();
  return (
    <Card size="small" title={inspection.status === 'RECORDED' ? t('更正检查结果', 'Correct the results') : t('录入检查结果', 'Record the results')}>
      <RefusalAlert messages={general} conflict={conflict} onReload={reload} />
      <Form<ResultValues>
        form={form}
        layout="vertical"
        name="inspection-result"
        onFinish={submit}
        initialValues={{
          inspectedOn: inspection.inspectedOn ?? today,
          summary: inspection.summary ?? '',
          checklist: inspection.plan.items.map((i) => ({ itemCode: i.code, outcome: previous.get(i.code)?.outcome, note: previous.get(i.code)?.note ?? '' })),
          findings: [],
        }}
      >
        <Form.Item
          name="inspectedOn"
          label={t('检查日期', 'Inspected on')}
          rules={[
            { required: true, message: t('请填写检查日期', 'Enter the date') },
            {
              validator: (_, v: string) =>
                !v || (v >= inspection.draw.drawnOn && v <= today)
                  ? Promise.resolve()
                  : Promise.reject(
                      new Error(t(`检查日期须在抽取日期 ${inspection.draw.drawnOn} 至今天之间`, `Between the draw date ${inspection.draw.drawnOn} and today`)),
                    ),
            },
          ]}
        >
          <Input type="date" min={inspection.draw.drawnOn} max={today} style={{ width: 200 }} />
        </Form.Item>
        <Form.List name="checklist">
          {(fields) =>
            fields.map((field) => {
              const code = inspection.plan.items[field.name]!.code;
              return (
                <Space key={field.key} align="start" wrap style={{ display: 'flex' }}>
                  <Form.Item
                    name={[field.name, 'outcome']}
                    label={`${code} ${items(inspection, code)}`}
                    rules={[{ required: true, message: t('每个抽查事项都须给出结论', 'Every item needs an outcome') }]}
                  >
                    <Select style={{ width: 200 }} options={Object.keys(OUTCOME_LABELS).map((o) => ({ value: o, label: label(OUTCOME_LABELS, o, lang) }))} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'note']} label={t('说明', 'Note')} rules={[{ max: 255 }]}>
                    <Input style={{ width: 320 }} />
                  </Form.Item>
                </Space>
              );
            })
          }
        </Form.List>
        <Form.Item name="summary" label={t('检查结论', 'Summary')} rules={[{ max: 255 }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
        <Form.List name="findings">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field) => (
                <Card
                  key={field.key}
                  size="small"
                  type="inner"
                  title={t(`新发现问题 ${field.name + 1}`, `New finding ${field.name + 1}`)}
                  style={{ marginBottom: 12 }}
                  extra={
                    <Button size="small" onClick={() => remove(field.name)}>
                      {t('删除', 'Remove')}
                    </Button>
                  }
                >
                  <Form.Item name={[field.name, 'itemCode']} label={t('所属事项', 'Item')}>
                    <Select allowClear style={{ width: 320 }} options={inspection.plan.items.map((i) => ({ value: i.code, label: `${i.code} ${i.title}` }))} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'description']}
                    label={t('问题描述', 'Description')}
                    rules={[{ required: true, whitespace: true, message: t('请描述问题', 'Describe the finding') }, { max: LONG_TEXT }]}
                  >
                    <Input.TextArea rows={2} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'severity']}
                    label={t('严重程度', 'Severity')}
                    rules={[{ required: true, message: t('请选择严重程度', 'Choose the severity') }]}
                  >
                    <Select style={{ width: 200 }} options={Object.keys(SEVERITY_LABELS).map((s) => ({ value: s, label: label(SEVERITY_LABELS, s, lang) }))} />
                  </Form.Item>
                  <Form.Item
                    name={[field.name, 'respondentCreditCodes']}
                    label={t('涉及主体的统一社会信用代码', 'Credit codes of the entities concerned')}
                    rules={[creditCodeListRule(t)]}
                  >
                    <Select mode="tags" tokenSeparators={[',', ' ', '，']} style={{ width: 480 }} />
                  </Form.Item>
                </Card>
              ))}
              <Button onClick={() => add({ severity: 'MINOR' })} style={{ marginBottom: 16 }}>
                {t('添加发现问题', 'Add a finding')}
              </Button>
            </>
          )}
        </Form.List>
        <div>
          <Button type="primary" htmlType="submit" loading={busy} disabled={busy}>
            {t('保存检查结果', 'Save the results')}
          </Button>
        </div>
      </Form>
    </Card>
  );
}

function items(inspection: Inspection, code: string): string {
  return inspection.plan.items.find((i) => i.code === code)?.title ?? '';
}
