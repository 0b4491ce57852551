import { describe, expect, it } from 'vitest';
import { prepareBatch } from '../../telemetry/pipeline/ingest.ts';

/** Nothing acknowledged is changed on the way in: an event that would be is refused with why. */

const receivedAt = new Date('2026-06-01T12:00:00.000Z');
const base = {
  type: 'track',
  messageId: 'm1',
  userId: 'u1',
  groupId: 'acme',
  event: 'Report Exported',
};

function prepare(json: string) {
  return prepareBatch([JSON.parse(json)], { sourceId: 'src_a', receivedAt });
}

describe('values storage would change', () => {
  it.each([
    [
      'a __proto__ key',
      '{"properties": {"__proto__": {"admin": true}}}',
      'properties.__proto__',
      /__proto__/,
    ],
    ['1e400', '{"properties": {"big": 1e400}}', 'properties.big', /finite/],
    [
      'an integer past 2^53',
      '{"properties": {"id": 12345678901234567890}}',
      'properties.id',
      /9,007,199,254,740,991/,
    ],
    [
      'a lone surrogate in text',
      '{"properties": {"name": "a\\ud800b"}}',
      'properties.name',
      /surrogate/,
    ],
    ['a lone surrogate in a key', '{"context": {"\\udc00": 1}}', 'context.\udc00', /surrogate/],
    ['a lone surrogate in the event name', '{"event": "Run \\ud83d"}', 'event', /surrogate/],
    [
      'a big number deep in traits',
      '{"type": "identify", "traits": {"a": [{"b": -9007199254740993}]}}',
      'traits.a.0.b',
      /lose digits/,
    ],
  ])('refuses %s with the reason and keeps it in quarantine as sent', (_, extra, path, message) => {
    const event = `{${JSON.stringify(base).slice(1, -1)},${extra.slice(1)}`;
    const batch = prepare(event);
    expect(batch.events).toHaveLength(0);
    expect(batch.rejects).toHaveLength(1);
    const [reject] = batch.rejects;
    expect(reject?.code).toBe('inexact_value');
    expect(reject?.path).toBe(path);
    expect(reject?.message).toMatch(message);
  });

  it('accepts what it can keep exactly: safe integers, floats, emoji, ordinary keys', () => {
    const properties = {
      id: 9007199254740991,
      negative: -9007199254740991,
      ratio: 0.1,
      tiny: 5e-324,
      emoji: 'ok 😀',
      proto: 'prototype',
      constructor: 'fine',
    };
    const batch = prepare(JSON.stringify({ ...base, properties }));
    expect(batch.rejects).toEqual([]);
    // Stored text, read back, is what was sent.
    expect(JSON.parse(batch.events[0]?.properties ?? '{}')).toEqual(properties);
  });
});
