/**
 * Examples of the value API's answers, cut down from real answers for the demo's acme-corp account
 * (test/widget/fixtures, recorded by test/widget/fixtures/record.ts): the OpenAPI document shows them,
 * and test/server/openapi.test.ts checks each against its schema.
 */
export const summaryExample = {
  account: 'acme-corp',
  currency: 'USD',
  modelVersion: 1,
  period: { from: '2026-08-30', to: '2026-11-27' },
  previousPeriod: { from: '2026-06-01', to: '2026-08-29' },
  total: { money: 898871.71, previous: { money: 355296.83 }, modelled: 705989.75 },
  drivers: [
    {
      id: 'automation_hours',
      label: 'Time saved by automated workflows',
      category: 'efficiency',
      basis: 'modelled',
      unit: { singular: 'hour', plural: 'hours' },
      feature: 'Automations',
      quantity: 18611,
      value: 4652.75,
      money: 255901.25,
      events: 18611,
      previous: { quantity: 7016, value: 1754, money: 96470 },
      formula: {
        quantity: { kind: 'count', event: 'Workflow Run Completed' },
        where: [{ property: 'status', op: 'eq', value: 'success' }],
        factors: [
          { kind: 'per_unit', value: 0.25, unit: { singular: 'hour', plural: 'hours' } },
          {
            kind: 'rate',
            id: 'hourly_rate',
            label: 'Loaded cost of one hour of staff time',
            unit: 'USD/hour',
            value: 55,
          },
        ],
      },
      moneyPerUnit: 55,
      event: 'Workflow Run Completed',
      assumptions: [
        {
          id: 'hourly_rate',
          label: 'Loaded cost of one hour of staff time',
          unit: 'USD/hour',
          value: 55,
          source: 'default',
        },
      ],
    },
  ],
  price: { annual: 180000, period: 44383.561643835616, trait: 'arr' },
  roi: { multiple: 20.252356429012345 },
  payback: { days: 19 },
  promises: [
    {
      driver: 'automation_hours',
      target: 12000,
      from: '2026-05-31',
      to: '2027-05-30',
      label: '12,000 hours saved in the first year',
      unit: { singular: 'hour', plural: 'hours' },
      realized: 6406.75,
      share: 0.5338958333333333,
      expectedByNow: 5950.684931506849,
      status: 'ahead',
      projected: 12919.689226519336,
    },
  ],
  dataStatus: { state: 'ok', firstDay: '2026-06-01', lastDay: '2026-11-26' },
};
export const seriesExample = {
  account: 'acme-corp',
  currency: 'USD',
  grain: 'week',
  period: { from: '2026-08-30', to: '2026-11-27' },
  series: [
    {
      driver: 'automation_hours',
      unit: { singular: 'hour', plural: 'hours' },
      points: [
        { bucket: '2026-11-16', quantity: 1479, value: 369.75, money: 20336.25, events: 1479 },
        { bucket: '2026-11-23', quantity: 1102, value: 275.5, money: 15152.5, events: 1102 },
      ],
    },
  ],
  total: [
    { bucket: '2026-11-16', money: 72360 },
    { bucket: '2026-11-23', money: 51608.72 },
  ],
  pace: [
    { bucket: '2026-11-16', money: 22246.575342465752 },
    { bucket: '2026-11-23', money: 15890.41095890411 },
  ],
};
export const breakdownExample = {
  account: 'acme-corp',
  currency: 'USD',
  period: { from: '2026-08-30', to: '2026-11-27' },
  by: 'team',
  contributions: [
    { key: 'Quality', money: 342826.25, share: 0.381396195014303 },
    { key: 'Finance', money: 266243.20999999996, share: 0.29619711805147364 },
    { key: 'IT', money: 120951.5, share: 0.13455924650248477 },
  ],
};
export const explainExample = {
  account: 'acme-corp',
  currency: 'USD',
  measure: 'money',
  period: { from: '2026-08-30', to: '2026-11-27' },
  comparePeriod: { from: '2026-06-01', to: '2026-08-29' },
  total: {
    current: 898871.71,
    previous: 355296.83,
    delta: 543574.8799999999,
    deltaShare: 1.529917618460035,
  },
  dimensions: [
    {
      by: 'team',
      contributions: [
        {
          segment: 'Quality',
          current: 342826.25,
          previous: 157911.25,
          delta: 184915,
          shareOfChange: 0.3401831225166256,
        },
        {
          segment: 'Finance',
          current: 266243.20999999996,
          previous: 94478.83,
          delta: 171764.37999999995,
          shareOfChange: 0.31599028270033375,
        },
      ],
    },
  ],
};
export const forecastExample = {
  account: 'acme-corp',
  currency: 'USD',
  measure: 'money',
  asOf: '2026-11-22',
  horizon: { to: '2027-02-25' },
  history: [
    { bucket: '2026-11-09', value: 74060.49 },
    { bucket: '2026-11-16', value: 72360 },
  ],
  fit: {
    from: '2026-09-07',
    to: '2026-11-16',
    weeks: 11,
    changeAt: '2026-09-07',
    method: 'level',
  },
  forecast: [
    {
      bucket: '2026-11-23',
      value: 70874.06363636363,
      low: 67389.91361322266,
      high: 74358.2136595046,
    },
    {
      bucket: '2026-11-30',
      value: 70874.06363636363,
      low: 67247.64531625778,
      high: 74500.48195646948,
    },
  ],
  pace: [
    { bucket: '2026-11-23', money: 22246.575342465752 },
    { bucket: '2026-11-30', money: 22246.575342465752 },
  ],
  projected: {
    value: 992236.8909090905,
    low: 926457.9017738462,
    high: 1058015.8800443353,
    from: '2026-11-23',
    to: '2027-02-25',
  },
  dataStatus: { state: 'ok' },
};
export const cutsExample = {
  account: 'acme-corp',
  period: { from: '2026-06-01', to: '2026-11-26' },
  segments: [
    { id: 'team', label: 'Team', values: ['Quality', 'Finance', 'IT'] },
    { id: 'workspace', label: 'Workspace', values: ['North America', 'EMEA', 'APAC'] },
    { id: 'feature', values: ['Compliance checks', 'Automations', 'Collections'] },
  ],
  drivers: [
    {
      id: 'automation_hours',
      label: 'Time saved by automated workflows',
      category: 'efficiency',
      basis: 'modelled',
      unit: { singular: 'hour', plural: 'hours' },
    },
    {
      id: 'reporting_hours',
      label: 'Time saved on building reports',
      category: 'efficiency',
      basis: 'modelled',
      unit: { singular: 'hour', plural: 'hours' },
    },
  ],
};
export const assumptionsExample = {
  account: 'acme-corp',
  assumptions: [
    {
      id: 'hourly_rate',
      label: 'Loaded cost of one hour of staff time',
      unit: 'USD/hour',
      value: 55,
      source: 'default',
      min: 10,
      max: 500,
      customerEditable: true,
      default: 55,
      sourceNote:
        'A demo default, not a study: roughly what an hour of an office employee costs in the US once salary, benefits and overhead are counted. Replace it with your own figure.',
    },
  ],
  history: [],
};
export const storyExample = {
  account: 'acme-corp',
  period: { from: '2026-08-30', to: '2026-11-27' },
  locale: 'en',
  headline: {
    text: 'This quarter you saved 5,390 hours — about $900K, 20× what you pay.',
    facts: [
      {
        id: 'money',
        label: 'Value realized',
        value: 898871.71,
        unit: { kind: 'money', currency: 'USD' },
        estimated: true,
        provenance: {
          driver: 'total',
          period: { from: '2026-08-30', to: '2026-11-27' },
          query: '/v1/value/summary?from=2026-08-30&to=2026-11-27',
        },
        formatted: '$900K',
      },
      {
        id: 'amount',
        label: 'Time saved',
        value: 5390,
        unit: { kind: 'count', singular: 'hour', plural: 'hours' },
        estimated: false,
        provenance: {
          driver: 'total',
          period: { from: '2026-08-30', to: '2026-11-27' },
          query: '/v1/value/summary?from=2026-08-30&to=2026-11-27',
        },
        formatted: '5,390 hours',
      },
      {
        id: 'multiple',
        label: 'Times what you pay',
        value: 20.252356429012345,
        unit: { kind: 'ratio' },
        estimated: true,
        provenance: {
          driver: 'total',
          period: { from: '2026-08-30', to: '2026-11-27' },
          query: '/v1/value/summary?from=2026-08-30&to=2026-11-27',
        },
        formatted: '20×',
      },
    ],
  },
  chapters: [
    {
      id: 'outcome',
      title: 'Your results',
      insights: [
        {
          id: 'period_change:total',
          type: 'period_change',
          score: 1,
          drivers: ['total'],
          params: { direction: 'up', period: 'quarter' },
          facts: [
            {
              id: 'current',
              label: 'Value this period',
              value: 898871.71,
              unit: { kind: 'money', currency: 'USD' },
              estimated: true,
              provenance: {
                driver: 'total',
                period: { from: '2026-08-30', to: '2026-11-27' },
                query: '/v1/value/summary?from=2026-08-30&to=2026-11-27',
              },
              formatted: '$900K',
            },
            {
              id: 'previous',
              label: 'Value the period before',
              value: 355296.83,
              unit: { kind: 'money', currency: 'USD' },
              estimated: true,
              provenance: {
                driver: 'total',
                period: { from: '2026-06-01', to: '2026-08-29' },
                query: '/v1/value/summary?from=2026-06-01&to=2026-08-29',
              },
              formatted: '$360K',
            },
            {
              id: 'change',
              label: 'Change against the period before',
              value: 1.529917618460035,
              unit: { kind: 'percent' },
              estimated: false,
              provenance: {
                driver: 'total',
                period: { from: '2026-08-30', to: '2026-11-27' },
                query: '/v1/value/summary?from=2026-08-30&to=2026-11-27',
              },
              formatted: '153%',
            },
          ],
          text: 'Your value this quarter is about $900K, 153% more than last quarter.',
          question: 'Why did it change?',
        },
      ],
    },
  ],
  notices: [],
  dataStatus: { state: 'ok', firstDay: '2026-06-01', lastDay: '2026-11-26' },
  generatedAt: '2026-11-27T00:16:43.243Z',
  modelVersion: 1,
};

