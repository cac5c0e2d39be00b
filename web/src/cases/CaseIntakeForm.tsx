import { useMutation, useQuery } from '@apollo/client/react';
import { Alert, Button, Checkbox, Form, Input, Radio, Select, Space } from 'antd';
import { useRef, useState } from 'react';
import { newIdempotencyKey, refusalForFields } from '../forms/server-refusal';
import {
  complaintWindowProblem,
  creditCodeListRule,
  LONG_TEXT,
  MAX_TEXT,
  NAME_TEXT,
  shanghaiInstant,
  SUMMARY_TEXT,
  textRules,
  todayInShanghai,
} from '../forms/rules';
import { RecordReceivedComplaintDocument, RecordReceivedReportDocument, type IntakeChannel } from '../gql/cases/graphql';
import { PublicProjectSearchDocument, PublicSubmitComplaintDocument, PublicSubmitReportDocument } from '../gql/public/graphql';
import { useLocale } from '../i18n/locale';
import { CHANNEL_LABELS } from './case-labels';
import { label } from '../i18n/labels';

export type IntakeKind = 'COMPLAINT' | 'REPORT';

/** What a submission returns: the receipt number and the one-time secret for the status lookup. */
export interface Receipt {
  receiptNumber: string;
  secret: string;
  receivedOn: string;
  duplicate: boolean;
  acceptanceDeadline: { dueOn: string; unit: string };
}

interface Values {
  projectId?: string;
  complainantName?: string;
  complainantContact?: string;
  relationToProject?: string;
  knewOn?: string;
  anonymous?: boolean;
  reporterName?: string;
  reporterContact?: string;
  summary?: string;
  details?: string;
  respondentCreditCodes?: string[];
  receivedAt?: string;
  channel?: IntakeChannel;
}

const FIELDS = [
  'projectId',
  'complainantName',
  'complainantContact',
  'relationToProject',
  'knewOn',
  'reporterName',
  'reporterContact',
  'summary',
  'details',
  'respondentCreditCodes',
  'receivedAt',
  'channel',
] as const;

const CHANNELS: IntakeChannel[] = ['WINDOW', 'LETTER', 'PHONE', 'EMAIL', 'ONLINE'];

const STORAGE = (scope: string, kind: IntakeKind) => `hub.intake.${scope}.${kind}.key`;

/**
 * The key of the submission being prepared: the same across retries of this form (also after a
 * reload, kept in the tab's session storage), so a retry after a lost answer returns the first
 * receipt instead of filing the matter twice; a new one after a receipt.
 */
function useIdempotencyKey(scope: string, kind: IntakeKind) {
  const storageKey = STORAGE(scope, kind);
  const [key, setKey] = useState(() => sessionStorage.getItem(storageKey) ?? newIdempotencyKey());
  sessionStorage.setItem(storageKey, key);
  return {
    key,
    renew() {
      const next = newIdempotencyKey();
      sessionStorage.setItem(storageKey, next);
      setKey(next);
    },
  };
}

/**
 * A complaint (投诉, identified, within 10 days of knowing) or a report (举报, may be anonymous).
 * `public`: the portal's online submission, sent without a token. `office`: a matter the office
 * received at window 308, by letter, phone or e-mail, entered with its real receipt time and channel.
 */
