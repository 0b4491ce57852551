import { randomBytes } from 'node:crypto';
import { openStorage } from '../../telemetry/storage/open.ts';
import { DEMO_SOURCE, type PreparedDemo, prepareDemo } from '../demo.ts';
import { startServer } from '../serve.ts';
import { configFrom, parse, UsageError } from './args.ts';

/** Starts the service; with --demo, also a generated secret key, a demo source and a guide. */
export async function serveCommand(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<number> {
  const { values } = parse(args, {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    demo: { type: 'boolean', default: false },
  });
  const config = configFrom(env, values);
  const demo = values.demo === true;
  config.demoHost = demo;
  // The demo's webhooks go to a receiver on this machine (examples/webhook-receiver).
  if (demo) config.allowLocalWebhooks = true;
  if (demo && config.allowedOrigins.length === 0) {
    // The demo host page is served by this process, so its own origin may call the value API.
    config.allowedOrigins = [`http://localhost:${config.port}`, `http://127.0.0.1:${config.port}`];
  }
  if (!config.secretKey) {
    if (!demo) {
      throw new UsageError(
        'VALUEPRINT_SECRET_KEY is not set. Set it to a long random string (it guards the admin API), ' +
          'or run `valueprint serve --demo` to generate one for a local demo.',
      );
    }
    config.secretKey = `vp_sk_${randomBytes(24).toString('base64url')}`;
  }
  // Opened once: the demo is prepared on the store the service then runs on (`memory:` too).
  const storage = await openStorage({ location: config.databasePath });
  let prepared: PreparedDemo | undefined;
  try {
    prepared = demo ? await prepareDemo(storage, (line) => console.log(line)) : undefined;
  } catch (error) {
    await storage.close();
    throw error;
  }
  const server = await startServer(config, { handleSignals: true, storage });
  console.log(`Valueprint is listening on ${server.url}  (database: ${config.databasePath})`);
  if (demo)
    console.log(`  demo page:  ${server.url}/   (Acme Flow's Value page, embedding the dashboard)`);
  console.log(
    demo
      ? `  rep console: ${server.url}/rep   (signs in the demo success manager, Sam Rivera)`
      : `  rep console: ${server.url}/rep#token=<rep token from POST /v1/rep/sessions>`,
  );
  console.log(`  health:     ${server.url}/healthz`);
  console.log(`  API docs:   ${server.url}/docs   (OpenAPI: ${server.url}/openapi.json)`);
  console.log(
    `  secret key: ${config.secretKey}${env.VALUEPRINT_SECRET_KEY ? ' (from VALUEPRINT_SECRET_KEY)' : ' (generated for this run)'}`,
  );
  if (prepared) printDemoGuide(server.url, config.secretKey, prepared);
  if (demo) printDemoWarning(config.host);
  return 0;
}

/**
 * Said last and loudly: the demo page's backend mints editor tokens for anyone who opens it, with
 * no sign-in, so a demo must never be reachable from other machines.
 */
function printDemoWarning(host: string): void {
  const local = host === '127.0.0.1' || host === 'localhost' || host === '::1';
  console.log(
    [
      '',
      '!! DEMO MODE: the page at / hands out editor tokens for every demo customer to whoever opens it,',
      '!! with no credentials. Run it on your own machine only.',
      local
        ? `!! It listens on ${host} only (other machines cannot reach it); keep it that way.`
        : `!! It listens on ${host}, so other machines CAN reach it: use HOST=127.0.0.1 unless you mean it.`,
    ].join('\n'),
  );
}

/** What a newcomer can paste: send an event, see the inventory, and each demo account's value. */
function printDemoGuide(url: string, secretKey: string, demo: PreparedDemo): void {
  console.log(`  demo source "${DEMO_SOURCE}" write key: ${demo.writeKey}`);
  console.log(`\nSend a first event:\n  curl -u '${demo.writeKey}:' -H 'Content-Type: application/json' \\
    -d '{"userId":"acme-corp-u1","groupId":"acme-corp","event":"Workflow Run Completed","properties":{"status":"success"}}' \\
    ${url}/v1/track`);
  console.log(
    `See what arrived:\n  curl -H 'Authorization: Bearer ${secretKey}' ${url}/v1/admin/inventory`,
  );
  console.log(
    "\nEach demo customer's value (mint a 15-minute embed token, then ask for the summary):",
  );
  for (const account of demo.accounts) {
    const session = JSON.stringify({
      accountId: account.id,
      userId: account.userId,
      role: 'editor',
    });
    console.log(
      `  ${account.name}:\n    TOKEN=$(curl -s -H 'Authorization: Bearer ${secretKey}' -H 'Content-Type: application/json' ` +
        `-d '${session}' ${url}/v1/embed/sessions | node -pe 'JSON.parse(require("fs").readFileSync(0)).token') && ` +
        `curl -s -H "Authorization: Bearer $TOKEN" ${url}/v1/value/summary`,
    );
  }
}