// The vendor's side and the service's own routes: small, written out.

const createdAt = '2026-06-01T09:30:12.418Z';

export const writeKeyInfoExample = {
  id: 'key_8f3k2m9q4w',
  prefix: 'vp_wk_7Hq2',
  createdAt,
  revokedAt: null,
};

export const sourceExample = {
  id: 'src_3k9w2m7q1x',
  name: 'Web app',
  createdAt,
  keys: [writeKeyInfoExample],
};

export const createdSourceExample = {
  id: 'src_3k9w2m7q1x',
  name: 'Web app',
  createdAt,
  keyId: 'key_8f3k2m9q4w',
  writeKey: 'vp_wk_7Hq2xN0cT5fLw8RbY1sKdE3u',
};

export const createdKeyExample = {
  ...writeKeyInfoExample,
  writeKey: createdSourceExample.writeKey,
};

export const inventoryExample = {
  totals: { events: 122_834, duplicates: 12, quarantined: 3 },
  events: [
    {
      name: 'Workflow Run Completed',
      type: 'track',
      count: 61_207,
      accounts: 6,
      users: 214,
      firstSeen: '2026-06-01T08:02:11.000Z',
      lastSeen: '2026-11-26T21:58:40.000Z',
      properties: [
        { key: 'status', types: ['string'], fillRate: 1 },
        { key: 'team', types: ['string'], fillRate: 0.98 },
      ],
    },
  ],
  quarantine: { reasons: [{ code: 'missing_identity', count: 3 }] },
};

