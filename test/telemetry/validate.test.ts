import { describe, expect, it } from 'vitest';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import { prepareBatch, UnparsedLine } from '../../telemetry/pipeline/ingest.ts';
import { depthOf, validateEvent } from '../../telemetry/pipeline/validate.ts';

const track = { type: 'track', userId: 'user-1', event: 'Report Exported' };
const receivedAt = new Date('2024-06-01T12:00:00.000Z');

/** An object `depth` levels deep (`{}` is depth 1), built without recursion. */
function nested(depth: number, leaf: unknown = {}): unknown {
  let value = leaf;
  for (let level = 1; level < depth; level++) value = { child: value };
  return value;
}

function nestedArrays(depth: number): unknown {
  let value: unknown = [1];
  for (let level = 1; level < depth; level++) value = [value];
  return value;
}

function prepare(raws: unknown[], defaults?: { sentAt?: unknown; context?: unknown }) {
  return prepareBatch(raws, { sourceId: 'src_test', receivedAt, defaults });
}

describe('validateEvent accepts', () => {
  it.each([
    ['track', { ...track }],
    ['identify', { type: 'identify', userId: 'u', traits: { plan: 'pro' } }],
    ['group', { type: 'group', userId: 'u', groupId: 'acct-1', traits: { seats: 10 } }],
    ['page', { type: 'page', anonymousId: 'anon-1', name: 'Home' }],
    ['screen', { type: 'screen', anonymousId: 'anon-1' }],
    ['identity only as anonymousId', { ...track, userId: null, anonymousId: 'a' }],
    ['null optional fields', { ...track, properties: null, context: null, timestamp: null }],
    ['a 256-character userId', { ...track, userId: 'u'.repeat(256) }],
    ['a 256-character event name', { ...track, event: 'e'.repeat(256) }],
  ])('%s', (_name, raw) => {
    expect(validateEvent(raw).kind).toBe('ok');
  });

  it('coerces numeric ids to strings and trims them', () => {
    const result = validateEvent({
      type: 'group',
      userId: 42,
      anonymousId: ' anon ',
      groupId: 7.5,
      traits: {},
    });
    expect(result).toMatchObject({
      kind: 'ok',
      event: { userId: '42', anonymousId: 'anon', groupId: '7.5' },
    });
  });

  it('treats userId 0 as an identity, not as missing', () => {
    expect(validateEvent({ ...track, userId: 0 })).toMatchObject({
      kind: 'ok',
      event: { userId: '0' },
    });
  });

  it.each([
    ['2024-06-01', '2024-06-01T00:00:00.000Z'],
    ['2024-06-01T10:00:00', '2024-06-01T10:00:00.000Z'],
    ['2024-06-01T10:00:00z', '2024-06-01T10:00:00.000Z'],
    ['2024-06-01 10:00:00+02:00', '2024-06-01T08:00:00.000Z'],
    ['2024-06-01T10:00:00-0530', '2024-06-01T15:30:00.000Z'],
    ['2024-06-01T10:00:00.123456789Z', '2024-06-01T10:00:00.123Z'],
    ['2024-02-29T00:00:00Z', '2024-02-29T00:00:00.000Z'],
  ])('timestamp %s as %s', (text, iso) => {
    const result = validateEvent({ ...track, timestamp: text });
    expect(result.kind === 'ok' && result.event.timestamp?.toISOString()).toBe(iso);
  });

  it('does not judge a future timestamp (clock skew does that later)', () => {
    expect(validateEvent({ ...track, timestamp: '2099-01-01T00:00:00Z' }).kind).toBe('ok');
  });
});

