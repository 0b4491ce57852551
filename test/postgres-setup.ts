import pg from 'pg';

/**
 * Runs once before the suites: says in one line that the PostgreSQL suites are skipped when no
 * server is configured, and stops the run when one is configured but cannot be reached.
 */
export default async function postgresSetup(): Promise<void> {
  const url = process.env.VALUEPRINT_TEST_POSTGRES;
  if (!url) {
    // Each project runs this setup; one line is enough.
    if (process.env.VALUEPRINT_POSTGRES_SKIP_SAID) return;
    process.env.VALUEPRINT_POSTGRES_SKIP_SAID = '1';
    console.log(
      'PostgreSQL suites skipped: VALUEPRINT_TEST_POSTGRES is not set (.ci/run starts a throwaway server)',
    );
    return;
  }
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(
      `VALUEPRINT_TEST_POSTGRES is set (${url}) but PostgreSQL cannot be reached: ${(error as Error).message}`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