export function CaseIntakeForm({ kind, mode, onReceipt }: { kind: IntakeKind; mode: 'public' | 'office'; onReceipt: (receipt: Receipt) => void }) {
  const { t, lang } = useLocale();
  const [form] = Form.useForm<Values>();
  const { key, renew } = useIdempotencyKey(mode, kind);
  const [general, setGeneral] = useState<string[]>([]);
  const [projectText, setProjectText] = useState('');
  const inFlight = useRef(false);
  const anonymous = Form.useWatch('anonymous', form);
  const context = mode === 'public' ? { anonymous: true } : undefined;
  const projects = useQuery(PublicProjectSearchDocument, { variables: { text: projectText.trim() || null }, context, fetchPolicy: 'cache-first' });
  const [submitComplaint, complaint] = useMutation(PublicSubmitComplaintDocument, { context });
  const [submitReport, report] = useMutation(PublicSubmitReportDocument, { context });
  const [recordComplaint, recordedComplaint] = useMutation(RecordReceivedComplaintDocument);
  const [recordReport, recordedReport] = useMutation(RecordReceivedReportDocument);
  const sending = complaint.loading || report.loading || recordedComplaint.loading || recordedReport.loading;

  async function send(values: Values): Promise<Receipt> {
    const codes = (values.respondentCreditCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean);
    const common = {
      idempotencyKey: key,
      projectId: values.projectId!,
      summary: values.summary!,
      details: values.details!,
      ...(codes.length ? { respondentCreditCodes: codes } : {}),
    };
    const complaintInput = {
      ...common,
      complainantName: values.complainantName!,
      complainantContact: values.complainantContact!,
      relationToProject: values.relationToProject!,
      knewOn: values.knewOn!,
    };
    const reportInput = {
      ...common,
      ...(values.anonymous ? {} : { reporterName: values.reporterName || null, reporterContact: values.reporterContact || null }),
    };
    if (mode === 'office') {
      const received = { receivedAt: shanghaiInstant(values.receivedAt!), channel: values.channel! };
      if (kind === 'COMPLAINT') return (await recordComplaint({ variables: { input: { ...complaintInput, ...received } } })).data!.recordReceivedComplaint;
      return (await recordReport({ variables: { input: { ...reportInput, ...received } } })).data!.recordReceivedReport;
    }
    if (kind === 'COMPLAINT') return (await submitComplaint({ variables: { input: complaintInput } })).data!.submitComplaint;
    return (await submitReport({ variables: { input: reportInput } })).data!.submitReport;
  }

  async function onFinish(values: Values) {
    // One submission at a time: a second click while the first is in flight does nothing.
    if (inFlight.current) return;
    inFlight.current = true;
    setGeneral([]);
    try {
      const receipt = await send(values);
      renew();
      form.resetFields();
      onReceipt(receipt);
    } catch (error) {
      const refusal = refusalForFields(error, FIELDS, ({ rule, value }) =>
        // Only the server knows which parties are registered: its refusal, in the reader's words.
        rule === 'registered market entity' && value
          ? t(
              `${value} 不是在交易平台登记的市场主体：请删除该代码，并在“事实、理由和证据”中写明当事人名称`,
              `${value} is not a market entity registered with the trading center: remove the code and name the party in the facts`,
            )
          : undefined,
      );
      // The form keeps every value; the server's message goes on the field it names.
      form.setFields(Object.entries(refusal.fields).map(([name, errors]) => ({ name: name as keyof Values, errors })));
      const messages = [...refusal.general];
      if (refusal.transport)
        messages.push(
          t(
            '网络或服务暂不可用，可直接重新提交：同一表单重复提交不会重复登记。',
            'The network or the service did not answer; submit again: a retry of this form is never filed twice.',
          ),
        );
      setGeneral(messages);
    } finally {
      inFlight.current = false;
    }
  }

  const today = todayInShanghai();
  const knewOnRule = {
    validator: (_: unknown, value?: string) => {
      if (!value) return Promise.resolve();
      const receivedAt = form.getFieldValue('receivedAt') as string | undefined;
      const receivedOn = mode === 'office' && receivedAt ? receivedAt.slice(0, 10) : today;
      const problem = complaintWindowProblem(value, receivedOn, today);
      if (problem === 'future') return Promise.reject(new Error(t('不能晚于今天', 'Cannot be after today')));
      if (problem === 'after-receipt') return Promise.reject(new Error(t('不能晚于收件日期', 'Cannot be after the day it was received')));
      if (problem === 'too-late')
        return Promise.reject(new Error(t('投诉应当自知道或者应当知道之日起10日内提出', 'A complaint must be made within 10 days of knowing of the matter')));
      return Promise.resolve();
    },
  };
  const receivedAtRule = {
    validator: (_: unknown, value?: string) =>
      value && new Date(shanghaiInstant(value)).getTime() > Date.now()
        ? Promise.reject(new Error(t('收件时间不能晚于现在', 'Cannot be in the future')))
        : Promise.resolve(),
  };

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={onFinish}
      scrollToFirstError
      initialValues={mode === 'office' ? { channel: 'WINDOW' } : {}}
      data-testid={`intake-form-${kind}`}
    >
      {general.length > 0 && <Alert type="error" showIcon role="alert" style={{ marginBottom: 16 }} title={general.join('；')} />}
      {mode === 'office' && (
        <Space wrap size="large" align="start">
          <Form.Item name="channel" label={t('收件渠道', 'Channel')} rules={[{ required: true, message: t('必填', 'Required') }]}>
            <Radio.Group options={CHANNELS.map((c) => ({ value: c, label: label(CHANNEL_LABELS, c, lang) }))} />
          </Form.Item>
          <Form.Item
            name="receivedAt"
            label={t('实际收件时间（北京时间）', 'Received at (Beijing time)')}
            extra={t('期限自收件之日起计算，不是录入之日', 'Periods run from the day it was received, not the day it is entered')}
            rules={[{ required: true, message: t('必填', 'Required') }, receivedAtRule]}
          >
            <Input type="datetime-local" />
          </Form.Item>
        </Space>
      )}
      <Form.Item name="projectId" label={t('所涉项目', 'Project')} rules={[{ required: true, message: t('请选择项目', 'Choose the project') }]}>
        <Select
          showSearch={{ filterOption: false, onSearch: setProjectText }}
          placeholder={t('输入项目名称或编号搜索', 'Type a project name or code')}
          loading={projects.loading}
          notFoundContent={projects.loading ? t('查询中…', 'Searching…') : t('无匹配项目', 'No matching project')}
          options={(projects.data?.projects.nodes ?? []).map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
        />
      </Form.Item>
      {kind === 'COMPLAINT' ? (
        <>
          <Form.Item name="complainantName" label={t('投诉人（姓名或单位名称）', 'Complainant (person or company)')} rules={textRules(t, NAME_TEXT)}>
            <Input autoComplete="name" />
          </Form.Item>
          <Form.Item name="complainantContact" label={t('联系方式（电话或地址）', 'Contact (phone or address)')} rules={textRules(t, MAX_TEXT)}>
            <Input autoComplete="tel" />
          </Form.Item>
          <Form.Item
            name="relationToProject"
            label={t('与项目的关系（如：投标人、潜在投标人）', 'Relation to the project (e.g. bidder)')}
            rules={textRules(t, MAX_TEXT)}
          >
            <Input />
          </Form.Item>
          <Form.Item
            name="knewOn"
            label={t('知道或应当知道投诉事项的日期', 'Day you knew of the matter')}
            dependencies={['receivedAt']}
            rules={[{ required: true, message: t('必填', 'Required') }, knewOnRule]}
          >
            <Input type="date" max={today} />
          </Form.Item>
        </>
      ) : (
        <>
          <Form.Item name="anonymous" valuePropName="checked">
            <Checkbox>{t('匿名举报（不留姓名和联系方式）', 'Report anonymously (no name or contact)')}</Checkbox>
          </Form.Item>
          {!anonymous && (
            <>
              <Form.Item name="reporterName" label={t('举报人姓名（选填）', 'Your name (optional)')} rules={textRules(t, NAME_TEXT, false)}>
                <Input autoComplete="name" />
              </Form.Item>
              <Form.Item name="reporterContact" label={t('联系方式（选填）', 'Contact (optional)')} rules={textRules(t, MAX_TEXT, false)}>
                <Input autoComplete="tel" />
              </Form.Item>
            </>
          )}
        </>
      )}
      <Form.Item name="summary" label={t('事由（简要）', 'Subject (short)')} rules={textRules(t, SUMMARY_TEXT)}>
        <Input maxLength={SUMMARY_TEXT} showCount />
      </Form.Item>
      <Form.Item name="details" label={t('事实、理由和证据', 'Facts, grounds and evidence')} rules={textRules(t, LONG_TEXT)}>
        <Input.TextArea rows={5} maxLength={LONG_TEXT} showCount />
      </Form.Item>
      <Form.Item
        name="respondentCreditCodes"
        label={t('被投诉/举报单位的统一社会信用代码（选填，可多个）', 'Credit codes of the parties concerned (optional)')}
        rules={[creditCodeListRule(t)]}
      >
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} placeholder={t('输入后回车', 'Type and press Enter')} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={sending} disabled={sending} block={mode === 'public'}>
        {kind === 'COMPLAINT' ? t('提交投诉', 'Submit the complaint') : t('提交举报', 'Submit the report')}
      </Button>
    </Form>
  );
}
