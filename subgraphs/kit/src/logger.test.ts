import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, serializeErrorForLog } from './logger';

/** A database error as MikroORM raises it: the failing statement with its values, and the driver's detail. */
function uniqueViolation() {
  const error = new Error(
    `insert into "practitioner" ("id", "name", "identity_number") values ('8c1d0c2e-0000-4000-8000-000000000001', '张某', '42010219800101123X') - duplicate key value violates unique constraint "practitioner_identity_number_unique"`,
  ) as Error & Record<string, unknown>;
  error.name = 'UniqueConstraintViolationException';
  error.code = '23505';
  error.constraint = 'practitioner_identity_number_unique';
  error.table = 'practitioner';
  error.detail = 'Key (identity_number)=(42010219800101123X) already exists.';
  error.parameters = ['张某', '42010219800101123X'];
  return error;
}

describe('error logs carry no personal values', () => {
  it('keeps the kind and place of a database error and drops the values it quoted', () => {
    const logged = serializeErrorForLog(uniqueViolation());
    expect(logged).toMatchObject({
      name: 'UniqueConstraintViolationException',
      code: '23505',
      constraint: 'practitioner_identity_number_unique',
      table: 'practitioner',
    });
    expect(logged.message).toMatch(/duplicate key value violates unique constraint/);
    const text = JSON.stringify(logged);
    for (const value of ['42010219800101123X', '张某', '8c1d0c2e']) expect(text).not.toContain(value);
    expect(logged).not.toHaveProperty('detail');
    expect(logged).not.toHaveProperty('parameters');
  });

  it('is the serializer of every service logger', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) });
    const previous = process.env.LOG_LEVEL;
    process.env.LOG_LEVEL = 'info';
    try {
      createLogger('probe', sink).error({ err: uniqueViolation() }, 'unexpected resolver error');
    } finally {
      if (previous === undefined) delete process.env.LOG_LEVEL;
      else process.env.LOG_LEVEL = previous;
    }
    const line = JSON.parse(lines.join(''));
    expect(line).toMatchObject({ service: 'probe', msg: 'unexpected resolver error', err: { code: '23505', table: 'practitioner' } });
    expect(JSON.stringify(line)).not.toContain('42010219800101123X');
  });
});
