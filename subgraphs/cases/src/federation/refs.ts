import { Directive, Field, ID, ObjectType } from 'type-graphql';

/**
 * Stubs of entities owned by other subgraphs, with the exact same GraphQL names and keys. This
 * subgraph adds fields to Project, MarketEntity and Department (their cases) and only points at
 * Enforcer (owned by the enforcers slice).
 */
@ObjectType('Project')
@Directive('@key(fields: "id")')
export class ProjectRef {
  @Field(() => ID) id: string;
}

@ObjectType('MarketEntity')
@Directive('@key(fields: "creditCode")')
export class MarketEntityRef {
  @Field(() => ID) creditCode: string;
}

@ObjectType('Department')
@Directive('@key(fields: "code")')
export class DepartmentRef {
  @Field(() => ID) code: string;
}

@ObjectType('Enforcer')
@Directive('@key(fields: "id", resolvable: false)')
export class EnforcerRef {
  @Field(() => ID) id: string;
}
