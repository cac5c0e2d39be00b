import { Alert, Button, Card, Descriptions, Typography } from 'antd';
import { useLocale } from '../i18n/locale';
import type { Receipt } from './CaseIntakeForm';

/**
 * The receipt of a submission: the number and the secret, shown this once (only a hash of the
 * secret is stored, so nobody can show it again), with a plain request to keep both.
 */
export function ReceiptCard({ receipt, onAnother, forPublic }: { receipt: Receipt; onAnother: () => void; forPublic: boolean }) {
  const { t } = useLocale();
  return (
    <Card data-testid="receipt" title={t('已登记，回执如下', 'Filed: your receipt')}>
      <Alert
        type="warning"
        showIcon
        role="alert"
        style={{ marginBottom: 16 }}
        title={
          forPublic
            ? t('请立即抄写或截图保存回执编号和查询密码', 'Write down or save the receipt number and the secret now')
            : t('请将回执编号和查询密码交给投诉/举报人', 'Give the receipt number and the secret to the submitter')
        }
        description={t(
          '查询密码只显示这一次，系统不保存密码原文，遗失后无法找回。凭回执编号和查询密码可随时查询办理进度。',
          'The secret is shown only this once; the hub does not keep it and cannot show it again. The receipt number and the secret show the progress at any time.',
        )}
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('回执编号', 'Receipt number')}>
          <Typography.Text copyable strong data-testid="receipt-number" style={{ wordBreak: 'break-all' }}>
            {receipt.receiptNumber}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('查询密码', 'Secret')}>
          <Typography.Text copyable strong code data-testid="receipt-secret" style={{ wordBreak: 'break-all' }}>
            {receipt.secret}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('收件日期', 'Received on')}>{receipt.receivedOn}</Descriptions.Item>
        <Descriptions.Item label={t('受理决定期限', 'Acceptance decided by')}>{receipt.acceptanceDeadline.dueOn}</Descriptions.Item>
      </Descriptions>
      {receipt.duplicate && (
        <Typography.Paragraph style={{ marginTop: 12 }}>
          {t('这是同一份材料的重复提交，未重复登记。', 'This was a repeat of the same submission; nothing was filed twice.')}
        </Typography.Paragraph>
      )}
      <Button style={{ marginTop: 16 }} onClick={onAnother}>
        {t('我已保存，继续提交新的材料', 'I have kept it; file another')}
      </Button>
    </Card>
  );
}