describe('validateEvent rejects', () => {
  const long = 'x'.repeat(ingestLimits.maxIdLength + 1);
  it.each<[string, string, string, unknown]>([
    // not an object at all
    ['null', 'not_an_object', '', null],
    ['a number', 'not_an_object', '', 42],
    ['a string', 'not_an_object', '', '{"type":"track"}'],
    ['an array', 'not_an_object', '', [track]],
    ['a boolean', 'not_an_object', '', true],
    // type
    ['no type', 'unsupported_type', 'type', { userId: 'u', event: 'E' }],
    ['type as a number', 'unsupported_type', 'type', { ...track, type: 1 }],
    ['type null', 'unsupported_type', 'type', { ...track, type: null }],
    ['alias', 'unsupported_type', 'type', { type: 'alias', userId: 'u', previousId: 'p' }],
    ['type in the wrong case', 'unsupported_type', 'type', { ...track, type: 'Track' }],
    // identity
    ['no userId nor anonymousId', 'missing_identity', 'userId', { type: 'track', event: 'E' }],
    ['blank ids', 'missing_identity', 'userId', { ...track, userId: '', anonymousId: '   ' }],
    ['null ids', 'missing_identity', 'userId', { ...track, userId: null, anonymousId: null }],
    ['userId as an object', 'invalid_field', 'userId', { ...track, userId: { id: 1 } }],
    ['userId as NaN', 'invalid_field', 'userId', { ...track, userId: Number.NaN }],
    ['userId as Infinity', 'invalid_field', 'userId', { ...track, userId: Infinity }],
    ['anonymousId as a boolean', 'invalid_field', 'anonymousId', { ...track, anonymousId: true }],
    ['messageId as a number', 'invalid_field', 'messageId', { ...track, messageId: 5 }],
    ['messageId empty', 'invalid_field', 'messageId', { ...track, messageId: '' }],
    // event name
    ['track without event', 'missing_event_name', 'event', { type: 'track', userId: 'u' }],
    ['blank event', 'missing_event_name', 'event', { ...track, event: '  ' }],
    ['event as a number', 'missing_event_name', 'event', { ...track, event: 7 }],
    // group
    ['group without groupId', 'missing_group_id', 'groupId', { type: 'group', userId: 'u' }],
    [
      'group with empty groupId',
      'missing_group_id',
      'groupId',
      { type: 'group', userId: 'u', groupId: '' },
    ],
    // huge strings: a name that is there but too long is invalid, not missing
    ['a 257-character userId', 'invalid_field', 'userId', { ...track, userId: long }],
    [
      'a 257-character anonymousId',
      'invalid_field',
      'anonymousId',
      { ...track, anonymousId: long },
    ],
    ['a 257-character messageId', 'invalid_field', 'messageId', { ...track, messageId: long }],
    ['a 257-character event name', 'invalid_field', 'event', { ...track, event: long }],
    [
      'a 257-character groupId',
      'invalid_field',
      'groupId',
      { type: 'group', userId: 'u', groupId: long },
    ],
    [
      'a 257-character page name',
      'invalid_field',
      'name',
      { type: 'page', userId: 'u', name: long },
    ],
    [
      'a 1 MB timestamp',
      'invalid_timestamp',
      'timestamp',
      { ...track, timestamp: '2'.repeat(1 << 20) },
    ],
    // wrong types
    ['properties as an array', 'invalid_field', 'properties', { ...track, properties: [1, 2] }],
    ['properties as a string', 'invalid_field', 'properties', { ...track, properties: 'a=1' }],
    ['traits as a number', 'invalid_field', 'traits', { type: 'identify', userId: 'u', traits: 3 }],
    ['context as a number', 'invalid_field', 'context', { ...track, context: 5 }],
    ['page name as a number', 'invalid_field', 'name', { type: 'page', userId: 'u', name: 5 }],
    // timestamps
    ['timestamp in words', 'invalid_timestamp', 'timestamp', { ...track, timestamp: 'yesterday' }],
    [
      'timestamp as epoch seconds',
      'invalid_timestamp',
      'timestamp',
      { ...track, timestamp: 1_700_000_000 },
    ],
    ['month 13', 'invalid_timestamp', 'timestamp', { ...track, timestamp: '2024-13-01' }],
    ['hour 25', 'invalid_timestamp', 'timestamp', { ...track, timestamp: '2024-06-01T25:00:00Z' }],
    [
      '30 February',
      'invalid_timestamp',
      'timestamp',
      { ...track, timestamp: '2024-02-30T00:00:00Z' },
    ],
    ['31 June', 'invalid_timestamp', 'timestamp', { ...track, timestamp: '2024-06-31' }],
    [
      '29 February of a common year',
      'invalid_timestamp',
      'timestamp',
      { ...track, timestamp: '2023-02-29T10:00:00Z' },
    ],
    ['sentAt malformed', 'invalid_timestamp', 'sentAt', { ...track, sentAt: '01/06/2024' }],
  ])('%s → %s', (_name, code, path, raw) => {
    const result = validateEvent(raw);
    expect(result).toMatchObject({ kind: 'quarantine', code, path });
    expect(result.kind === 'quarantine' && result.message.length).toBeGreaterThan(0);
  });

  it('names the field in the message', () => {
    const result = validateEvent({ ...track, timestamp: 'yesterday' });
    expect(result.kind === 'quarantine' && result.message).toMatch(/^timestamp: /);
  });

  it('says an object was expected where properties, traits or context is not one', () => {
    for (const [field, raw] of [
      ['properties', { ...track, properties: [1, 2] }],
      ['properties', { ...track, properties: 'a=1' }],
      ['traits', { type: 'identify', userId: 'u', traits: true }],
      ['context', { ...track, context: 5 }],
    ] as const) {
      expect(validateEvent(raw)).toEqual({
        kind: 'quarantine',
        code: 'invalid_field',
        message: `${field}: expected a JSON object`,
        path: field,
      });
    }
    // Any keys, any values; null stands for none.
    expect(validateEvent({ ...track, properties: { '': 1, 'a.b': [null], n: {} } }).kind).toBe(
      'ok',
    );
    expect(validateEvent({ ...track, context: null }).kind).toBe('ok');
  });
});

