import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';
import { MarketEntity } from '../market-entity/market-entity.entity';
import { maskIdentityNumber } from './mask';

export enum PractitionerRole {
  PROJECT_MANAGER = 'PROJECT_MANAGER',
  AGENCY_STAFF = 'AGENCY_STAFF',
  EVALUATION_EXPERT = 'EVALUATION_EXPERT',
}
registerEnumType(PractitionerRole, {
  name: 'PractitionerRole',
  description: '从业人员 roles: project manager, agency staff, evaluation expert.',
  valuesConfig: {
    PROJECT_MANAGER: { description: 'Project manager (项目经理) of a bidder.' },
    AGENCY_STAFF: { description: 'Staff of a tender agency (招标代理从业人员).' },
    EVALUATION_EXPERT: { description: 'Evaluation expert (评标专家).' },
  },
});

/** A practitioner (从业人员). The identity number is stored for matching but only ever shown masked. */
@Entity({ tableName: 'practitioner' })
@ObjectType({ description: 'A practitioner (从业人员): project manager, agency staff or evaluation expert.' })
@Directive('@key(fields: "id")')
export class Practitioner {
  [OptionalProps]?: 'identityNumberMasked';

  @PrimaryKey({ type: 'uuid' })
  @Field(() => ID, { description: 'Identifier of the practitioner (UUID).' })
  id: string = randomUUID();

  @Property({ type: 'string' })
  @Field({
    description:
      'Full name; personal data. The public reaches a practitioner only through published credit records, the joint-punishment list and their search.',
  })
  name: string;

  @Enum({ items: () => PractitionerRole, type: 'string' })
  @Field(() => PractitionerRole, { description: 'Project manager, agency staff or evaluation expert.' })
  role: PractitionerRole;

  /** Personal information: no @Field, only the masked form below is in the graph. */
  @Property({ type: 'string', length: 18 })
  identityNumber: string;

  @ManyToOne(() => MarketEntity, { nullable: true, fieldName: 'employer_credit_code' })
  employer?: MarketEntity | null;

  /** Nullable because the public's view hides it (src/visibility.ts). */
  @Field(() => String, {
    nullable: true,
    description: 'Identity number masked: first 3 and last 2 characters only. Signed-in roles only: null for the public (no token).',
  })
  get identityNumberMasked(): string | null {
    return maskIdentityNumber(this.identityNumber);
  }
}
