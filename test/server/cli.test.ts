import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../ports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'valueprint.js');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'valueprint-cli-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The environment without any Valueprint setting, so each case sets exactly what it tests. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (name.startsWith('VALUEPRINT_') || name === 'PORT' || name === 'HOST') delete env[name];
  }
  return { ...env, ...extra };
}

interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to completion, killing it if it takes longer than `timeoutMs`. */
function cli(
  args: string[],
  env: Record<string, string> = {},
  { command = [process.execPath, bin], timeoutMs = 30_000 } = {},
): Promise<Finished> {
  const [program, ...prefix] = command as [string, ...string[]];
  const child = spawn(program, [...prefix, ...args], { cwd: root, env: cleanEnv(env) });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`valueprint ${args.join(' ')} did not finish in ${timeoutMs} ms\n${stderr}`),
      );
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const lines = (...events: Array<string | object>) =>
  `${events.map((event) => (typeof event === 'string' ? event : JSON.stringify(event))).join('\n')}\n`;

describe('valueprint help and usage errors', () => {
  it('prints the usage for help, -h and no command, exiting 0', async () => {
    for (const args of [['help'], ['--help'], ['-h'], []]) {
      const { code, stdout, stderr } = await cli(args);
      expect(code).toBe(0);
      expect(stderr).toBe('');
      expect(stdout).toMatch(/^Usage: valueprint <command> \[options\]/);
      expect(stdout).toContain('serve [--port N] [--host H] [--db FILE|URL] [--demo]');
      expect(stdout).toContain('import FILE --source NAME [--db FILE]');
    }
  });

  it('refuses an unknown command with exit code 2 and the usage', async () => {
    const { code, stdout, stderr } = await cli(['frobnicate']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^valueprint: unknown command "frobnicate"\n\nUsage: valueprint/);
  });

  it('refuses an unknown option with exit code 2, naming it', async () => {
    const { code, stderr } = await cli(['serve', '--verbose']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^valueprint: Unknown option '--verbose'/);
  });

  it('says in one line, with exit code 1, that PostgreSQL cannot be reached, hiding the password', async () => {
    const port = await freePort();
    const { code, stderr } = await cli(
      ['serve', '--db', `postgres://vp:s3cret-pw@127.0.0.1:${port}/value`],
      { VALUEPRINT_SECRET_KEY: 'cli-test-secret-key-0123456789' },
    );
    expect(code).toBe(1);
    expect(stderr).toMatch(
      new RegExp(
        `^valueprint: PostgreSQL at postgres://vp:\\*\\*\\*@127\\.0\\.0\\.1:${port}/value cannot be reached \\(.*ECONNREFUSED.*\\); check the URL given with --db or VALUEPRINT_DB, and that the server is up and lets this user in\n$`,
      ),
    );
    expect(stderr).not.toContain('s3cret-pw');
  });

  it('runs as `npx valueprint`, the package’s own bin', async () => {
    const { code, stdout } = await cli(
      ['help'],
      {},
      {
        command: ['npx', '--offline', 'valueprint'],
        timeoutMs: 60_000,
      },
    );
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: valueprint/);
  }, 90_000);
});

describe('valueprint serve: start-up checks', () => {
  it('refuses to start without VALUEPRINT_SECRET_KEY, pointing to --demo', async () => {
    const { code, stdout, stderr } = await cli(['serve', '--db', join(dir, 'nokey.duckdb')]);
    expect(code).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^valueprint: VALUEPRINT_SECRET_KEY is not set\./);
    expect(stderr).toContain('--demo');
    expect(stderr).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it.each([
    ['PORT', 'eighty', /PORT must be a whole number from 1 to 65535, got "eighty"/],
    ['PORT', '70000', /PORT must be a whole number from 1 to 65535, got "70000"/],
    ['VALUEPRINT_DEDUPE_DAYS', 'week', /VALUEPRINT_DEDUPE_DAYS must be a whole number .*"week"/],
    ['VALUEPRINT_DEDUPE_DAYS', '3', /VALUEPRINT_DEDUPE_DAYS must be a whole number from 7 to/],
    ['VALUEPRINT_SECRET_KEY', 'short', /VALUEPRINT_SECRET_KEY must be at least 24 characters/],
  ])('stops start-up when %s is %s, naming the variable', async (variable, value, message) => {
    const { code, stdout, stderr } = await cli(
      ['serve', '--demo', '--db', join(dir, 'bad.duckdb')],
      {
        [variable]: value,
      },
    );
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^valueprint: invalid configuration:\n/);
    expect(stderr).toMatch(message);
  });

  it('says which variable a bad flag sets', async () => {
    const { code, stderr } = await cli(['serve', '--demo', '--port', '99999']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/PORT must be a whole number from 1 to 65535, got "99999"/);
    expect(stderr).toContain('(--port sets PORT)');
  });
});

