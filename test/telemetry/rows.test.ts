import { describe, expect, it } from 'vitest';
import { isTextColumn, rowToEvent } from '../../telemetry/import/rows.ts';

/** One CSV or Parquet row, as DuckDB's JS conversion hands it over, and the event it becomes. */
const cases: Array<{ name: string; row: Record<string, unknown>; event: Record<string, unknown> }> =
  [
    {
      name: 'Segment-named columns fill the Segment fields',
      row: {
        type: 'track',
        messageId: 'm1',
        userId: 'u1',
        groupId: 'acme',
        event: 'Run',
        timestamp: '2024-05-01T10:00:00Z',
      },
      event: {
        type: 'track',
        messageId: 'm1',
        userId: 'u1',
        groupId: 'acme',
        event: 'Run',
        timestamp: '2024-05-01T10:00:00Z',
      },
    },
    {
      name: 'snake_case, spaced, dashed and upper-case column names are recognised',
      row: {
        message_id: 'm1',
        'User ID': 'u1',
        'anonymous-id': 'a1',
        ACCOUNT_ID: 'acme',
        event_name: 'Run',
        sent_at: '2024-05-01T10:00:01Z',
      },
      event: {
        type: 'track',
        messageId: 'm1',
        userId: 'u1',
        anonymousId: 'a1',
        groupId: 'acme',
        event: 'Run',
        sentAt: '2024-05-01T10:00:01Z',
      },
    },
    {
      name: 'a row without a type is a track event',
      row: { userId: 'u1', event: 'Run' },
      event: { type: 'track', userId: 'u1', event: 'Run' },
    },
    {
      name: 'other columns become properties of a track event, numbers staying numbers',
      row: { userId: 'u1', event: 'Run', plan: 'pro', seats: 5, price: 12.5, trial: false },
      event: {
        type: 'track',
        userId: 'u1',
        event: 'Run',
        properties: { plan: 'pro', seats: 5, price: 12.5, trial: false },
      },
    },
    {
      name: 'other columns become traits of identify and group events',
      row: { type: 'group', userId: 'u1', groupId: 'acme', plan: 'pro', seats: 25 },
      event: {
        type: 'group',
        userId: 'u1',
        groupId: 'acme',
        traits: { plan: 'pro', seats: 25 },
      },
    },
    {
      name: 'properties cells of an identify row are its traits, not dropped',
      row: {
        type: 'identify',
        userId: 'u1',
        properties: '{"role":"admin"}',
        'properties.seats': 250,
        'traits.plan': 'pro',
      },
      event: { type: 'identify', userId: 'u1', traits: { role: 'admin', seats: 250, plan: 'pro' } },
    },
    {
      name: 'traits cells of a track row are its properties; its own properties win a clash',
      row: {
        userId: 'u1',
        event: 'Run',
        'traits.plan': 'free',
        'traits.region': 'eu',
        'properties.plan': 'pro',
      },
      event: {
        type: 'track',
        userId: 'u1',
        event: 'Run',
        properties: { plan: 'pro', region: 'eu' },
      },
    },
    {
      name: 'an identify row without extra columns has no traits',
      row: { type: 'identify', userId: 'u1' },
      event: { type: 'identify', userId: 'u1' },
    },
    {
      name: 'a JSON properties column, dotted columns and extra columns merge',
      row: {
        userId: 'u1',
        event: 'Run',
        properties: '{"status":"ok","n":3,"nested":{"a":[1,2]}}',
        'properties.seats': 5,
        plan: 'pro',
      },
      event: {
        type: 'track',
        userId: 'u1',
        event: 'Run',
        properties: { status: 'ok', n: 3, nested: { a: [1, 2] }, seats: 5, plan: 'pro' },
      },
    },
    {
      name: 'a struct cell (Parquet) is the object itself',
      row: { userId: 'u1', event: 'Run', properties: { seats: 5, tags: ['a', 'b'], on: true } },
      event: {
        type: 'track',
        userId: 'u1',
        event: 'Run',
        properties: { seats: 5, tags: ['a', 'b'], on: true },
      },
    },
    {
      name: 'dotted traits and context columns nest under their field',
      row: {
        type: 'identify',
        userId: 'u1',
        'traits.email': 'a@example.com',
        'context.ip': '10.0.0.1',
        'context.groupId': 'acme',
      },
      event: {
        type: 'identify',
        userId: 'u1',
        traits: { email: 'a@example.com' },
        context: { ip: '10.0.0.1', groupId: 'acme' },
      },
    },
    {
      name: 'a properties cell that is not JSON is kept under the column name, not lost',
      row: { userId: 'u1', event: 'Run', properties: 'seats=5' },
      event: { type: 'track', userId: 'u1', event: 'Run', properties: { properties: 'seats=5' } },
    },
    {
      name: 'a properties cell holding a JSON array is kept under the column name',
      row: { userId: 'u1', event: 'Run', properties: '[1,2]' },
      event: { type: 'track', userId: 'u1', event: 'Run', properties: { properties: '[1,2]' } },
    },
    {
      name: 'empty and null cells are absent',
      row: {
        type: 'track',
        userId: 'u1',
        anonymousId: '',
        groupId: null,
        event: 'Run',
        plan: undefined,
        seats: null,
        properties: null,
      },
      event: { type: 'track', userId: 'u1', event: 'Run' },
    },
    {
      name: 'big integers become numbers when exact, text when not',
      row: { userId: 'u1', event: 'Run', small: 42n, huge: 9007199254740993n },
      event: {
        type: 'track',
        userId: 'u1',
        event: 'Run',
        properties: { small: 42, huge: '9007199254740993' },
      },
    },
    {
      name: 'dates become ISO-8601 text, also inside structs',
      row: {
        userId: 'u1',
        event: 'Run',
        timestamp: new Date('2024-05-01T10:00:00.000Z'),
        properties: { at: new Date('2024-01-02T00:00:00.000Z'), gone: null },
      },
      event: {
        type: 'track',
        userId: 'u1',
        event: 'Run',
        timestamp: '2024-05-01T10:00:00.000Z',
        properties: { at: '2024-01-02T00:00:00.000Z', gone: null },
      },
    },
    {
      name: 'numeric ids and names (a sniffed CSV column, an INT64 Parquet column) become text',
      row: { messageId: 1001n, userId: 42, groupId: 7, event: 404, 'properties.code': 404 },
      event: {
        type: 'track',
        messageId: '1001',
        userId: '42',
        groupId: '7',
        event: '404',
        properties: { code: 404 },
      },
    },
    {
      name: 'page rows keep name and category',
      row: { type: 'page', anonymousId: 'a1', name: 'Pricing', category: 'Docs', path: '/p' },
      event: {
        type: 'page',
        anonymousId: 'a1',
        name: 'Pricing',
        category: 'Docs',
        properties: { path: '/p' },
      },
    },
    {
      name: 'an unknown type passes through for validation to refuse',
      row: { type: 'alias', userId: 'u1', previousId: 'u0' },
      event: { type: 'alias', userId: 'u1', properties: { previousId: 'u0' } },
    },
  ];

describe('rowToEvent', () => {
  it.each(cases)('$name', ({ row, event }) => {
    expect(rowToEvent(row)).toEqual(event);
  });
});

describe('isTextColumn', () => {
  it.each([
    ['messageId', true],
    ['message_id', true],
    ['User ID', true],
    ['account_id', true],
    ['event_name', true],
    ['type', true],
    ['timestamp', false],
    ['properties', false],
    ['properties.seats', false],
    ['seats', false],
  ] as const)('%s → %s', (column, text) => {
    expect(isTextColumn(column)).toBe(text);
  });
});
