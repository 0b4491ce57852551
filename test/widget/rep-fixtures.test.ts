import { describe, expect, it } from 'vitest';
import { handoffLimits, handoffSchema, handoffStatuses } from '../../blueprint/api/handoffs.ts';
import {
  repQueueSchema,
  repReplyCreatedSchema,
  repReplyRequestSchema,
  repViewSchema,
} from '../../blueprint/api/rep.ts';
import { digestSentences } from '../../widget/rep/rep-digest.ts';
import {
  ageOf,
  formatAge,
  MAX_PLAN_NAME_CHARS,
  MAX_REPLY_CHARS,
  queueOrder,
  STATUSES,
} from '../../widget/rep/rep-model.ts';
import { repClaims, tokenFromFragment } from '../../widget/rep/rep-session.ts';
import * as fixtures from './fixtures/rep.ts';

describe('the rep console fixtures', () => {
  it('parse with the contract the server answers with', () => {
    expect(() => repQueueSchema.parse(fixtures.queue)).not.toThrow();
    expect(() => handoffSchema.parse(fixtures.handoff)).not.toThrow();
    expect(() => handoffSchema.parse(fixtures.bareHandoff)).not.toThrow();
    expect(() => repReplyCreatedSchema.parse(fixtures.reply)).not.toThrow();
    expect(() => repViewSchema.parse({ ...fixtures.view, token: 'a.b.c' })).not.toThrow();
  });

  it("keep the console's copies of the contract's constants equal to it", () => {
    expect([...STATUSES]).toEqual([...handoffStatuses]);
    expect(MAX_REPLY_CHARS).toBe(handoffLimits.maxReplyChars);
    expect(() =>
      repReplyRequestSchema.parse({
        message: 'x',
        scenario: { name: 'n'.repeat(MAX_PLAN_NAME_CHARS), levers: { a: 1 } },
      }),
    ).not.toThrow();
    expect(() =>
      repReplyRequestSchema.parse({
        message: 'x',
        scenario: { name: 'n'.repeat(MAX_PLAN_NAME_CHARS + 1), levers: { a: 1 } },
      }),
    ).toThrow();
  });
});

describe('queueOrder', () => {
  it('puts open hand-offs first, oldest first, then the rest newest first', () => {
    const order = queueOrder(fixtures.queueItems).map((item) => item.id);
    expect(order).toEqual([
      'ho_accepted000000001',
      'ho_new00000000000001',
      'ho_answered000000001',
      'ho_closed00000000001',
    ]);
  });
});

describe('ages', () => {
  const now = Date.parse('2026-11-30T12:00:00Z');
  it('takes the largest whole unit', () => {
    expect(ageOf('2026-11-30T09:00:00Z', now)).toEqual({ value: -3, unit: 'hour' });
    expect(ageOf('2026-11-28T11:00:00Z', now)).toEqual({ value: -2, unit: 'day' });
    expect(ageOf('2026-11-30T11:59:40Z', now)).toEqual({ value: 0, unit: 'minute' });
  });
  it('reads in each language', () => {
    expect(formatAge('2026-11-30T09:00:00Z', 'en', now)).toBe('3 hours ago');
    expect(formatAge('2026-11-30T09:00:00Z', 'de', now)).toBe('vor 3 Stunden');
    expect(formatAge('2026-11-30T09:00:00Z', 'es', now)).toBe('hace 3 horas');
    expect(formatAge('2026-11-29T12:00:00Z', 'en', now)).toBe('yesterday');
  });
});

describe('sign-in', () => {
  it('reads the token from the fragment only', () => {
    expect(tokenFromFragment('#token=abc.def.ghi')).toBe('abc.def.ghi');
    expect(tokenFromFragment('#handoff=1&token=abc')).toBe('abc');
    expect(tokenFromFragment('')).toBeUndefined();
    expect(tokenFromFragment('#token=')).toBeUndefined();
  });
  it("shows the rep's name from the token's claims", () => {
    const payload = Buffer.from(JSON.stringify({ name: 'Sam Rivera', locale: 'de' })).toString(
      'base64url',
    );
    expect(repClaims(`x.${payload}.y`)).toEqual({ name: 'Sam Rivera', locale: 'de' });
    expect(repClaims('not a token')).toEqual({});
  });
});

describe('digestSentences', () => {
  const journey = fixtures.brief.journey;
  if (!journey) throw new Error('the fixture has a journey');
  const words = (locale: string) => ({
    locale,
    intlLocale: locale,
    now: Date.now(),
    drivers: new Map([['automation_hours', 'Time saved by automated workflows']]),
    offers: new Map([['payment_reminders', 'Payment reminders']]),
    plans: new Map<string, string>(),
  });

  it('tells each part in plain sentences, in the order of the issue', () => {
    const parts = digestSentences(journey, words('en'));
    expect(parts.map((part) => part.key)).toEqual([
      'explored',
      'prioritized',
      'learned',
      'discarded',
      'openQuestions',
    ]);
    const text = parts.flatMap((part) => part.sentences).join('\n');
    expect(text).toContain('Viewed the planner 4 times, last 5 hours ago.');
    expect(text).toContain('only team “Finance”, against the period before 2 times.');
    expect(text).toContain('Asked once why Time saved by automated workflows changed.');
    expect(text).toContain(
      'Keeps the plan “Finance on automations”, shared with the team, changed 4 hours ago.',
    );
    expect(text).toContain('Opened a point of the summary: progress towards what was promised.');
    expect(text).toContain('Set aside “Payment reminders”: not now.');
    expect(text).toMatch(
      /Why did Time saved by automated workflows change in Nov 1\s*–\s*29, 2026\?/,
    );
    expect(text).not.toMatch(/[{}]|automation_hours|payment_reminders/);
  });

  it('speaks German and Spanish with no placeholder left', () => {
    for (const locale of ['de', 'es']) {
      const text = digestSentences(journey, words(locale))
        .flatMap((part) => part.sentences)
        .join('\n');
      expect(text, locale).not.toMatch(/[{}]/);
    }
    const de = digestSentences(journey, words('de'))[0]?.sentences[0];
    expect(de).toBe('Hat den Planer 4-mal angesehen, zuletzt vor 5 Stunden.');
  });
});
