import 'reflect-metadata';
import { isObjectType, type GraphQLFieldResolver } from 'graphql';
import { hiddenFields } from '@hub/kit';
import { as } from '@hub/kit/testing';
import { Field, getMetadataStorage } from 'type-graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Case } from './case/case.entity';
import { CaseKind } from './case/case-states';
import { buildSchema } from './server';
import { caseVisibility } from './visibility';

/*
 * The README's "change a field" walkthrough, step 1, as a newcomer writes it: a plain nullable @Field on
 * the entity and nothing else. Unit test files share a worker (vitest.config.mts, isolate: false) and
 * type-graphql fixes a type's fields at the first schema build of the process, so this file adds the field
 * for itself only: it lets type-graphql collect Case's fields again with `note`, and again without it after.
 */
function recollectCaseFields() {
  const caseType = getMetadataStorage().objectTypes.find((type) => type.target === Case);
  if (caseType) caseType.fields = undefined;
}
beforeAll(() => {
  Field(() => String, { nullable: true })(Case.prototype, 'note');
  recollectCaseFields();
});
afterAll(() => {
  const storage = getMetadataStorage();
  storage.fields = storage.fields.filter((field) => !(field.target === Case && field.name === 'note'));
  recollectCaseFields();
});

const row = Object.assign(new Case(), {
  kind: CaseKind.COMPLAINT,
  summary: '资格审查不公',
  details: '评审专家与投标人有利害关系',
  handlingDepartments: ['ZJJ'],
  assignedEnforcerIds: [],
  note: '内部备注',
});

it("a field added to Case without touching visibility.ts is hidden from other departments' summary view, shown in full", async () => {
  const schema = await buildSchema();
  expect(hiddenFields(schema, caseVisibility, 'SUMMARY')).toContain('note');
  const caseType = schema.getType('Case');
  if (!isObjectType(caseType)) throw new Error('Case is not an object type');
  const note = caseType.getFields().note.resolve as GraphQLFieldResolver<Case, unknown>;
  const read = (user: ReturnType<typeof as>) => note(row, {}, { user }, { fieldName: 'note' } as never);
  expect(read(as('DEPT', 'JTJ'))).toBeNull();
  expect(read(as('DEPT', 'ZJJ'))).toBe('内部备注');
  expect(read(as('OFFICE', 'ZWJ'))).toBe('内部备注');
});

it('the summary view of a case hides exactly the parties, narrative, decision text, enforcers and rectification', async () => {
  const hidden = hiddenFields(await buildSchema(), caseVisibility, 'SUMMARY').filter((f) => f !== 'note');
  expect(hidden.sort()).toEqual(
    [
      'actionTaken',
      'assignedEnforcers',
      'details',
      'feedback',
      'knewOn',
      'penalty',
      'rectificationTasks',
      'referralReference',
      'refusalReason',
      'respondents',
      'submitterContact',
      'submitterName',
      'submitterRelation',
    ].sort(),
  );
});