describe('nesting depth', () => {
  it('counts levels of objects and arrays', () => {
    expect(depthOf('flat')).toBe(0);
    expect(depthOf({})).toBe(1);
    expect(depthOf({ a: [{ b: 1 }] })).toBe(3);
    expect(depthOf(nested(ingestLimits.maxDepth))).toBe(ingestLimits.maxDepth);
  });

  it.each(['properties', 'traits', 'context'] as const)(
    'accepts %s exactly maxDepth deep and rejects one level more',
    (field) => {
      const base =
        field === 'traits' ? { type: 'identify', userId: 'u' } : { ...track, properties: {} };
      expect(validateEvent({ ...base, [field]: nested(ingestLimits.maxDepth) }).kind).toBe('ok');
      expect(validateEvent({ ...base, [field]: nested(ingestLimits.maxDepth + 1) })).toMatchObject({
        kind: 'quarantine',
        code: 'too_deep',
        path: field,
      });
    },
  );

  it('rejects hostile depth without overflowing the stack', () => {
    const hostile = { ...track, properties: { list: nestedArrays(200_000) } };
    expect(validateEvent(hostile)).toMatchObject({ code: 'too_deep', path: 'properties' });
  });

  it('keeps the raw payload of a too-deep event in quarantine, even past JSON.stringify’s stack', () => {
    // 20,000 levels is 70 KB of text: it fits a batch request, and the raw must survive.
    const deep = `${'[{"k":'.repeat(10_000)}"\\"é🙂"${'}]'.repeat(10_000)}`;
    const text = `{"type":"track","userId":"u","event":"E","properties":{"a":[1.5,null,{"b":true}],"x":${deep},"z":"q\\"uote"}}`;
    const batch = prepare([JSON.parse(text)]);
    expect(batch.events).toHaveLength(0);
    expect(batch.rejects).toHaveLength(1);
    expect(batch.rejects[0]).toMatchObject({ code: 'too_deep', path: 'properties' });
    expect(batch.rejects[0]?.raw).toBe(text);
  });
});

