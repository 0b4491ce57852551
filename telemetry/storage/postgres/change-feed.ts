import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { z } from 'zod';
import type { StoreChange, StoreChanges } from '../interface.ts';

/** What a process announces: who it is, and the change. */
const messageSchema = z.object({
  origin: z.string(),
  change: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('events'), accounts: z.array(z.string().nullable()) }),
    z.object({ kind: z.literal('facts'), accounts: z.array(z.string()) }),
    z.object({ kind: z.literal('account'), accountId: z.string() }),
    z.object({ kind: z.literal('model') }),
    z.object({ kind: z.literal('all') }),
  ]),
});

/** The channel every process of one database announces its changes on. */
const CHANNEL = 'valueprint_changes';
/** NOTIFY takes payloads under 8,000 bytes: a change that does not fit goes as `all`. */
const MAX_PAYLOAD_BYTES = 7_900;
/** How long a lost listening connection waits before it connects again. */
const RECONNECT_MS = 1_000;

/** A statement and its parameters. */
export interface Announcement {
  sql: string;
  params: string[];
}

/**
 * Changes between the service processes that share one database, over LISTEN/NOTIFY: a store
 * announces a change inside the transaction that makes it (PostgreSQL delivers it when that
 * commits, and not at all when it rolls back), and every other process hears it on a connection
 * of its own. A process skips what it announced itself. When that connection is lost, changes may
 * have been missed: once it is back, listeners hear `all`.
 */
export class ChangeFeed implements StoreChanges {
  /** This process, as its announcements name it. */
  private readonly origin = randomUUID();
  private readonly listeners = new Set<(change: StoreChange) => void>();
  private client: pg.Client | undefined;
  private connecting: Promise<void> | undefined;
  private retry: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly config: pg.ClientConfig) {}

  /** What to run in the changing transaction so the other processes hear of the change. */
  announcement(change: StoreChange): Announcement {
    const { channel, payload } = this.notification(change);
    return { sql: 'SELECT pg_notify($1, $2)', params: [channel, payload] };
  }

  /** `pg_notify`'s two arguments for the change. */
  notification(change: StoreChange): { channel: string; payload: string } {
    let payload = JSON.stringify({ origin: this.origin, change });
    if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES)
      payload = JSON.stringify({ origin: this.origin, change: { kind: 'all' } });
    return { channel: CHANNEL, payload };
  }

  subscribe(listener: (change: StoreChange) => void): () => void {
    this.listeners.add(listener);
    void this.listen();
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Resolves once this process listens (tests wait for it before another process announces). */
  listening(): Promise<void> {
    return this.listen();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    await this.connecting?.catch(() => undefined);
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }

  private listen(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.connect(false).finally(() => {
      this.connecting = undefined;
    });
    return this.connecting;
  }

  private async connect(again: boolean): Promise<void> {
    const client = new pg.Client(this.config);
    client.on('notification', (message) => this.heard(message.payload));
    client.on('error', (error) => {
      console.error('the PostgreSQL change feed lost its connection:', error.message);
    });
    client.on('end', () => {
      if (this.client !== client || this.closed) return;
      this.client = undefined;
      this.reconnectSoon();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      console.error(
        'the PostgreSQL change feed cannot listen (tried again shortly):',
        (error as Error).message,
      );
      this.reconnectSoon();
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Whatever was announced while no connection listened is unknown: read everything again.
    if (again) this.emit({ kind: 'all' });
  }

  private reconnectSoon(): void {
    if (this.closed || this.retry) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.connecting ??= this.connect(true).finally(() => {
        this.connecting = undefined;
      });
    }, RECONNECT_MS);
    this.retry.unref();
  }

  private heard(payload: string | undefined): void {
    let text: unknown;
    try {
      text = JSON.parse(payload ?? '');
    } catch {
      return;
    }
    const message = messageSchema.safeParse(text);
    if (!message.success || message.data.origin === this.origin) return;
    this.emit(message.data.change);
  }

  private emit(change: StoreChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        console.error('a listener to store changes failed:', error);
      }
    }
  }
}
