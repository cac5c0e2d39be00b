import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Project, ProjectFlag } from './project.entity';
import { IntervalRule, type PeriodRule } from './stages';

/**
 * One check of a statutory period made when a stage step was recorded, passed or not, with the two
 * dates it compared: what the calendar firm-up (firm-up.ts) re-runs once the year of a provisional
 * end day is published. A pass leaves no flag, so without this row a provisional pass could never
 * turn into the breach the published calendar shows. Not in the graph: the flag is what readers see.
 */
@Entity({ tableName: 'interval_check' })
// The firm-up reads only the provisional checks: a partial index keeps that one statement cheap however many checks pass.
@Index({
  name: 'interval_check_provisional',
  expression: 'create index "interval_check_provisional" on "interval_check" ("id") where "provisional"',
})
export class IntervalCheck {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Project, { index: true })
  project: Project;

  @Property({ type: 'integer' })
  tenderRound: number;

  @Enum({ items: () => IntervalRule, type: 'string' })
  rule: PeriodRule;

  /** The period's start day (not counted): documents issued, clarification issued, publicity start, award notice. */
  @Property({ type: 'date' })
  startsOn: string;

  /** The later event compared with the end day: the bid deadline, the publicity's last day, the contract's signing. */
  @Property({ type: 'date' })
  comparedOn: string;

  @Property({ type: 'date' })
  periodEndsOn: string;

  /** The end day was counted across a year the calendar did not cover: the firm-up checks again. */
  @Property({ type: 'boolean' })
  provisional: boolean;

  /** The flag this check raised; null while it passes (a firm-up that clears the breach deletes the flag, on the write log). */
  @ManyToOne(() => ProjectFlag, { nullable: true, deleteRule: 'set null' })
  flag: ProjectFlag | null = null;

  /** Day of the stage step that made the check, YYYY-MM-DD (Asia/Shanghai). */
  @Property({ type: 'date' })
  checkedOn: string;
}
