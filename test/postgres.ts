import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { describe } from 'vitest';
import { PostgresDatabase } from '../telemetry/storage/postgres/database.ts';

/**
 * PostgreSQL for the suites that need it: VALUEPRINT_TEST_POSTGRES names a server (.ci/run starts
 * a throwaway one). Unset, those suites are skipped (test/postgres-setup.ts says so in one line);
 * set and unreachable, the run fails there.
 */
export const POSTGRES_URL = process.env.VALUEPRINT_TEST_POSTGRES;

/** `describe` for a suite that needs PostgreSQL. */
export const describePostgres = POSTGRES_URL ? describe : describe.skip;

/** A database of its own on the test server (or `server`), dropped by `drop`. */
export async function freshPostgres(
  server = POSTGRES_URL,
): Promise<{ url: string; drop: () => Promise<void> }> {
  if (!server) throw new Error('VALUEPRINT_TEST_POSTGRES is not set');
  const name = `vp_test_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: server });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Runs `work` with two connection pools on one fresh database, as two service processes would
 * have; both are closed and the database dropped afterwards.
 */
export async function withTwoProcesses(
  work: (one: PostgresDatabase, two: PostgresDatabase) => Promise<void>,
): Promise<void> {
  const server = await freshPostgres();
  const one = await PostgresDatabase.open(server.url);
  try {
    const two = await PostgresDatabase.open(server.url);
    try {
      await work(one, two);
    } finally {
      await two.close();
    }
  } finally {
    await one.close();
    await server.drop();
  }
}
