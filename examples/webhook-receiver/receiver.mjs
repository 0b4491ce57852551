// A webhook receiver for Valueprint's Standard Webhooks deliveries: plain node:http, no
// dependencies. It verifies each signature on the RAW body before it parses anything, refuses
// stale timestamps (replays), drops ids it has seen (retries of an event it already handled),
// and turns an event into a CRM task.
//
//   VALUEPRINT_WEBHOOK_SECRET=whsec_… node examples/webhook-receiver/receiver.mjs   (port 8788)

import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';

/** How far a delivery's timestamp may be from this machine's clock, either way. */
export const TOLERANCE_SECONDS = 5 * 60;
/** A body larger than this is not a Valueprint delivery (they are under 20 KB). */
const MAX_BODY_BYTES = 64 * 1024;

/**
 * Whether the headers carry a valid signature of exactly these body bytes, made within the
 * tolerance. Returns null when it does, or why not.
 */
export function verify(secret, headers, rawBody, nowSeconds = Math.floor(Date.now() / 1000)) {
  const id = headers['webhook-id'];
  const timestamp = headers['webhook-timestamp'];
  const signatures = headers['webhook-signature'];
  if (!id || !timestamp || !signatures) return 'missing webhook-id, -timestamp or -signature';
  if (!/^\d+$/.test(timestamp)) return 'webhook-timestamp is not Unix seconds';
  if (Math.abs(nowSeconds - Number(timestamp)) > TOLERANCE_SECONDS)
    return 'timestamp too old or too new';
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  // Sign the bytes received, never a re-serialization of the parsed JSON.
  const signed = Buffer.concat([Buffer.from(`${id}.${timestamp}.`), rawBody]);
  const expected = Buffer.from(`v1,${createHmac('sha256', key).update(signed).digest('base64')}`);
  const matches = signatures.split(' ').some((candidate) => {
    const given = Buffer.from(candidate);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? null : 'no signature matches';
}

/** What a CRM would get for an event: a task for the account's success manager. */
export function crmTaskFor(event) {
  if (event.type === 'offer.accepted') {
    const { accountId, offerId, projected } = event.data;
    return {
      subject: `${accountId} accepted "${offerId}"`,
      account: accountId,
      due: event.timestamp,
      body: `Projected ${Math.round(projected.annual)} a year (${projected.basis}). Help them set it up.`,
    };
  }
  if (event.type === 'handoff.created') {
    // A customer asked for their success manager. The brief says what they explored,
    // prioritized, learned and discarded; a large one comes as a signed link instead.
    const { handoff, brief, briefUrl } = event.data;
    const notes = brief ? briefNotes(brief) : [`Brief: ${briefUrl}`];
    return {
      subject: `${handoff.accountId} asks about "${handoff.topic.label}" (${handoff.channel}${handoff.when ? `, ${handoff.when.replaceAll('_', ' ')}` : ''})`,
      account: handoff.accountId,
      due: event.timestamp,
      body: [handoff.message, '', ...notes].join('\n'),
      reference: handoff.id,
    };
  }
  if (event.type === 'handoff.updated' || event.type === 'handoff.replied') {
    // The same task moves on: found by the hand-off's id, its status follows the rep's.
    const { handoff, reply } = event.data;
    return {
      subject: `${handoff.accountId}: hand-off ${handoff.status}`,
      account: handoff.accountId,
      due: event.timestamp,
      body: reply ? `${reply.rep.name} answered: ${reply.message}` : `Status: ${handoff.status}`,
      reference: handoff.id,
    };
  }
  return null;
}

/** The brief as lines of a CRM note: the facts as the service formatted them, never recomputed. */
export function briefNotes(brief) {
  const lines = [];
  if (brief.value)
    lines.push(
      `Value, ${brief.value.period.from} to ${brief.value.period.to}: ${brief.value.total.formatted ?? brief.value.total.value}`,
    );
  if (brief.story) lines.push(`Their story: ${brief.story.headline}`);
  const journey = brief.journey;
  if (journey) {
    const looked = journey.explored.sections.map((entry) => entry.section);
    if (looked.length > 0) lines.push(`Explored: ${looked.join(', ')}`);
    const plans = journey.prioritized.plans.map((plan) => plan.name);
    if (plans.length > 0) lines.push(`Prioritized plans: ${plans.join(', ')}`);
    const dismissed = journey.discarded.offers.map((offer) => `${offer.offerId} (${offer.reason})`);
    if (dismissed.length > 0) lines.push(`Discarded offers: ${dismissed.join(', ')}`);
  }
  for (const plan of brief.scenarios ?? []) {
    const run = plan.planRunRate.formatted ?? plan.planRunRate.value;
    lines.push(`Plan "${plan.name}": ${run} a year${plan.topic ? ' (what they ask about)' : ''}`);
  }
  return lines;
}

/** A receiver on `port`; `onTask` gets each verified event's task. Resolves with the server. */
export function startReceiver({ secret, port = 8788, host = '127.0.0.1', onTask = console.log }) {
  const seen = new Set();
  const server = createServer((request, response) => {
    const chunks = [];
    let size = 0;
    request.on('data', (chunk) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const problem = verify(secret, request.headers, raw);
      if (problem) {
        response.writeHead(401, { 'content-type': 'text/plain' }).end(problem);
        return;
      }
      const id = request.headers['webhook-id'];
      // A retry of an event already handled: acknowledge it, do nothing twice.
      if (!seen.has(id)) {
        seen.add(id);
        const task = crmTaskFor(JSON.parse(raw.toString('utf8')));
        if (task) onTask(task, id);
      }
      response.writeHead(204).end();
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const secret = process.env.VALUEPRINT_WEBHOOK_SECRET;
  if (!secret) {
    console.error('set VALUEPRINT_WEBHOOK_SECRET to the whsec_… secret the endpoint was given');
    process.exit(1);
  }
  const port = Number(process.env.PORT ?? 8788);
  const server = await startReceiver({ secret, port });
  const { port: bound } = server.address();
  console.log(
    `listening on http://127.0.0.1:${bound}/ — register it with VALUEPRINT_ALLOW_LOCAL_WEBHOOKS=1`,
  );
}
