import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { freePort } from '../ports.ts';

/** Clients that stall or go away: closed within the timeouts, and logged in one line at most. */

const SECRET = 'test-secret-key-0123456789abcdefghij';
let server: RunningServer;
let port: number;

beforeAll(async () => {
  port = await freePort();
  server = await startServer(
    loadConfig({
      PORT: String(port),
      VALUEPRINT_DB: ':memory:',
      VALUEPRINT_SECRET_KEY: SECRET,
      VALUEPRINT_HEADERS_TIMEOUT_MS: '300',
      VALUEPRINT_REQUEST_TIMEOUT_MS: '600',
    }),
  );
});
afterAll(() => server.close());
afterEach(() => vi.restoreAllMocks());

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.once('error', reject);
  });
}

/** Milliseconds until the server closes the socket (or `limit`, when it does not). */
function closedWithin(socket: Socket, limit: number): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(limit), limit);
    socket.on('data', () => undefined);
    socket.once('close', () => {
      clearTimeout(timer);
      resolve(Date.now() - started);
    });
    socket.once('error', () => undefined);
  });
}

describe('slow clients', () => {
  it('closes connections that stall in their headers or their body, many at once, within seconds', async () => {
    const sockets = await Promise.all(Array.from({ length: 200 }, open));
    sockets.forEach((socket, index) => {
      if (index % 2 === 0) socket.write('POST /v1/batch HTTP/1.1\r\nHost: x\r\n');
      else
        socket.write(
          'POST /v1/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"batch": [',
        );
    });
    const closed = await Promise.all(sockets.map((socket) => closedWithin(socket, 5_000)));
    expect(Math.max(...closed)).toBeLessThan(3_000);
  });

  it('logs a client that goes away mid-body in one line at most, without a stack', async () => {
    const lines: string[] = [];
    for (const method of ['error', 'warn', 'info', 'log'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        lines.push(
          args.map((arg) => (arg instanceof Error ? String(arg.stack) : String(arg))).join(' '),
        );
      });
    }
    const socket = await open();
    socket.write(
      `POST /v1/embed/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{"accountId": "`,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(lines.length).toBeLessThanOrEqual(1);
    for (const line of lines) {
      expect(line).not.toMatch(/\n\s+at /);
      expect(line.split('\n')).toHaveLength(1);
    }
  });
});
