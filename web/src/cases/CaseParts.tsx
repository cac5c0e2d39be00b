import { Tag } from '../data/Tag';
import { useLocale } from '../i18n/locale';
import { countdown, type DeadlineLike } from './case-steps';

/** A deadline's countdown: working days (complaints) or days left, overdue by how many, or met. */
export function Countdown({ deadline, metLate }: { deadline: DeadlineLike | null | undefined; metLate?: boolean }) {
  const { t } = useLocale();
  const c = countdown(deadline, metLate);
  const daysUnit = (days: number, working: boolean) =>
    working ? t('个工作日', days === 1 ? ' working day' : ' working days') : t('天', days === 1 ? ' day' : ' days');
  const mark = (provisional: boolean) => (provisional ? t('（暂定）', ' (provisional)') : '');
  switch (c.state) {
    case 'none':
      return <>—</>;
    case 'met':
      return (
        <Tag color={c.late ? 'orange' : 'green'}>
          {c.late ? t(`${c.metOn} 办结（超期）`, `Met late on ${c.metOn}`) : t(`${c.metOn} 已办`, `Met on ${c.metOn}`)}
        </Tag>
      );
    case 'overdue': {
      const unit = daysUnit(c.days, c.working);
      return (
        <Tag color="red" data-testid="overdue" style={{ whiteSpace: 'nowrap' }}>
          {c.days === 0 ? t(`已逾期（${c.dueOn} 到期）`, `Overdue (due ${c.dueOn})`) : t(`已逾期 ${c.days}${unit}`, `${c.days}${unit} overdue`)}
          {mark(c.provisional)}
        </Tag>
      );
    }
    case 'left': {
      const unit = daysUnit(c.days, c.working);
      return (
        <Tag color={c.urgent ? 'orange' : 'blue'} style={{ whiteSpace: 'nowrap' }}>
          {t(`剩余 ${c.days}${unit}`, `${c.days}${unit} left`)}
          {mark(c.provisional)}
        </Tag>
      );
    }
  }
}
