import { type ChildProcess, spawn } from 'node:child_process';
import { type Agent, request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import { freePort } from './ports.ts';

const ROOT = resolve(import.meta.dirname, '..');

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything the server printed so far. */
  output: () => string;
}

/** Starts `valueprint serve` on a free loopback port and waits until it says it is listening. */
export async function startServerProcess(options: {
  db: string;
  secret: string;
  /** A folder for a CPU profile of the server (`--cpu-prof`). */
  profile?: string | undefined;
  /** `serve --demo`: seed the demo when the database is empty and serve the demo host page. */
  demo?: boolean;
  timeoutMs?: number;
  /** More environment for the server, e.g. VALUEPRINT_ALLOWED_ORIGINS. */
  env?: Record<string, string>;
}): Promise<ServerProcess> {
  const port = await freePort();
  const profile = options.profile
    ? ['--cpu-prof', `--cpu-prof-dir=${resolve(options.profile)}`]
    : [];
  const child = spawn(
    process.execPath,
    [
      ...profile,
      'bin/valueprint.js',
      'serve',
      '--port',
      String(port),
      '--db',
      options.db,
      ...(options.demo ? ['--demo'] : []),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...options.env, VALUEPRINT_SECRET_KEY: options.secret },
      stdio: 'pipe',
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const deadline = Date.now() + (options.timeoutMs ?? 20_000);
  while (!output.includes('listening on')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server did not start:\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 25));
  }
  return { child, port, output: () => output };
}

/** One HTTP request to a server on loopback, through a keep-alive agent; the body is sent as is. */
export function loopbackRequest(
  agent: Agent,
  port: number,
  request: { method: string; path: string; headers: Record<string, string>; body?: Buffer },
  timeoutMs = 30_000,
): Promise<{ status: number; text: string }> {
  const { body } = request;
  return new Promise((done, fail) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        path: request.path,
        method: request.method,
        agent,
        headers: body
          ? {
              ...request.headers,
              'content-type': 'application/json',
              'content-length': body.length,
            }
          : request.headers,
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          done({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }),
        );
        res.on('error', fail);
      },
    );
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', fail);
    req.end(body);
  });
}
