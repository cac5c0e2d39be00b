import { randomUUID } from 'node:crypto';
import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { LocalDateScalar } from '@hub/kit';
import { Field, ID, ObjectType } from 'type-graphql';

/**
 * Example entity of the audit slice: a finding on a project with its rectification (整改)
 * deadline — what audit, finance or market regulation all produce about tender projects.
 */
@Entity({ tableName: 'audit_finding' })
@ObjectType({ description: 'A finding of the audit slice on a project, with its rectification (整改) deadline.' })
export class AuditFinding {
  [OptionalProps]?: 'createdAt' | 'rectifiedOn';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the finding (UUID), assigned by the hub.' })
  id: string = randomUUID();

  /** The project (owned by the projects slice), by id: a federation reference, not a foreign key. */
  @Property({ type: 'uuid' })
  @Index()
  @Field(() => ID, { description: 'UUID of the tender project (招标项目) the finding is about; the project itself is owned by the projects slice.' })
  projectId: string;

  @Property({ type: 'string' })
  @Field({ description: 'Short title of the finding, 1 to 255 characters. Readable by every signed-in role.' })
  title: string;

  @Property({ type: 'text' })
  @Field({ description: 'What was found, in prose, 1 to 4000 characters. Readable by every signed-in role.' })
  description: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Day the finding was made, YYYY-MM-DD (Asia/Shanghai); not in the future.' })
  foundOn: string;

  @Property({ type: 'date' })
  @Field(() => LocalDateScalar, { description: 'Rectification due (整改期限).' })
  rectificationDueOn: string;

  @Property({ type: 'date', nullable: true })
  @Field(() => LocalDateScalar, { nullable: true, description: 'Day the finding was rectified (整改完成), YYYY-MM-DD (Asia/Shanghai); null while still open.' })
  rectifiedOn?: string | null = null;

  @Property({ type: 'string' })
  @Field({ description: 'Department code of the author.' })
  recordedByDepartment: string;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
