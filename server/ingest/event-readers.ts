import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { ApiError } from '../errors.ts';
import type { ReadMessage, ReadReply } from './event-reader-thread.ts';
import { fromWire } from './event-wire.ts';
import { type EventsRead, type EventsRequest, readEvents } from './read-events.ts';

/**
 * Threads that read ingest requests (decompress, parse, validate, normalize: ~20 µs an event)
 * while the main thread serves HTTP and commits. On one thread all of it shared the event loop
 * with the commits, and every step of a commit waited behind the requests being parsed.
 *
 * Sized by VALUEPRINT_INGEST_THREADS (default: one less than the CPUs, 1 to 4); 0 reads on the
 * main thread. A thread that dies fails the requests it held (503, retry) and is replaced on the
 * next request. The threads do not keep the process alive.
 */
export class EventReaders {
  private readonly threads: Thread[] = [];
  private nextId = 1;

  constructor(readonly size: number) {}

  /** Starts the threads now, so the first requests do not wait for them. */
  warm(): void {
    while (this.threads.length < this.size) this.threads.push(this.start());
  }

  /** `keepBody`: the caller still needs the body's bytes (the ingest journal keeps them), so they are copied, not moved. */
  read(request: EventsRequest, options: { keepBody?: boolean } = {}): Promise<EventsRead> {
    if (this.size === 0) return Promise.resolve(readEvents(request));
    this.warm();
    const thread = this.threads.reduce((least, candidate) =>
      candidate.pending.size < least.pending.size ? candidate : least,
    );
    const id = this.nextId++;
    return new Promise<EventsRead>((resolve, reject) => {
      thread.pending.set(id, { resolve, reject });
      const { body } = request;
      // The body's bytes move to the thread rather than being copied, when they are its own.
      const movable =
        !options.keepBody &&
        body.buffer instanceof ArrayBuffer &&
        body.byteOffset === 0 &&
        body.byteLength === body.buffer.byteLength;
      const message: ReadMessage = { id, request };
      thread.worker.postMessage(message, movable ? [body.buffer as ArrayBuffer] : []);
    });
  }

  /** Stops the threads (tests; a serving process just exits). */
  async close(): Promise<void> {
    await Promise.all(this.threads.splice(0).map((thread) => thread.worker.terminate()));
  }

  private start(): Thread {
    const worker = new Worker(new URL('./event-reader-worker.js', import.meta.url));
    const thread: Thread = { worker, pending: new Map() };
    worker.on('message', ({ id, read, failure }: ReadReply) => {
      const waiting = thread.pending.get(id);
      if (!waiting) return;
      thread.pending.delete(id);
      if (!read) {
        waiting.reject(new Error(`reading the events failed: ${failure}`));
        return;
      }
      try {
        waiting.resolve(fromWire(read));
      } catch (error) {
        waiting.reject(error);
      }
    });
    const lost = (cause: unknown) => {
      const index = this.threads.indexOf(thread);
      if (index !== -1) this.threads.splice(index, 1);
      for (const waiting of thread.pending.values()) {
        waiting.reject(
          new ApiError(503, 'unavailable', 'the service could not read this request; retry', {
            retryAfterSeconds: 1,
            cause,
          }),
        );
      }
      thread.pending.clear();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`the reader thread exited with ${code}`)));
    // After the listeners: adding a 'message' listener holds the process open again.
    worker.unref();
    return thread;
  }
}

interface Thread {
  worker: Worker;
  pending: Map<number, { resolve: (read: EventsRead) => void; reject: (error: unknown) => void }>;
}

/** Threads by default: one less than the CPUs (the main thread has the rest), 1 to 4. */
export function defaultReaderThreads(): number {
  return Math.max(1, Math.min(4, availableParallelism() - 1));
}

const shared = new Map<number, EventReaders>();

/** One set of reader threads per size in a process, however many services it starts (tests). */
export function sharedEventReaders(size: number): EventReaders {
  let readers = shared.get(size);
  if (!readers) {
    readers = new EventReaders(size);
    shared.set(size, readers);
  }
  return readers;
}
