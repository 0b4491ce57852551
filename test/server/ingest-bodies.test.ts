import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config.ts';
import { type RunningServer, startServer } from '../../server/serve.ts';
import { freePort } from '../ports.ts';

/**
 * Bodies on a real socket: compressed ingest (gzip, deflate) with its limits counted after
 * decompression, a limit on every route that takes a body, and a keep-alive connection that
 * survives an early answer (the next request on it is never lost).
 */

const SECRET = 'test-secret-key-0123456789abcdefghij';
let server: RunningServer;
let writeKey: string;
const admin = { authorization: `Bearer ${SECRET}` };

beforeAll(async () => {
  const port = await freePort();
  server = await startServer(
    loadConfig({
      PORT: String(port),
      VALUEPRINT_DB: ':memory:',
      VALUEPRINT_SECRET_KEY: SECRET,
      VALUEPRINT_KEY_EVENTS_PER_SECOND: '0',
    }),
  );
  const res = await fetch(`${server.url}/v1/admin/sources`, {
    method: 'POST',
    headers: { ...admin, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'Bodies' }),
  });
  writeKey = ((await res.json()) as { writeKey: string }).writeKey;
});
afterAll(() => server.close());

const ingestAuth = () => ({
  authorization: `Basic ${Buffer.from(`${writeKey}:`).toString('base64')}`,
});
const track = () => ({
  type: 'track',
  messageId: randomUUID(),
  userId: 'u1',
  groupId: 'acme',
  event: 'Report Exported',
  properties: { format: 'pdf' },
});
const batchBody = (events = 3) => JSON.stringify({ batch: Array.from({ length: events }, track) });

function post(path: string, body: BodyInit, headers: Record<string, string> = {}) {
  return fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...ingestAuth(), ...headers },
    body,
  });
}

async function errorCode(res: Response): Promise<string> {
  return ((await res.json()) as { error: { code: string } }).error.code;
}

describe('compressed ingest bodies', () => {
  it.each([
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
  ] as const)('accepts %s', async (encoding, compress) => {
    const res = await post('/v1/batch', compress(Buffer.from(batchBody(3))), {
      'content-encoding': encoding,
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 3, rejected: [] });
    const single = await post('/v1/track', compress(Buffer.from(JSON.stringify(track()))), {
      'content-encoding': encoding,
    });
    expect(single.status).toBe(200);
  });

  it('answers 400 for a body that is not what its encoding says', async () => {
    const res = await post('/v1/batch', Buffer.from('definitely not gzip'), {
      'content-encoding': 'gzip',
    });
    expect(res.status).toBe(400);
    expect(await errorCode(res)).toBe('invalid_encoding');
  });

  it('answers 415 for br, naming what is accepted', async () => {
    const res = await post('/v1/batch', Buffer.from(batchBody()), { 'content-encoding': 'br' });
    expect(res.status).toBe(415);
    const body = (await res.json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/gzip or deflate/);
  });

  it('counts the limit after decompression, and a bomb costs no more than the limit', async () => {
    // 20 MB of zeros in about 20 KB: decompression stops just past 500 KB.
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024));
    expect(bomb.length).toBeLessThan(100 * 1024);
    const before = process.memoryUsage().rss;
    const res = await post('/v1/batch', bomb, { 'content-encoding': 'gzip' });
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('request_too_large');
    expect(process.memoryUsage().rss - before).toBeLessThan(15 * 1024 * 1024);
    // An honest batch of 600 KB, compressed far below the limit, is still too large.
    const big = JSON.stringify({
      batch: Array.from({ length: 2_000 }, () => ({
        ...track(),
        properties: { pad: 'x'.repeat(280) },
      })),
    });
    expect(big.length).toBeGreaterThan(500 * 1024);
    const tooBig = await post('/v1/batch', gzipSync(Buffer.from(big)), {
      'content-encoding': 'gzip',
    });
    expect(tooBig.status).toBe(413);
    // One event over 32 KB on a single-event route, compressed.
    const fat = gzipSync(
      Buffer.from(JSON.stringify({ ...track(), properties: { pad: 'y'.repeat(40_000) } })),
    );
    expect((await post('/v1/track', fat, { 'content-encoding': 'gzip' })).status).toBe(413);
  });
});

