import { describe, expect, it } from 'vitest';
import type { Formula } from '../../widget/api/types.ts';
import { formulaText } from '../../widget/drivers/drivers-formula.ts';

const hours = { singular: 'hour', plural: 'hours' };
const hourlyRate = {
  kind: 'rate',
  id: 'hourly_rate',
  label: 'Loaded cost of one hour',
  unit: 'USD/hour',
  value: 55,
} as const;

const runs: Formula = {
  quantity: { kind: 'count', event: 'Workflow Run Completed' },
  where: [{ property: 'status', op: 'eq', value: 'success' }],
  factors: [{ kind: 'per_unit', value: 0.25, unit: hours }, hourlyRate],
};
const invoices: Formula = {
  quantity: { kind: 'sum', event: 'Invoice Paid', property: 'amount' },
  where: [],
  factors: [],
};
const viewers: Formula = {
  quantity: { kind: 'distinct_users', event: 'Report Viewed' },
  where: [],
  factors: [{ kind: 'rate', id: 'seat', label: 'Value of a reader', unit: 'EUR', value: 12.5 }],
};
/** Every way of comparing, in one formula. */
const conditions: Formula = {
  quantity: { kind: 'count', event: 'Ticket Closed' },
  where: [
    { property: 'channel', op: 'neq', value: 'phone' },
    { property: 'tier', op: 'in', value: ['gold', 'silver'] },
    { property: 'minutes', op: 'gt', value: 1.5 },
    { property: 'minutes', op: 'gte', value: 2 },
    { property: 'score', op: 'lt', value: 1000 },
    { property: 'score', op: 'lte', value: 900 },
    { property: 'resolved', op: 'eq', value: true },
    { property: 'tag', op: 'exists' },
  ],
  factors: [{ kind: 'per_unit', value: 1, unit: hours }],
};

describe('the formula in words', () => {
  it('says what is counted, where, and each factor with its value (en)', () => {
    expect(formulaText(runs, 'USD', 'en', 'en')).toBe(
      'count of “Workflow Run Completed” where status is "success" × 0.25 hours × Loaded cost of one hour ($55 / hour)',
    );
    expect(formulaText(invoices, 'USD', 'en', 'en')).toBe('sum of amount on “Invoice Paid”');
    expect(formulaText(viewers, 'EUR', 'en', 'en')).toBe(
      'people who used “Report Viewed” × Value of a reader (€12.50)',
    );
    expect(formulaText(conditions, 'USD', 'en', 'en')).toBe(
      'count of “Ticket Closed” where channel is not "phone" and tier is one of "gold", "silver"' +
        ' and minutes > 1.5 and minutes ≥ 2 and score < 1,000 and score ≤ 900' +
        ' and resolved is true and tag is set × 1 hour',
    );
  });

  it('speaks German, with German quotes and numbers', () => {
    expect(formulaText(runs, 'USD', 'de', 'de-DE')).toBe(
      'Anzahl der Ereignisse „Workflow Run Completed“, wobei status „success“ ist × 0,25 hours × Loaded cost of one hour (55\u00a0$ / hour)',
    );
    expect(formulaText(invoices, 'USD', 'de', 'de-DE')).toBe('Summe von amount aus „Invoice Paid“');
    expect(formulaText(viewers, 'EUR', 'de', 'de-DE')).toBe(
      'Personen, die „Report Viewed“ genutzt haben × Value of a reader (12,50\u00a0€)',
    );
    expect(formulaText(conditions, 'USD', 'de', 'de-DE')).toBe(
      'Anzahl der Ereignisse „Ticket Closed“, wobei channel nicht „phone“ ist und tier einer von „gold“, „silver“ ist' +
        ' und minutes > 1,5 ist und minutes ≥ 2 ist und score < 1.000 ist und score ≤ 900 ist' +
        ' und resolved true ist und tag gesetzt ist × 1 hour',
    );
  });

  it('speaks Spanish, with Spanish quotes and numbers', () => {
    expect(formulaText(runs, 'USD', 'es', 'es-ES')).toBe(
      'número de «Workflow Run Completed» donde status es «success» × 0,25 hours × Loaded cost of one hour (55\u00a0US$ / hour)',
    );
    expect(formulaText(invoices, 'USD', 'es', 'es-ES')).toBe('suma de amount en «Invoice Paid»');
    expect(formulaText(viewers, 'EUR', 'es', 'es-ES')).toBe(
      'personas que usaron «Report Viewed» × Value of a reader (12,50\u00a0€)',
    );
    expect(formulaText(conditions, 'USD', 'es', 'es-ES')).toBe(
      'número de «Ticket Closed» donde channel no es «phone» y tier es uno de «gold», «silver»' +
        ' y minutes > 1,5 y minutes ≥ 2 y score < 1000 y score ≤ 900' +
        ' y resolved es true y tag tiene un valor × 1 hour',
    );
  });
});
