import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Storage } from '../telemetry/storage/interface.ts';
import { createApp } from './app.ts';
import type { Config } from './config.ts';
import { startServices } from './service.ts';

/** Requests still running after this long at shutdown are cut off (their events are not acked). */
const SHUTDOWN_GRACE_MS = 10_000;

/** How often Node looks for connections past their header or request timeout. */
const CHECK_STALLED_MS = 1_000;

/** The service could not start for a reason the person starting it can fix. */
export class StartupError extends Error {}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Starts the HTTP service. On SIGTERM/SIGINT it stops accepting connections, lets the requests in
 * flight finish, commits everything queued and closes the database before exiting.
 */
export async function startServer(
  config: Config,
  options: { handleSignals?: boolean; storage?: Storage } = {},
): Promise<RunningServer> {
  const services = await startServices(config, options.storage);
  const app = createApp(services);
  const server = serve({
    fetch: app.fetch,
    port: config.port,
    hostname: config.host,
    // Stalled clients are checked for every second (Node's default is 30 s), so a thousand
    // connections that stop sending are closed within the timeouts, not half a minute later.
    serverOptions: {
      headersTimeout: config.timeouts.headersMs,
      requestTimeout: config.timeouts.requestMs,
      connectionsCheckingInterval: CHECK_STALLED_MS,
    },
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await services.shutdown();
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new StartupError(
        `port ${config.port} on ${config.host} is already in use; choose another with --port or PORT`,
      );
    }
    throw error;
  }
  const address = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const http = server as unknown as Server;
  let closing: Promise<void> | undefined;
  // Keep-alive clients that keep sending would hold close() open for ever: once closing, every
  // response tells its client to hang up, and idle sockets are closed as they go quiet.
  http.on('request', (_request, response) => {
    if (!closing) return;
    response.setHeader('Connection', 'close');
    response.once('finish', () => http.closeIdleConnections());
  });
  const close = () => {
    closing ??= (async () => {
      await new Promise<void>((resolve) => {
        const force = setTimeout(() => http.closeAllConnections(), SHUTDOWN_GRACE_MS);
        force.unref();
        http.close(() => {
          clearTimeout(force);
          resolve();
        });
        http.closeIdleConnections();
      });
      await services.shutdown();
    })();
    return closing;
  };
  if (options.handleSignals) {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      process.once(signal, () => {
        console.log(`\n${signal}: finishing requests in flight, committing queued events…`);
        close().then(
          () => {
            console.log('stopped cleanly');
            process.exit(0);
          },
          (error: unknown) => {
            console.error('shutdown failed:', error);
            process.exit(1);
          },
        );
      });
    }
  }
  return { url: `http://${host}:${address.port}`, close };
}
