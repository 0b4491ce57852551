import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  FingerprintSet,
  fingerprintOf,
  RecentMessageIds,
} from '../../../telemetry/storage/duckdb/message-fingerprints.ts';

describe('fingerprintOf', () => {
  it('is the first 8 bytes of md5(source, newline, id), little-endian, in two halves', () => {
    const bytes = [...createHash('md5').update('src_a\nmsg-1').digest()];
    const word = (at: number) =>
      bytes.slice(at, at + 4).reduce((sum, byte, index) => sum + byte * 2 ** (8 * index), 0);
    expect(fingerprintOf('src_a', 'msg-1')).toEqual({ low: word(0), high: word(4) });
  });

  it('tells the same id under two sources apart', () => {
    expect(fingerprintOf('src_a', 'msg-1')).not.toEqual(fingerprintOf('src_b', 'msg-1'));
  });
});

describe('FingerprintSet', () => {
  it('holds what was added, through many doublings, and nothing else', () => {
    const set = new FingerprintSet();
    const added = Array.from({ length: 50_000 }, (_, n) => fingerprintOf('src', `in-${n}`));
    for (const fingerprint of added) expect(set.add(fingerprint)).toBe(true);
    expect(set.size).toBe(50_000);
    for (const fingerprint of added) expect(set.has(fingerprint)).toBe(true);
    for (const fingerprint of added.slice(0, 100)) expect(set.add(fingerprint)).toBe(false);
    let strangers = 0;
    for (let n = 0; n < 50_000; n++) if (set.has(fingerprintOf('src', `out-${n}`))) strangers++;
    expect(strangers).toBe(0);
    expect(set.size).toBe(50_000);
  });

  it('keeps the all-zero fingerprint apart from an empty slot', () => {
    const set = new FingerprintSet();
    expect(set.has({ high: 0, low: 0 })).toBe(false);
    expect(set.add({ high: 0, low: 0 })).toBe(true);
    expect(set.has({ high: 0, low: 0 })).toBe(true);
    expect(set.add({ high: 0, low: 0 })).toBe(false);
  });
});

describe('RecentMessageIds', () => {
  it('forgets whole days that ended before the cut-off, and keeps the rest', () => {
    const recent = new RecentMessageIds();
    const old = fingerprintOf('src', 'old');
    const edge = fingerprintOf('src', 'edge');
    const fresh = fingerprintOf('src', 'fresh');
    recent.add(old, new Date('2026-01-01T23:59:59Z'));
    recent.add(edge, new Date('2026-01-02T00:00:00Z'));
    recent.add(fresh, new Date('2026-01-05T12:00:00Z'));
    recent.forgetBefore(new Date('2026-01-02T06:00:00Z'));
    expect([old, edge, fresh].map((fingerprint) => recent.has(fingerprint))).toEqual([
      false,
      true,
      true,
    ]);
    expect(recent.size).toBe(2);
  });
});
