import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DEBIAN_POSTGRES = '/usr/lib/postgresql/15/bin/postgres';

/**
 * A PostgreSQL server for the benchmarks to make databases on: VALUEPRINT_BENCH_POSTGRES (or
 * VALUEPRINT_TEST_POSTGRES) when set; else a throwaway cluster started with .ci/postgres (root
 * with Debian's PostgreSQL 15 installed), removed after `work`. Null when there is none: the
 * PostgreSQL benchmarks are skipped then, saying why.
 */
export async function withBenchPostgres<T>(
  work: (serverUrl: string) => Promise<T>,
): Promise<T | null> {
  const given = process.env.VALUEPRINT_BENCH_POSTGRES ?? process.env.VALUEPRINT_TEST_POSTGRES;
  if (given) return work(given);
  if (process.getuid?.() !== 0 || !existsSync(DEBIAN_POSTGRES)) {
    console.log(
      'PostgreSQL benchmarks skipped: set VALUEPRINT_BENCH_POSTGRES to a server the benchmark may create databases on',
    );
    return null;
  }
  const script = join(ROOT, '.ci', 'postgres');
  const [dir, url] = execFileSync(script, ['start'], { encoding: 'utf8' }).trim().split(' ');
  if (!dir || !url) throw new Error('.ci/postgres start printed no server');
  const stop = () => execFileSync(script, ['stop', dir], { stdio: 'ignore' });
  process.once('exit', stop);
  try {
    return await work(url);
  } finally {
    process.removeListener('exit', stop);
    stop();
  }
}
