import { Directive, Field, ID, ObjectType } from 'type-graphql';

/** The Department entity (owned by projects); this slice adds `enforcers` and `inspectionStats` to it. */
@ObjectType('Department')
@Directive('@key(fields: "code")')
export class DepartmentRef {
  @Field(() => ID)
  code: string;
}

/** The Project entity (owned by projects); this slice adds `inspections` to it. */
@ObjectType('Project')
@Directive('@key(fields: "id")')
export class ProjectRef {
  @Field(() => ID)
  id: string;
}

/** Pointer to a market entity (owned by projects), by its unified social credit code. */
@ObjectType('MarketEntity')
@Directive('@key(fields: "creditCode", resolvable: false)')
export class MarketEntityRef {
  @Field(() => ID)
  creditCode: string;
}

/** Pointer to a case (owned by cases) opened from an inspection finding. */
@ObjectType('Case')
@Directive('@key(fields: "id", resolvable: false)')
export class CaseRef {
  @Field(() => ID)
  id: string;
}
