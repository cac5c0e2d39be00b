import type { CalendarDerivedDates } from '@hub/kit';
import { PerformanceNotification } from './notification/notification.entity';
import { creditPolicy } from './policy/policy';
import { CreditObjection, CreditRecord } from './record/credit-record.entity';
import { applyPublicationDates, syncPunishment } from './record/credit-record.service';

/** Notifications' recording due dates (7 working days after notification). */
const recordingDueDates: CalendarDerivedDates = {
  name: 'credit: notification recording due dates',
  async firmUp(em, calendar) {
    const notifications = await em.find(PerformanceNotification, { dueProvisional: true });
    let changed = 0;
    for (const n of notifications) {
      const due = calendar.addWorkingDays(n.notifiedOn, creditPolicy().recordingWorkingDays);
      if (due.date !== n.recordingDueOn || due.provisional !== n.dueProvisional) changed += 1;
      n.recordingDueOn = due.date;
      n.dueProvisional = due.provisional;
    }
    return changed;
  },
};

/**
 * Published records whose publicity end was provisional, and everything that follows from it: the
 * effective date, the expiry date and the joint punishment entry's dates.
 */
const publicationDates: CalendarDerivedDates = {
  name: 'credit: publicity end, effective, expiry and joint punishment dates',
  async firmUp(em, calendar) {
    const records = await em.find(CreditRecord, { publicityEndProvisional: true, publicityStartsOn: { $ne: null } }, { populate: ['rule'] });
    if (records.length === 0) return 0;
    const objections = await em.find(CreditObjection, { record: { $in: records.map((r) => r.id) } });
    let changed = 0;
    for (const record of records) {
      const before = `${record.publicityEndsOn}/${record.publicityEndProvisional}/${record.effectiveOn}/${record.expiresOn}`;
      applyPublicationDates(calendar, record, objections.find((o) => o.record.id === record.id)?.decidedOn);
      await syncPunishment(em, record);
      if (before !== `${record.publicityEndsOn}/${record.publicityEndProvisional}/${record.effectiveOn}/${record.expiresOn}`) changed += 1;
    }
    return changed;
  },
};

/** Every stored date of the credit slice that comes from the official calendar. */
export const creditCalendarDates: CalendarDerivedDates[] = [recordingDueDates, publicationDates];
