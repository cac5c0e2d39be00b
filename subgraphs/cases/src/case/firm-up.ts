import type { CalendarDerivedDates } from '@hub/kit';
import { Case } from './case.entity';
import { refreshNextDue } from './case.service';
import { acceptanceDue, resolutionDue } from './deadlines';

/**
 * The cases slice's calendar-derived dates: every case's stored acceptance and resolution due
 * dates (and the pending one, `next_due_on`). Cases whose dates were computed across a year the
 * calendar did not cover are recomputed from their receipt and acceptance days; archived ones too,
 * since the bimonthly figures (resolved on time or late) read the stored dates.
 */
export const caseDeadlineDates: CalendarDerivedDates = {
  name: 'cases: acceptance and resolution due dates',
  async firmUp(em, calendar) {
    const cases = await em.find(Case, { $or: [{ acceptanceDueProvisional: true }, { resolutionDueProvisional: true }] });
    let changed = 0;
    for (const c of cases) {
      const before = `${c.acceptanceDueOn}/${c.resolutionDueOn}/${c.acceptanceDueProvisional}/${c.resolutionDueProvisional}`;
      const acceptance = acceptanceDue(calendar, c.kind, c.receivedOn);
      c.acceptanceDueOn = acceptance.date;
      c.acceptanceDueProvisional = acceptance.provisional;
      if (c.acceptedOn) {
        const resolution = resolutionDue(calendar, c.kind, c.acceptedOn, c.referralDueOn);
        c.resolutionDueOn = resolution.date;
        c.resolutionDueProvisional = resolution.provisional;
      }
      refreshNextDue(c);
      if (before !== `${c.acceptanceDueOn}/${c.resolutionDueOn}/${c.acceptanceDueProvisional}/${c.resolutionDueProvisional}`) changed += 1;
    }
    return changed;
  },
};