describe('valueprint serve --demo', () => {
  it('prints a secret key and a working demo write key; /healthz answers 200', async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--demo', '--port', String(port), '--db', join(dir, 'demo.duckdb')],
      { cwd: root, env: cleanEnv() },
    );
    let stopped: { code: number | null; output: string };
    try {
      const output = await waitForOutput(child, /keep it that way\.\n/, 90_000);
      const url = `http://127.0.0.1:${port}`;
      expect(output).toContain(`Valueprint is listening on ${url}`);
      // Loud about minting tokens without credentials, and bound to this machine by default.
      expect(output).toContain('!! DEMO MODE');
      expect(output).toContain('editor tokens');
      expect(output).toContain('It listens on 127.0.0.1 only');
      const secret = /secret key: (vp_sk_\S+) \(generated for this run\)/.exec(output)?.[1];
      const writeKey = /demo source "Acme Flow \(demo\)" write key: (vp_wk_\S+)/.exec(output)?.[1];
      expect(secret).toBeDefined();
      expect(writeKey).toBeDefined();

      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);

      // The printed curl example works with the printed key.
      const track = await fetch(`${url}/v1/track`, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          userId: 'u1',
          groupId: 'acme-corp',
          event: 'Workflow Run Completed',
        }),
      });
      expect(track.status).toBe(200);
      expect(await track.json()).toMatchObject({ accepted: 1, duplicates: 0, rejected: [] });
      const inventory = await fetch(`${url}/v1/admin/inventory`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      expect(inventory.status).toBe(200);

      // A second service on the same file, or on the same port, says why it cannot start.
      const secretEnv = { VALUEPRINT_SECRET_KEY: 'a-long-enough-secret-for-tests-0001' };
      const sameFile = await cli(
        ['serve', '--port', String(await freePort()), '--db', join(dir, 'demo.duckdb')],
        secretEnv,
      );
      expect(sameFile.code).toBe(1);
      expect(sameFile.stderr).toMatch(
        /^valueprint: .*demo\.duckdb is in use by another process \(a running Valueprint service or an import\); stop it, or point this one at another file with --db or VALUEPRINT_DB\n$/,
      );
      const samePort = await cli(
        ['serve', '--port', String(port), '--db', join(dir, 'other.duckdb')],
        secretEnv,
      );
      expect(samePort.code).toBe(1);
      expect(samePort.stderr).toBe(
        `valueprint: port ${port} on 127.0.0.1 is already in use; choose another with --port or PORT\n`,
      );
    } finally {
      stopped = await stop(child, 20_000);
    }
    // SIGTERM drains and closes the store before exiting.
    expect(stopped.output).toContain('stopped cleanly');
    expect(stopped.code).toBe(0);
  }, 150_000);
});

describe('valueprint import', () => {
  const events = lines(
    { type: 'track', messageId: 'c1', userId: 'u1', groupId: 'acme', event: 'Run' },
    { type: 'track', messageId: 'c2', userId: 'u2', groupId: 'acme', event: 'Run' },
    '{not json',
  );

  it('prints accepted, duplicates and rejected, and counts a second run as duplicates', async () => {
    const file = join(dir, 'events.ndjson');
    const db = join(dir, 'import.duckdb');
    writeFileSync(file, events);
    const first = await cli(['import', file, '--source', 'Acme Flow', '--db', db]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^created source "Acme Flow" \(src_\S+\); its write key, shown once: vp_wk_\S+\n/,
    );
    expect(first.stdout).toContain(
      `imported ${file}: 2 accepted, 0 duplicates, 1 rejected (kept in quarantine with their reasons: GET /v1/admin/quarantine)\n`,
    );
    expect(first.stderr).toBe(''); // progress is drawn only on a terminal

    const second = await cli(['import', file, '--source', 'Acme Flow', '--db', db]);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(
      `imported ${file}: 0 accepted, 2 duplicates, 1 rejected (kept in quarantine with their reasons: GET /v1/admin/quarantine)\n`,
    );
  });

  it('needs --source, exiting 2 with a clear message', async () => {
    const file = join(dir, 'nosource.ndjson');
    writeFileSync(file, events);
    const { code, stdout, stderr } = await cli(['import', file, '--db', join(dir, 'x.duckdb')]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'valueprint: import needs --source NAME: the source the events belong to\n',
    );
  });

  it('needs exactly one file, exiting 2', async () => {
    const none = await cli(['import', '--source', 'Acme Flow']);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^valueprint: import takes exactly one FILE\n/);
    const two = await cli(['import', 'a.ndjson', 'b.ndjson', '--source', 'Acme Flow']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/^valueprint: import takes exactly one FILE\n/);
  });

  it.each([
    ['a missing file', 'missing.ndjson', undefined, /missing\.ndjson does not exist/],
    ['an unknown extension', 'events.txt', '{}\n', /cannot tell the format of .*events\.txt/],
    ['a JSON array', 'array.json', '[{"a":1}]\n', /looks like one JSON document.*not NDJSON/],
  ])('reports %s in one line, exiting 1', async (_case, name, content, message) => {
    const file = join(dir, name);
    if (content !== undefined) writeFileSync(file, content);
    const { code, stdout, stderr } = await cli([
      'import',
      file,
      '--source',
      'Acme Flow',
      '--db',
      join(dir, 'failed.duckdb'),
    ]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^valueprint: import failed: /);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

/** Resolves with everything printed so far once `pattern` has appeared; fails if the process exits. */
function waitForOutput(child: ChildProcess, pattern: RegExp, timeoutMs: number): Promise<string> {
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${pattern} within ${timeoutMs} ms; got:\n${output}`)),
      timeoutMs,
    );
    const onData = (data: Buffer) => {
      output += data.toString();
      if (pattern.test(output)) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited with ${code} before it was ready:\n${output}`));
    });
  });
}

/** SIGTERM, then SIGKILL if it has not exited within `timeoutMs`; resolves with what it printed. */
function stop(
  child: ChildProcess,
  timeoutMs: number,
): Promise<{ code: number | null; output: string }> {
  let output = '';
  child.stdout?.on('data', (data: Buffer) => {
    output += data.toString();
  });
  child.stderr?.on('data', (data: Buffer) => {
    output += data.toString();
  });
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, output });
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
    child.kill('SIGTERM');
  });
}