export const quarantineExample = {
  events: [
    {
      id: '5f1c2a8e-3b7d-4c9a-8e21-6d4b0a9f7c13',
      sourceId: 'src_3k9w2m7q1x',
      receivedAt: '2026-11-26T14:03:55.120Z',
      code: 'missing_identity',
      message: 'every event needs a userId or an anonymousId',
      path: 'userId',
      raw: '{"type":"track","event":"Workflow Run Completed","groupId":"acme-corp"}',
    },
  ],
};

const modelExample = {
  product: 'Acme Flow',
  currency: 'USD',
  price: { trait: 'arr' },
  assumptions: [
    {
      id: 'hourly_rate',
      label: 'Loaded cost of one hour of staff time',
      unit: 'USD/hour',
      default: 55,
      min: 10,
      max: 500,
      customerEditable: true,
      source: 'Roughly what an hour of an office employee costs once benefits are counted.',
    },
  ],
  drivers: [
    {
      id: 'automation_hours',
      label: 'Time saved by automated workflows',
      category: 'efficiency',
      event: 'Workflow Run Completed',
      where: [{ property: 'status', op: 'eq', value: 'success' }],
      quantity: { count: true },
      perUnit: 0.25,
      unit: { singular: 'hour', plural: 'hours' },
      rates: ['hourly_rate'],
      feature: 'Automations',
      goodDirection: 'up',
    },
  ],
  segments: [{ id: 'team', label: 'Team', property: 'team' }],
};

