import { Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useLocale } from '../i18n/locale';
import { CaseIntakeForm, type IntakeKind, type Receipt } from './CaseIntakeForm';
import { ReceiptCard } from './ReceiptCard';

/** 一窗受理: the office enters a complaint or report received at window 308, by letter, phone or e-mail. */
export function RecordReceivedPage() {
  const { t } = useLocale();
  const [kind, setKind] = useState<IntakeKind>('COMPLAINT');
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  return (
    <>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {t('登记收件', 'Record a received matter')}
      </Typography.Title>
      <Typography.Paragraph>
        <Link to="/intake">{t('返回待受理队列', 'Back to the intake queue')}</Link>
      </Typography.Paragraph>
      {receipt ? (
        <ReceiptCard receipt={receipt} forPublic={false} onAnother={() => setReceipt(null)} />
      ) : (
        <Card style={{ maxWidth: 880 }}>
          <Segmented<IntakeKind>
            aria-label={t('类型', 'Kind')}
            style={{ marginBottom: 16 }}
            value={kind}
            onChange={setKind}
            options={[
              { value: 'COMPLAINT', label: t('投诉', 'Complaint') },
              { value: 'REPORT', label: t('举报', 'Report') },
            ]}
          />
          <CaseIntakeForm key={kind} kind={kind} mode="office" onReceipt={setReceipt} />
        </Card>
      )}
    </>
  );
}
