import { parentPort } from 'node:worker_threads';
import { toWire, type WireRead } from './event-wire.ts';
import { type EventsRequest, readEvents } from './read-events.ts';

/** One message in: a request to read, with its id. One message out: what reading gave. */
export interface ReadMessage {
  id: number;
  request: EventsRequest;
}
export interface ReadReply {
  id: number;
  read?: WireRead;
  /** An unexpected failure (a bug): the request is answered 500 and the thread lives on. */
  failure?: string;
}

const port = parentPort;
if (!port) throw new Error('event-reader-thread runs as a worker thread');
port.on('message', ({ id, request }: ReadMessage) => {
  let reply: ReadReply;
  try {
    reply = { id, read: toWire(readEvents(request)) };
  } catch (error) {
    reply = {
      id,
      failure: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
  }
  port.postMessage(reply);
});
