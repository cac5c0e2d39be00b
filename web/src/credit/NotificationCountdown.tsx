import { Tag } from '../data/Tag';
import { useLocale } from '../i18n/locale';

/** What a performance notification's countdown needs of it (the credit work view asks all of it, the department dashboard the open part). */
export interface NotificationDeadline {
  recordingDueOn: string;
  workingDaysLeft: number;
  overdue: boolean;
  dueProvisional?: boolean | null;
  recordedOn?: string | null;
  recordedLate?: boolean | null;
  closedOn?: string | null;
}

/**
 * A performance notification's 7-working-day countdown: recorded (late or not), closed without a
 * record, overdue by how many working days, or working days left. Overdue on a rest day after the
 * due date is 0 working days past, so it says when it was due instead.
 */
export function NotificationCountdown({ n }: { n: NotificationDeadline }) {
  const { t } = useLocale();
  if (n.recordedOn)
    return (
      <Tag color="green">
        {t(`已于 ${n.recordedOn} 记录`, `Recorded ${n.recordedOn}`)}
        {n.recordedLate ? t('（逾期）', ' (late)') : ''}
      </Tag>
    );
  if (n.closedOn) return <Tag>{t(`已于 ${n.closedOn} 结案不记录`, `Closed ${n.closedOn}`)}</Tag>;
  if (n.overdue)
    return (
      <Tag color="red" style={{ whiteSpace: 'nowrap' }}>
        {n.workingDaysLeft === 0
          ? t(`已逾期（${n.recordingDueOn} 到期）`, `Overdue (due ${n.recordingDueOn})`)
          : t(`已逾期 ${-n.workingDaysLeft} 个工作日`, `Overdue by ${-n.workingDaysLeft} working day${n.workingDaysLeft === -1 ? '' : 's'}`)}
      </Tag>
    );
  return (
    <Tag color={n.workingDaysLeft <= 2 ? 'orange' : 'blue'} style={{ whiteSpace: 'nowrap' }}>
      {t(`剩余 ${n.workingDaysLeft} 个工作日`, `${n.workingDaysLeft} working day${n.workingDaysLeft === 1 ? '' : 's'} left`)}
      {n.dueProvisional ? t('（暂定）', ' (provisional)') : ''}
    </Tag>
  );
}
