import { Entity, Enum, type Opt, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { Directive, Field, ID, ObjectType, registerEnumType } from 'type-graphql';

export enum DepartmentKind {
  /** 行业主管部门: supervises projects in its field and penalises. */
  LINE = 'LINE',
  /** 公共资源交易中心: runs the trading platform. */
  TRADING_CENTER = 'TRADING_CENTER',
  /** 交易监督管理局 / 领导小组办公室: intake, joint inspections, credit. */
  SUPERVISION_OFFICE = 'SUPERVISION_OFFICE',
}
registerEnumType(DepartmentKind, {
  name: 'DepartmentKind',
  description: 'Role of a member unit in the joint supervision regime.',
  valuesConfig: {
    LINE: {
      description: 'Line department (行业主管部门: FGJ, ZJJ, JTJ, SLJ, NYJ in the demo data) that supervises its projects and keeps its power to penalise.',
    },
    TRADING_CENTER: { description: 'The public resources trading center (区公共资源交易中心, JYZX) that runs the platform and records projects and stages.' },
    SUPERVISION_OFFICE: {
      description: 'The trading supervision bureau hosting the leading group office (领导小组办公室, ZWJ): case intake, inspections, credit.',
    },
  },
});

/**
 * A member unit (成员单位). Owned by the projects slice: the trading platform's registry is where
 * projects name their supervising department. Other slices extend it by `code` and learn the list
 * through the graph (`departments`). The list is reference data, seeded by a migration: a new member
 * unit is a row (code, names, kind, position), not a code change.
 */
@Entity({ tableName: 'department' })
@ObjectType({ description: 'A member unit of the joint supervision regime (成员单位), keyed by its fixed code.' })
@Directive('@key(fields: "code")')
export class Department {
  [PrimaryKeyProp]?: 'code';

  @PrimaryKey({ type: 'string', length: 16 })
  @Field(() => ID, { description: 'Fixed code, e.g. ZJJ (区住建局).' })
  code: string;

  @Property({ type: 'string' })
  @Field({ description: 'English name of the unit, e.g. Housing and Urban-Rural Development Bureau (the Chinese name is nameZh). Public.' })
  name: string;

  @Property({ type: 'string' })
  @Field({ description: 'Official Chinese name.' })
  nameZh: string;

  @Enum({ items: () => DepartmentKind, type: 'string' })
  @Field(() => DepartmentKind, { description: 'Role of the unit: line department, trading center or supervision office.' })
  kind: DepartmentKind;

  /** Where the unit stands in lists (the regime's customary order: FGJ, ZJJ, JTJ, SLJ, NYJ, JYZX, ZWJ); lower first, ties by code. */
  @Property({ type: 'smallint', default: 100 })
  position: number & Opt = 100;
}
