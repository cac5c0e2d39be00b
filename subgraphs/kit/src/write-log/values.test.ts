import 'reflect-metadata';
import type { EntityMetadata } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { describe, expect, it } from 'vitest';
import { displayValue, HIDDEN_VALUE, maskPersonal, valueForLog } from './values';

@ObjectType()
class Sample {
  @Field() title: string;
  @Field() complainantContact: string;
  /** Stored, never shown by the graph. */
  secret: string;
}

const meta = {
  class: Sample,
  properties: {
    title: { name: 'title', kind: 'scalar' },
    complainantContact: { name: 'complainantContact', kind: 'scalar' },
    secret: { name: 'secret', kind: 'scalar' },
    owner: { name: 'owner', kind: 'm:1' },
  },
} as unknown as EntityMetadata;

describe('write-log values', () => {
  it('shows what the graph shows, masks personal information, hides what the graph never shows', () => {
    expect(valueForLog(meta, 'title', '招标公告')).toBe('招标公告');
    expect(valueForLog(meta, 'complainantContact', '13912345678')).toBe('139******78');
    expect(valueForLog(meta, 'secret', 'a3f…')).toBe(HIDDEN_VALUE);
    expect(valueForLog(meta, 'owner', 'b5c1d7e2-0000-4000-8000-000000000001')).toBe('b5c1d7e2-0000-4000-8000-000000000001');
    expect(valueForLog(meta, 'title', null)).toBeNull();
  });

  it('masks short values entirely and keeps the ends of longer ones', () => {
    expect(maskPersonal('张三')).toBe('**');
    expect(maskPersonal('421002199001011234')).toBe('421*************34');
  });

  it('writes dates in ISO form and structures as JSON', () => {
    expect(displayValue(new Date('2026-11-28T01:02:03Z'))).toBe('2026-11-28T01:02:03.000Z');
    expect(displayValue(['HOUSING', 'WATER'])).toBe('["HOUSING","WATER"]');
    expect(displayValue(5)).toBe('5');
    expect(displayValue(false)).toBe('false');
  });
});