export const storedModelExample = { version: 3, model: modelExample, createdAt };

export const publishedModelExample = {
  ...storedModelExample,
  warnings: [
    {
      path: 'drivers[0].event',
      message:
        'no "Workflow Run Completed" events have arrived yet, so this driver shows zero until they do',
    },
  ],
};

export const modelVersionsExample = {
  versions: [
    { version: 3, createdAt, product: 'Acme Flow', drivers: 5 },
    { version: 2, createdAt: '2026-05-20T16:12:40.002Z', product: 'Acme Flow', drivers: 4 },
  ],
};

export const accountPromisesExample = {
  accountId: 'acme-corp',
  promises: [
    {
      driver: 'automation_hours',
      target: 12_000,
      from: '2026-05-31',
      to: '2027-05-30',
      label: '12,000 hours saved in the first year',
    },
  ],
};

export const assumptionChangedExample = {
  ...assumptionsExample,
  change: { id: 'hourly_rate', value: 62, userId: 'acme-corp-u1', changedAt: createdAt },
};

export const serviceIndexExample = {
  service: 'Valueprint',
  health: '/healthz',
  docs: '/docs',
  openapi: '/openapi.json',
  widget: '/widget/valueprint.js',
};

export const demoSessionExample = {
  token: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.…',
  expiresAt: '2026-12-03T10:30:00.000Z',
  account: { id: 'acme-corp', name: 'Acme Corp' },
};

/** One error body per status, as the routes answer them. */
export const errorExamples = {
  400: { code: 'invalid_period', message: 'from (2026-12-01) is after to (2026-11-01)' },
  401: {
    code: 'unauthorized',
    message:
      'the embed token expired; the host page should fetch a new one from its backend (POST /v1/embed/sessions)',
  },
  403: {
    code: 'forbidden',
    message: 'this needs an embed token with role "editor"; this one is "viewer"',
  },
  404: { code: 'not_found', message: 'there is no source with id src_nope' },
  409: {
    code: 'no_value_model',
    message: 'the vendor has not published a value model yet, so there is no value to show',
  },
  413: { code: 'request_too_large', message: 'a batch request is limited to 500 KB' },
  415: {
    code: 'unsupported_media_type',
    message: 'send the body as application/json, not text/csv',
  },
  429: {
    code: 'rate_limited',
    message:
      'this write key sent more than its 5,000 events per second (bursts up to 50,000); retry after 2 s',
  },
  503: { code: 'overloaded', message: 'ingest is saturated; retry after the delay in Retry-After' },
} as const;
