import net from 'node:net';
import { MikroORM } from '@mikro-orm/postgresql';
import { GraphQLError } from 'graphql';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseReadiness, isDatabaseUnavailable } from './database-availability';
import { createLogger } from './logger';
import { formatError } from './subgraph';

/** A loopback port nothing listens on. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

describe('database unavailable', () => {
  it('recognises refused and dropped connections and server shutdowns, also wrapped', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('wrapped', { cause: Object.assign(new Error('x'), { code: '57P01' }) }))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { sqlState: '08006' }))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated unexpectedly'))).toBe(true);
  });

  it('leaves query errors alone', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('duplicate key value'), { code: '23505' }))).toBe(false);
    expect(isDatabaseUnavailable(new Error('Cannot read properties of undefined'))).toBe(false);
  });

  describe('against a server that is not there', () => {
    let orm: MikroORM;
    afterAll(async () => orm?.close());

    it('a resolver error becomes DATABASE_UNAVAILABLE naming the slice, and readiness says the database is down', async () => {
      orm = await MikroORM.init({
        clientUrl: `postgres://postgres:postgres@127.0.0.1:${await closedPort()}/hub_cases`,
        entities: [],
        discovery: { warnWhenNoEntities: false },
        connect: false,
        pool: { min: 0, max: 1 },
      });
      const failure = await orm.em
        .fork()
        .execute('select 1')
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      expect(isDatabaseUnavailable(failure)).toBe(true);
      const error = new GraphQLError('connect ECONNREFUSED', { originalError: failure as Error, path: ['cases'] });
      const formatted = formatError(createLogger('test'), 'cases')(
        { message: 'connect ECONNREFUSED', path: ['cases'], extensions: { code: 'INTERNAL_SERVER_ERROR' } },
        error,
      );
      expect(formatted).toEqual({
        message: 'The cases database is unavailable; try again shortly',
        path: ['cases'],
        extensions: { code: 'DATABASE_UNAVAILABLE', subgraph: 'cases' },
      });
      expect(await databaseReadiness(orm)).toBe('unavailable');
    });
  });
});
