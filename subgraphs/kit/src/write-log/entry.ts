import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

/** What a write did to one object. */
export enum WriteOperation {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
}
registerEnumType(WriteOperation, {
  name: 'WriteOperation',
  description: 'What a write did to one object: created, changed or deleted it.',
  valuesConfig: {
    CREATE: { description: 'The object was created (新增); every field has only an after value.' },
    UPDATE: { description: 'The object was changed (修改); the changed fields with before and after.' },
    DELETE: { description: 'The object was deleted (删除); every field has only a before value.' },
  },
});

/** One changed field of a write-log entry, as the graph may show it (personal data masked, internal values hidden). */
@ObjectType({ description: 'One field a write changed: its value before and after, as text (personal data masked, values the graph never shows hidden).' })
@Directive('@shareable')
export class WriteLogChange {
  @Field({ description: 'The property name (as on the object in the graph where it is shown there).' })
  field: string;

  @Field(() => String, { nullable: true, description: 'Value before the write (null: none, e.g. on creation).' })
  before: string | null;

  @Field(() => String, { nullable: true, description: 'Value after the write (null: none, e.g. on deletion).' })
  after: string | null;
}

/** Who made a write: the verified token's claims at the time. */
@ObjectType({ description: 'Who made a write: the caller’s token claims at the time of the write.' })
@Directive('@shareable')
export class WriteLogActor {
  @Field({ description: 'Subject of the token (staff id, or the enforcer’s roster id).' }) sub: string;
  @Field({ description: 'Name of the caller as the token gave it (姓名).' }) name: string;
  @Field({ description: 'Role: LEADER, OFFICE, CENTER, DEPT, ENFORCER or PUBLIC; SYSTEM for the hub’s own jobs (the calendar firm-up).' }) role: string;
  @Field(() => String, { nullable: true, description: 'Member unit code of the caller, if any.' }) department: string | null;
}

/**
 * One row of a slice's write log (操作日志): one object created, changed or deleted by one mutation.
 * Written by the kit's flush subscriber in the same transaction as the change, never updated or
 * deleted (a database trigger refuses it, see writeLogAppendOnlySql).
 */
@Entity({ tableName: 'write_log' })
@Index({ properties: ['at', 'id'] })
@Index({ properties: ['objectType', 'objectId'] })
@Index({ properties: ['projectId'] })
@ObjectType({ description: 'One write on the record (操作日志): who, when, which mutation, which object, which fields changed.' })
@Directive('@shareable')
export class WriteLogEntry {
  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'UUID of this log entry.' })
  id: string = randomUUID();

  @Property({ type: 'timestamptz' })
  @Field({ description: 'When the write was made (the time of its flush, in UTC).' })
  at: Date = new Date();

  @Property({ type: 'string', length: 32 })
  @Field({ description: 'The slice whose database holds this entry (e.g. credit).' })
  slice: string;

  @Property({ type: 'string', length: 100 })
  @Field({ description: 'The mutation that made the write (e.g. upsertCreditRule).' })
  mutation: string;

  @Property({ type: 'string', length: 100 })
  @Field({ description: 'The request id: entries of one call share it (and so do the service logs).' })
  requestId: string;

  @Property({ type: 'string', length: 255 })
  actorSub: string;

  @Property({ type: 'string', length: 255 })
  actorName: string;

  @Property({ type: 'string', length: 16 })
  actorRole: string;

  @Property({ type: 'string', length: 16, nullable: true })
  actorDepartment: string | null = null;

  @Field(() => WriteLogActor, { description: 'Who made the write (操作人): subject, name, role and member unit from the token.' })
  get actor(): WriteLogActor {
    return { sub: this.actorSub, name: this.actorName, role: this.actorRole, department: this.actorDepartment ?? null };
  }

  @Enum({ items: () => WriteOperation, type: 'string', length: 8 })
  @Field(() => WriteOperation, { description: 'Whether the object was created, changed or deleted.' })
  operation: WriteOperation;

  @Property({ type: 'string', length: 100 })
  @Field({ description: 'Type of the object written (the GraphQL type name where it has one, e.g. CreditRule).' })
  objectType: string;

  @Property({ type: 'string', length: 255 })
  @Field({ description: 'Key of the object written (its id or code).' })
  objectId: string;

  @Property({ type: 'string', length: 64, nullable: true })
  @Field(() => ID, { nullable: true, description: 'The project the object belongs to, when it belongs to one (Project.history gathers these).' })
  projectId: string | null = null;

  @Property({ type: 'jsonb' })
  @Field(() => [WriteLogChange], {
    description: 'The fields the write changed, before → after (personal data masked; values the graph never shows appear as “(not shown)”).',
  })
  changes: WriteLogChange[] = [];
}
