// A thread that reads ingest requests (see event-readers.ts). The reader is TypeScript: tsx
// compiles it here as it does for the service, so the thread needs no build step either.
import { register } from 'tsx/esm/api';

register();
await import('./event-reader-thread.ts');
