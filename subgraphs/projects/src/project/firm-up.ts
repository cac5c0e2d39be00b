import { randomUUID } from 'node:crypto';
import { runInWriteScope, todayInShanghai, type CalendarDerivedDates, type SystemActor } from '@hub/kit';
import { IntervalCheck } from './interval-check.entity';
import { ProjectFlag } from './project.entity';
import { checkPeriod } from './stages';

const FIRM_UP_ACTOR: SystemActor = { sub: 'system:calendar-firm-up', name: 'Calendar firm-up (official calendar published)', role: 'SYSTEM' };

/**
 * The projects slice's calendar-derived dates: every stage-interval check whose period end was
 * provisional (a flag or a pass) is run again on the calendar in force. A breach that stays keeps its
 * flag, with the new end day and message, firm once the year is covered; a breach that disappears
 * deletes its flag; a pass that becomes a breach raises one, dated the day of the firm-up. Every such
 * write is on the slice's write log under the SYSTEM actor, so a flag that was shown and withdrawn
 * keeps a trace (`Project.history`). Statements: one read of the provisional checks, one of their
 * flags, then the batched writes of one flush, however many checks there are.
 */
export const intervalCheckDates: CalendarDerivedDates = {
  name: 'projects: stage-interval checks and their flags',
  async firmUp(em, calendar) {
    const checks = await em.find(IntervalCheck, { provisional: true }, { populate: ['flag'], orderBy: { id: 'asc' } });
    if (checks.length === 0) return 0;
    const today = todayInShanghai();
    let changed = 0;
    for (const check of checks) {
      const { periodEndsOn, provisional, breach } = checkPeriod(calendar, check.rule, check.startsOn, check.comparedOn);
      const flag = check.flag;
      const before = `${check.periodEndsOn}/${check.provisional}/${flag?.message ?? ''}`;
      if (breach && flag) {
        Object.assign(flag, { actual: breach.actual, message: breach.message, periodEndsOn: breach.periodEndsOn, provisional: breach.provisional });
      } else if (breach) {
        check.flag = em.create(ProjectFlag, { project: check.project, tenderRound: check.tenderRound, raisedOn: today, ...breach });
      } else if (flag) {
        check.flag = null;
        em.remove(flag);
      }
      check.periodEndsOn = periodEndsOn;
      check.provisional = provisional;
      if (before !== `${check.periodEndsOn}/${check.provisional}/${check.flag?.message ?? ''}`) changed += 1;
    }
    // Flushed here, inside the write scope, so the log records these writes (the kit's flush afterwards finds nothing left).
    await runInWriteScope({ mutation: 'calendarFirmUp', caller: FIRM_UP_ACTOR, requestId: `calendar-firm-up:${randomUUID()}` }, () => em.flush());
    return changed;
  },
};
