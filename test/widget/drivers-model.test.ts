import { describe, expect, it } from 'vitest';
import { promiseStatusSchema } from '../../blueprint/api/value.ts';
import type { Assumption } from '../../widget/api/types.ts';
import {
  assumptionValueText,
  changeOf,
  latestChange,
  promiseWord,
  readAssumptionInput,
  shareOf,
} from '../../widget/drivers/drivers-model.ts';

const rate: Assumption = {
  id: 'hourly_rate',
  label: 'Loaded cost of one hour of staff time',
  unit: 'USD/hour',
  value: 55,
  source: 'default',
  min: 10,
  max: 500,
  customerEditable: true,
  default: 55,
};

describe('drivers model', () => {
  it('computes shares and changes, with nothing to compare and "new" said apart', () => {
    expect(shareOf(25, 100)).toBe(0.25);
    expect(shareOf(25, 0)).toBeUndefined();
    expect(changeOf(150, 100)).toBe(0.5);
    expect(changeOf(50, 100)).toBe(-0.5);
    expect(changeOf(5, 0)).toBe('new');
    expect(changeOf(0, 0)).toBe(0);
    expect(changeOf(5, undefined)).toBeUndefined();
  });

  it('writes an assumption value in its unit', () => {
    expect(assumptionValueText(55, 'USD/hour', 'en')).toBe('$55 / hour');
    expect(assumptionValueText(12.5, 'USD/ticket', 'en')).toBe('$12.50 / ticket');
    expect(assumptionValueText(25000, 'USD', 'en')).toBe('$25,000');
    expect(assumptionValueText(0.25, 'hours', 'en')).toBe('0.25 hours');
  });

  it('checks typed values against the bounds before anything is sent', () => {
    expect(readAssumptionInput('60', rate)).toEqual({ ok: true, value: 60 });
    expect(readAssumptionInput(' 10 ', rate)).toEqual({ ok: true, value: 10 });
    expect(readAssumptionInput('5', rate)).toEqual({ ok: false, problem: 'bounds' });
    expect(readAssumptionInput('501', rate)).toEqual({ ok: false, problem: 'bounds' });
    expect(readAssumptionInput('', rate)).toEqual({ ok: false, problem: 'number' });
    expect(readAssumptionInput('abc', rate)).toEqual({ ok: false, problem: 'number' });
  });

  it('finds the latest change and words the promise status', () => {
    const history = [
      { id: 'hourly_rate', value: 60, userId: 'u1', changedAt: '2026-10-01T00:00:00Z' },
      { id: 'other', value: 1, userId: 'u3', changedAt: '2026-12-01T00:00:00Z' },
      { id: 'hourly_rate', value: 70, userId: 'u2', changedAt: '2026-11-01T00:00:00Z' },
    ];
    expect(latestChange(history, 'hourly_rate')?.userId).toBe('u2');
    expect(latestChange(history, 'none')).toBeUndefined();
    // Every status the contract names has its word (the type makes the table exhaustive).
    expect(promiseStatusSchema.options.map((status) => [status, promiseWord(status)])).toEqual([
      ['ahead', 'ahead'],
      ['on_pace', 'onTrack'],
      ['behind', 'behind'],
      ['not_started', 'notStarted'],
      ['ended_met', 'met'],
      ['ended_missed', 'missed'],
    ]);
  });
});