describe('a body limit on every route that takes one', () => {
  const big = (bytes: number) => JSON.stringify({ pad: 'z'.repeat(bytes) });

  it.each([
    ['POST', '/v1/embed/sessions', 100 * 1024],
    ['PUT', '/v1/admin/accounts/acme/promises', 100 * 1024],
    ['POST', '/v1/admin/sources', 100 * 1024],
    ['PUT', '/v1/admin/model', 2 * 1024 * 1024],
    ['PUT', '/v1/value/assumptions/hourly_rate', 100 * 1024],
  ])('%s %s answers 413 for a body over its limit', async (method, path, bytes) => {
    const token = await fetch(`${server.url}/v1/embed/sessions`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: 'acme', userId: 'u', role: 'editor' }),
    }).then(async (res) => ((await res.json()) as { token: string }).token);
    const auth = path.startsWith('/v1/value/') ? { authorization: `Bearer ${token}` } : admin;
    const res = await fetch(`${server.url}${path}`, {
      method,
      headers: { ...auth, 'content-type': 'application/json' },
      body: big(bytes),
    });
    expect(res.status).toBe(413);
    expect(await errorCode(res)).toBe('request_too_large');
  });

  it('stops reading a chunked body without a length as soon as it passes the limit', async () => {
    let sent = 0;
    const chunk = new Uint8Array(64 * 1024).fill(0x61);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > 150 * 1024 * 1024) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const res = await fetch(`${server.url}/v1/embed/sessions`, {
      method: 'POST',
      headers: { ...admin, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(150 * 1024 * 1024);
  });
});

describe('a keep-alive connection after an early answer', () => {
  it('loses no request that follows a 413 on the same connection (fetch)', async () => {
    const tooLarge = Buffer.alloc(600 * 1024, 0x20);
    for (let round = 0; round < 5; round++) {
      const refused = await post('/v1/batch', tooLarge);
      expect(refused.status).toBe(413);
      await refused.arrayBuffer();
      const next = await post('/v1/batch', batchBody(2));
      expect(next.status).toBe(200);
    }
  });

  it('loses no request that follows a 415 or 401 with a large body (node:http keep-alive)', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const send = (headers: Record<string, string>, body: Buffer) =>
      new Promise<number>((resolve, reject) => {
        const url = new URL(`${server.url}/v1/batch`);
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path: url.pathname,
            method: 'POST',
            agent,
            headers,
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    try {
      const large = Buffer.alloc(400 * 1024, 0x20);
      const json = { 'content-type': 'application/json', ...ingestAuth() };
      expect(await send({ ...json, 'content-type': 'text/csv' }, large)).toBe(415);
      expect(await send(json, Buffer.from(batchBody(1)))).toBe(200);
      expect(await send({ ...json, authorization: 'Basic bm9wZTo=' }, large)).toBe(401);
      expect(await send(json, Buffer.from(batchBody(1)))).toBe(200);
    } finally {
      agent.destroy();
    }
  });
});

describe('ingest bodies read straight from the socket', () => {
  /**
   * `body` posted to /v1/batch in chunks of `size` bytes, with no Content-Length (chunked);
   * `progress.sent` counts the bytes handed to the connection.
   */
  function postChunked(body: Buffer, size: number) {
    const progress = { sent: 0 };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (progress.sent >= body.length) return controller.close();
        controller.enqueue(body.subarray(progress.sent, progress.sent + size));
        progress.sent += size;
      },
    });
    const answer = fetch(`${server.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...ingestAuth() },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    return { answer, progress };
  }

  it('takes a batch sent in many small chunks without a length', async () => {
    const res = await postChunked(Buffer.from(batchBody(200)), 1_000).answer;
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 200, duplicates: 0, rejected: [] });
  });

  it('answers 413 to a chunked batch past 500 KB and stops reading it', async () => {
    const { answer, progress } = postChunked(Buffer.alloc(150 * 1024 * 1024, 0x20), 64 * 1024);
    const res = await answer;
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({
      error: { code: 'request_too_large', message: 'a batch request is limited to 500 KB' },
    });
    expect(progress.sent).toBeLessThan(150 * 1024 * 1024);
    // A single event's limit, by the length it declares.
    const fat = JSON.stringify({ ...track(), properties: { pad: 'y'.repeat(40_000) } });
    const single = await post('/v1/track', fat);
    expect(single.status).toBe(413);
    expect(await errorCode(single)).toBe('request_too_large');
  });

  it('stores nothing of a body whose sender went away before its end, and goes on serving', async () => {
    const events = Array.from({ length: 50 }, track);
    const body = Buffer.from(JSON.stringify({ batch: events }));
    await new Promise<void>((resolve) => {
      const url = new URL(`${server.url}/v1/batch`);
      const req = request({
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': String(body.length),
          ...ingestAuth(),
        },
      });
      req.on('error', () => resolve());
      req.write(body.subarray(0, body.length >> 1), () => setTimeout(() => req.destroy(), 50));
      req.on('close', () => resolve());
    });
    // The same events sent whole are new: none of the half-sent request was kept.
    const res = await post('/v1/batch', JSON.stringify({ batch: events }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ accepted: 50, duplicates: 0 });
  });
});
