import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The storage seam holds: DuckDB is reached only inside telemetry/storage/duckdb/, and the service,
 * the widget, the domain model and the examples reach storage only through its interfaces
 * (telemetry/storage/interface.ts) and openStorage (open.ts), never an implementation.
 */
const ROOT = resolve(import.meta.dirname, '../../..');
const DUCKDB_FOLDER = 'telemetry/storage/duckdb/';
/** Spelled in two parts so this file is not a match of its own check. */
const DUCKDB_PACKAGE = ['@duckdb', 'node-api'].join('/');

const sources = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
  cwd: ROOT,
  encoding: 'utf8',
})
  .split('\n')
  .filter((path) => /\.(?:ts|js|mjs|cjs)$/.test(path));
const text = (path: string) => readFileSync(join(ROOT, path), 'utf8');

describe('the storage seam', () => {
  it("keeps DuckDB's client package inside telemetry/storage/duckdb/", () => {
    expect(sources.length).toBeGreaterThan(100);
    const outside = sources.filter(
      (path) => !path.startsWith(DUCKDB_FOLDER) && text(path).includes(DUCKDB_PACKAGE),
    );
    expect(outside).toEqual([]);
  });

  it("keeps PostgreSQL's client package inside telemetry/storage/postgres/ (and the tests' harness)", () => {
    const outside = sources.filter(
      (path) =>
        !path.startsWith('telemetry/storage/postgres/') &&
        !path.startsWith('test/') &&
        /from 'pg'/.test(text(path)),
    );
    expect(outside).toEqual([]);
  });

  it('lets the service, widget, blueprint and examples import no storage implementation', () => {
    const layers = sources.filter((path) => /^(server|widget|blueprint|examples)\//.test(path));
    const offenders = layers.filter((path) =>
      /from '[^']*telemetry\/storage\/(?:duckdb|memory|postgres)\//.test(text(path)),
    );
    expect(offenders).toEqual([]);
  });
});
