/**
 * Realistic Segment track events for the ingest benchmark: a product's workflow telemetry with
 * properties and a browser/library context, about 500 bytes of JSON each.
 */

const EVENT_NAMES = [
  'Workflow Run Completed',
  'Workflow Run Failed',
  'Workflow Created',
  'Integration Connected',
  'Report Exported',
  'Seat Invited',
  'Automation Triggered',
  'Dashboard Viewed',
];
const STATUSES = ['success', 'success', 'success', 'failed', 'skipped'];
const TRIGGERS = ['schedule', 'webhook', 'manual', 'api'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-southeast-2'];
const USER_AGENT = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Chrome/126.0 Safari/537.36';

function trackEvent(run: string, n: number, now: number) {
  const workflow = `wf_${(n % 613).toString(36).padStart(4, '0')}`;
  return {
    type: 'track',
    messageId: `bench-${run}-${n}`,
    userId: `user-${n % 5_000}`,
    groupId: `account-${n % 250}`,
    event: EVENT_NAMES[n % EVENT_NAMES.length],
    timestamp: new Date(now - (n % 1_000)).toISOString(),
    properties: {
      workflowId: workflow,
      status: STATUSES[n % STATUSES.length],
      durationMs: 200 + ((n * 37) % 9_000),
      steps: 1 + (n % 12),
      trigger: TRIGGERS[n % TRIGGERS.length],
      region: REGIONS[n % REGIONS.length],
      retries: n % 3,
      billable: n % 4 !== 0,
    },
    context: {
      library: { name: 'analytics.js', version: '5.2.1' },
      ip: `203.0.113.${n % 250}`,
      locale: 'en-US',
      userAgent: USER_AGENT,
      page: { path: `/workflows/${workflow}` },
    },
  };
}

/** `batches` request bodies of `size` events each, serialized once up front; ids are unique per run. */
export function batchBodies(run: string, batches: number, size: number): Buffer[] {
  const now = Date.now();
  const bodies: Buffer[] = [];
  for (let b = 0; b < batches; b++) {
    const events = Array.from({ length: size }, (_, e) => trackEvent(run, b * size + e, now));
    bodies.push(
      Buffer.from(JSON.stringify({ batch: events, sentAt: new Date(now).toISOString() })),
    );
  }
  return bodies;
}
