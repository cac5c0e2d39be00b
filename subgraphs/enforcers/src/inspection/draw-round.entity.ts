import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { PoolProject } from '../draw/draw';
import { InspectionPlan } from './inspection.entity';

export enum DrawRoundStatus {
  /** Frozen and published; waiting for every participant's commitment. */
  COMMITTING = 'COMMITTING',
  /** Commitments closed; waiting for every participant's secret. */
  REVEALING = 'REVEALING',
  /** Every secret revealed: the seed is fixed, the draw can be made. */
  REVEALED = 'REVEALED',
  /** The draw was made from this round. */
  DRAWN = 'DRAWN',
  /** Abandoned (recorded, with the units that did not reveal): a new round needs fresh commitments. */
  ABANDONED = 'ABANDONED',
}
registerEnumType(DrawRoundStatus, {
  name: 'DrawRoundStatus',
  description: 'COMMITTING → REVEALING → REVEALED → DRAWN, or ABANDONED.',
  valuesConfig: {
    COMMITTING: { description: "Frozen and published; waiting for every participant's commitment." },
    REVEALING: { description: "Commitments closed; waiting for every participant's secret." },
    REVEALED: { description: 'Every secret revealed: the seed is fixed, the draw can be made.' },
    DRAWN: { description: 'The draw was made from this round.' },
    ABANDONED: { description: 'Abandoned (recorded, with the units that did not reveal); a new round needs fresh commitments.' },
  },
});

/** Statuses of a round still in progress: at most one per plan (a partial unique index). */
export const OPEN_ROUND_STATUSES = [DrawRoundStatus.COMMITTING, DrawRoundStatus.REVEALING, DrawRoundStatus.REVEALED];

/**
 * One run of the commit-reveal procedure of a plan (抽取轮次, docs/draw.md): the frozen manifest (pool,
 * pseudonymous roster snapshot, exclusions, parameters, participants) and its hash, then the
 * participants' commitments and reveals, then the seed. The first draw and every redraw each need a
 * round of their own.
 */
@Entity({ tableName: 'draw_round' })
@Unique({ properties: ['plan', 'number'] })
@Index({
  name: 'draw_round_one_open_per_plan',
  expression: `create unique index "draw_round_one_open_per_plan" on "draw_round" ("plan_id") where "status" in ('COMMITTING', 'REVEALING', 'REVEALED')`,
})
@ObjectType({ description: 'One commit-reveal round of a plan’s draw (docs/draw.md): frozen manifest, commitments, reveals, seed.' })
export class DrawRound {
  [OptionalProps]?: 'status' | 'frozenAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the round (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => InspectionPlan, { index: true })
  plan: InspectionPlan;

  @Property({ type: 'integer' })
  @Field(() => Int, { description: 'Round number within the plan (1, 2, …): part of the manifest.' })
  number: number;

  @Enum({ items: () => DrawRoundStatus, type: 'string' })
  @Field(() => DrawRoundStatus, { description: 'Where the round stands in the commit-reveal procedure.' })
  status: DrawRoundStatus = DrawRoundStatus.COMMITTING;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Set for a redraw: why the draw in force is replaced (e.g. a recusal).' })
  redrawReason?: string | null;

  @Property({ type: 'jsonb' })
  @Field(() => [String], { description: 'Member units that commit and reveal a secret (unit codes, ascending).' })
  participants: string[];

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'The draw date of the manifest (certificates are checked on it).' })
  drawnOn: string;

  /** The canonical JSON text whose SHA-256 is manifestHash (docs/draw.md). */
  @Property({ type: 'text' })
  @Field({ description: 'The frozen manifest, exactly the canonical JSON text that is hashed (pool, pseudonymous roster, exclusions, parameters).' })
  manifest: string;

  @Property({ type: 'string', length: 64 })
  @Field({ description: 'SHA-256 of the manifest (hex), published before any commitment.' })
  manifestHash: string;

  /** The pool as read from the projects slice (with the parties' credit codes the exclusions came from): internal. */
  @Property({ type: 'jsonb' })
  pool: PoolProject[];

  /** Pseudonym → enforcer id. Never published: it is what keeps the roster snapshot pseudonymous. */
  @Property({ type: 'jsonb' })
  pseudonyms: Record<string, string>;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the manifest was frozen and published (ISO 8601 timestamp).' })
  frozenAt: Date = new Date();

  @Property({ type: 'string' })
  @Field({ description: 'Who froze it (token subject of the office user).' })
  frozenBy: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Secrets not revealed by then cannot be revealed any more: the round can only be abandoned.' })
  revealDeadline: Date;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => String, { nullable: true, description: 'The seed, once every secret is revealed: SHA-256(manifest hash ‖ secrets in unit-code order).' })
  seed?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Instant the round was abandoned (ISO 8601 timestamp); null unless abandoned.' })
  abandonedAt?: Date | null;

  @Property({ type: 'string', nullable: true })
  abandonedBy?: string | null;

  @Property({ type: 'text', nullable: true })
  @Field(() => String, { nullable: true, description: 'Why the round was abandoned; null unless abandoned.' })
  abandonReason?: string | null;

  @Property({ type: 'jsonb', nullable: true })
  @Field(() => [String], {
    nullable: true,
    description: 'Units that had not committed or revealed when the round was abandoned (recorded, public with the round).',
  })
  defaultingUnits?: string[] | null;
}

/** One participant's commitment in a round, and later its reveal. */
@Entity({ tableName: 'draw_commitment' })
@Unique({ properties: ['round', 'unitCode'] })
@ObjectType({ description: 'A participating unit’s commitment (SHA-256 of its secret) and, once revealed, the secret.' })
export class DrawCommitment {
  [OptionalProps]?: 'committedAt';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the commitment (UUID).' })
  id: string = randomUUID();

  @ManyToOne(() => DrawRound, { index: true })
  round: DrawRound;

  @Property({ type: 'string', length: 16 })
  @Field({ description: 'The participating member unit (e.g. ZWJ, ZJJ, LEADING_GROUP).' })
  unitCode: string;

  /** Unique across every round: a secret is single-use (a revealed secret is public). */
  @Property({ type: 'string', length: 64 })
  @Unique()
  @Field({ description: 'SHA-256 of the 32-byte secret (hex).' })
  commitment: string;

  @Property({ type: 'string' })
  committedBy: string;

  @Property({ type: 'timestamptz' })
  @Field({ description: 'Instant the commitment was made (ISO 8601 timestamp).' })
  committedAt: Date = new Date();

  /** Shown once every participant has revealed (or the round ended): until then nobody can compute the seed from the graph. */
  @Property({ type: 'string', length: 64, nullable: true })
  secret?: string | null;

  @Property({ type: 'string', nullable: true })
  revealedBy?: string | null;

  @Property({ type: 'timestamptz', nullable: true })
  @Field(() => Date, { nullable: true, description: 'Instant the secret was revealed (ISO 8601 timestamp); null until then.' })
  revealedAt?: Date | null;
}