describe('unicode', () => {
  it('stores emoji, right-to-left text and NUL characters exactly', () => {
    const raw = {
      type: 'track',
      messageId: 'msg-\u0000-1',
      userId: 'user-🙂-\u05e9\u05dc\u05d5\u05dd',
      event: 'Report \u0000 Exported 👩‍👩‍👧',
      properties: {
        عنوان: 'تقرير ربع سنوي',
        note: 'a\u0000b',
        family: '👩‍👩‍👧',
        rlo: '\u202eevil',
      },
    };
    const batch = prepare([raw]);
    expect(batch.rejects).toEqual([]);
    const event = batch.events[0];
    expect(event?.messageId).toBe('msg-\u0000-1');
    expect(event?.userId).toBe(raw.userId);
    expect(event?.name).toBe(raw.event);
    expect(JSON.parse(event?.properties ?? '')).toEqual(raw.properties);
  });

  it('counts the event size in UTF-8 bytes, not characters', () => {
    // 17,000 two-byte characters: 17 K characters but 34 KB on the wire.
    const batch = prepare([{ ...track, properties: { text: 'é'.repeat(17_000) } }]);
    expect(batch.events).toHaveLength(0);
    expect(batch.rejects[0]?.code).toBe('event_too_large');
  });
});

describe('prepareBatch', () => {
  it('puts every input in events or rejects, with its index and raw payload', () => {
    const bad = { type: 'track', userId: 'u' };
    const batch = prepare([
      { ...track, messageId: 'a' },
      bad,
      new UnparsedLine('{"type": tr', 'Unexpected token t'),
      { type: 'identify', userId: 'u', traits: { plan: 'pro' }, messageId: 'b' },
      'not an event',
    ]);
    expect(batch.sourceId).toBe('src_test');
    expect(batch.receivedAt).toBe(receivedAt);
    expect(batch.events.map((event) => event.messageId)).toEqual(['a', 'b']);
    expect(batch.rejects.map(({ index, code, raw }) => ({ index, code, raw }))).toEqual([
      { index: 1, code: 'missing_event_name', raw: JSON.stringify(bad) },
      { index: 2, code: 'invalid_json', raw: '{"type": tr' },
      { index: 4, code: 'not_an_object', raw: '"not an event"' },
    ]);
  });

  it('assigns a messageId when there is none, and marks it', () => {
    const batch = prepare([{ ...track }, { ...track, messageId: 'given' }]);
    expect(batch.events[0]?.messageId).toMatch(/^vp-[0-9a-f-]{36}$/);
    expect(batch.events[0]?.messageIdAssigned).toBe(true);
    expect(batch.events[1]?.messageIdAssigned).toBe(false);
  });

  it('stores a numeric userId as a string', () => {
    expect(prepare([{ ...track, userId: 1234 }]).events[0]?.userId).toBe('1234');
  });

  it('keeps a future timestamp but flags it and uses the arrival time', () => {
    const batch = prepare([{ ...track, timestamp: '2099-01-01T00:00:00Z' }]);
    expect(batch.events[0]).toMatchObject({
      timestamp: new Date('2099-01-01T00:00:00Z'),
      eventTime: receivedAt,
      clockFlag: 'future_timestamp',
    });
  });

  it('applies the envelope sentAt to events without one, for clock skew', () => {
    const batch = prepare(
      [
        { ...track, timestamp: '2024-06-01T09:00:00Z' },
        { ...track, timestamp: '2024-06-01T09:00:00Z', sentAt: '2024-06-01T09:30:00Z' },
      ],
      { sentAt: '2024-06-01T10:00:00Z' },
    );
    expect(batch.events.map((event) => event.sentAt?.toISOString())).toEqual([
      '2024-06-01T10:00:00.000Z',
      '2024-06-01T09:30:00.000Z',
    ]);
    // receivedAt − (sentAt − timestamp): 12:00 − 1 h and 12:00 − 30 min.
    expect(batch.events.map((event) => event.eventTime.toISOString())).toEqual([
      '2024-06-01T11:00:00.000Z',
      '2024-06-01T11:30:00.000Z',
    ]);
  });

  it('applies the envelope context to events without their own, without merging', () => {
    const envelope = { library: { name: 'analytics-node' }, groupId: 'acct-env' };
    const batch = prepare([{ ...track }, { ...track, context: { locale: 'he-IL' } }], {
      context: envelope,
    });
    expect(batch.events.map((event) => event.context)).toEqual([
      JSON.stringify(envelope),
      JSON.stringify({ locale: 'he-IL' }),
    ]);
    // context.groupId names the account when the event has no groupId.
    expect(batch.events.map((event) => event.accountId)).toEqual(['acct-env', null]);
  });

  it('quarantines a malformed envelope sentAt on each event that inherits it', () => {
    const batch = prepare([{ ...track }, { ...track, sentAt: '2024-06-01T10:00:00Z' }], {
      sentAt: 'soon',
    });
    expect(batch.events).toHaveLength(1);
    expect(batch.rejects).toMatchObject([{ index: 0, code: 'invalid_timestamp', path: 'sentAt' }]);
  });

  it('refuses an event over 32 KB alone, and keeps one just under', () => {
    const under = { ...track, properties: { blob: 'x'.repeat(ingestLimits.maxEventBytes - 100) } };
    const over = { ...track, properties: { blob: 'x'.repeat(ingestLimits.maxEventBytes) } };
    const batch = prepare([under, over]);
    expect(batch.events).toHaveLength(1);
    expect(batch.rejects).toHaveLength(1);
    expect(batch.rejects[0]).toMatchObject({ index: 1, code: 'event_too_large', path: '' });
    expect(batch.rejects[0]?.message).toContain('32 KB');
    expect(batch.rejects[0]?.raw).toBe(JSON.stringify(over));
  });

  it('records the shape of properties and keeps traits of identify and group only', () => {
    const batch = prepare([
      { ...track, properties: { n: 1, s: 'a', b: false, o: {}, a: [], z: null } },
      { type: 'group', userId: 'u', groupId: 'acct', traits: { plan: 'pro' } },
    ]);
    expect(batch.events[0]?.shape).toEqual([
      ['n', 'number'],
      ['s', 'string'],
      ['b', 'boolean'],
      ['o', 'object'],
      ['a', 'array'],
      ['z', 'null'],
    ]);
    expect(batch.events[0]?.traits).toBeNull();
    expect(batch.events[1]?.traits).toEqual({ plan: 'pro' });
    expect(batch.events[1]?.accountId).toBe('acct');
  });

  it('gives the events of a batch with the same keys and kinds one shape, and no others', () => {
    const batch = prepare([
      { ...track, properties: { ab: 1, c: 'x' } },
      { ...track, properties: { ab: 2, c: 'y' } },
      // The same letters split otherwise, the same keys with another kind, another order.
      { ...track, properties: { a: 1, bc: 'x' } },
      { ...track, properties: { ab: 'two', c: 'y' } },
      { ...track, properties: { c: 'y', ab: 2 } },
    ]);
    const shapes = batch.events.map((event) => event.shape);
    expect(shapes[1]).toBe(shapes[0]);
    expect(new Set(shapes).size).toBe(4);
    expect(shapes[2]).toEqual([
      ['a', 'number'],
      ['bc', 'string'],
    ]);
    expect(shapes[3]).toEqual([
      ['ab', 'string'],
      ['c', 'string'],
    ]);
    expect(shapes[4]).toEqual([
      ['c', 'string'],
      ['ab', 'number'],
    ]);
    // Another batch makes its own.
    expect(prepare([{ ...track, properties: { ab: 1, c: 'x' } }]).events[0]?.shape).not.toBe(
      shapes[0],
    );
  });
});
