import { describe, expect, it } from 'vitest';
import { ingestLimits } from '../../blueprint/api/limits.ts';
import { correctClockSkew } from '../../telemetry/pipeline/clock-skew.ts';

const at = (iso: string) => new Date(iso);
const received = at('2024-06-01T12:00:00.000Z');

describe('correctClockSkew', () => {
  it.each([
    {
      name: 'device clock an hour slow: the gap to sentAt is kept, the clock is not',
      timestamp: '2024-06-01T10:59:50.000Z',
      sentAt: '2024-06-01T11:00:00.000Z',
      eventTime: '2024-06-01T11:59:50.000Z',
    },
    {
      name: 'device clock two days fast is corrected, not flagged',
      timestamp: '2024-06-03T11:55:00.000Z',
      sentAt: '2024-06-03T12:00:00.000Z',
      eventTime: '2024-06-01T11:55:00.000Z',
    },
    {
      name: 'device clock right: the timestamp stands',
      timestamp: '2024-06-01T11:30:00.000Z',
      sentAt: '2024-06-01T12:00:00.000Z',
      eventTime: '2024-06-01T11:30:00.000Z',
    },
    {
      name: 'an event replayed from a week ago keeps its age',
      timestamp: '2024-05-25T12:00:00.000Z',
      sentAt: '2024-06-01T12:00:00.000Z',
      eventTime: '2024-05-25T12:00:00.000Z',
    },
    {
      name: 'no sentAt: the timestamp is taken as is',
      timestamp: '2024-05-31T08:00:00.000Z',
      sentAt: null,
      eventTime: '2024-05-31T08:00:00.000Z',
    },
    {
      name: 'no sentAt, less than a day ahead: trusted',
      timestamp: '2024-06-02T11:00:00.000Z',
      sentAt: null,
      eventTime: '2024-06-02T11:00:00.000Z',
    },
    {
      name: 'exactly one day ahead is still trusted',
      timestamp: '2024-06-02T12:00:00.000Z',
      sentAt: null,
      eventTime: '2024-06-02T12:00:00.000Z',
    },
  ])('$name', ({ timestamp, sentAt, eventTime }) => {
    const result = correctClockSkew(at(timestamp), sentAt ? at(sentAt) : null, received);
    expect(result).toEqual({ eventTime: at(eventTime), clockFlag: null });
  });

  it('flags an event more than a day in the future and uses the arrival time', () => {
    const ahead = new Date(received.getTime() + ingestLimits.maxFutureSkewMs + 1);
    expect(correctClockSkew(ahead, null, received)).toEqual({
      eventTime: received,
      clockFlag: 'future_timestamp',
    });
  });

  it('flags a future time that remains after correction (timestamp after sentAt)', () => {
    // The device says it sent the event two days before it happened: the gap itself is bogus.
    const result = correctClockSkew(
      at('2024-06-03T12:00:00.000Z'),
      at('2024-06-01T11:00:00.000Z'),
      received,
    );
    expect(result).toEqual({ eventTime: received, clockFlag: 'future_timestamp' });
  });

  it('treats an event without a timestamp as happening on arrival', () => {
    expect(correctClockSkew(null, null, received)).toEqual({
      eventTime: received,
      clockFlag: null,
    });
    expect(correctClockSkew(null, at('2020-01-01T00:00:00.000Z'), received)).toEqual({
      eventTime: received,
      clockFlag: null,
    });
  });

  it('returns a new Date, not the caller’s', () => {
    const timestamp = at('2024-05-31T08:00:00.000Z');
    const result = correctClockSkew(timestamp, null, received);
    expect(result.eventTime).not.toBe(timestamp);
    expect(result.eventTime.getTime()).toBe(timestamp.getTime());
  });
});

describe('correctClockSkew: times it does not trust', () => {
  it('puts a time before 2000 at its arrival, flagged, whether sent that way or corrected there', () => {
    expect(correctClockSkew(at('1970-01-01T00:00:00.000Z'), null, received)).toEqual({
      eventTime: received,
      clockFlag: 'implausible_timestamp',
    });
    // A sentAt six months ahead of a 2000 timestamp would move it into 1999.
    expect(
      correctClockSkew(
        at('2000-01-10T00:00:00.000Z'),
        at('2000-03-01T00:00:00.000Z'),
        at('2000-01-01T00:00:00.000Z'),
      ),
    ).toEqual({ eventTime: at('2000-01-01T00:00:00.000Z'), clockFlag: 'implausible_timestamp' });
  });

  it('corrects a device whose clock sits in 1970, since what it reports is only the gap', () => {
    expect(
      correctClockSkew(at('1970-01-01T00:00:00.000Z'), at('1970-01-01T00:00:10.000Z'), received),
    ).toEqual({ eventTime: at('2024-06-01T11:59:50.000Z'), clockFlag: null });
  });

  it('clamps a correction that reaches back before 2000 (a sentAt far ahead of its timestamp)', () => {
    expect(
      correctClockSkew(at('2024-05-31T12:00:00.000Z'), at('2060-01-01T00:00:00.000Z'), received),
    ).toEqual({ eventTime: received, clockFlag: 'implausible_timestamp' });
  });

  it('keeps history sent now (backfill) exactly as timestamped', () => {
    const old = at('2023-02-01T09:00:00.000Z');
    expect(correctClockSkew(old, received, received)).toEqual({ eventTime: old, clockFlag: null });
    expect(correctClockSkew(old, null, received)).toEqual({ eventTime: old, clockFlag: null });
  });
});
