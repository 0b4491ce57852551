import type { HandoffBrief } from '../../blueprint/api/handoffs.ts';
import { formatDay, formatDayRange } from '../core/format.ts';
import { pluralForm } from '../i18n/locale.ts';
import { briefStrings as t } from './rep-brief.strings.ts';
import { formatAge, formatList } from './rep-model.ts';

type Digest = NonNullable<HandoffBrief['journey']>;

/** What the sentences need to name things: labels by id, the locale, the clock. */
export interface DigestWords {
  locale: string;
  intlLocale: string;
  now: number;
  /** Driver ids to their labels (the model's words); an unknown id is said as it is. */
  drivers: ReadonlyMap<string, string>;
  offers: ReadonlyMap<string, string>;
  plans: ReadonlyMap<string, string>;
}

export interface DigestPart {
  key: 'explored' | 'prioritized' | 'learned' | 'discarded' | 'openQuestions';
  sentences: string[];
}

const countKey = <K extends string>(base: K, locale: string, count: number) =>
  `${base}_${pluralForm(locale, count)}` as `${K}_one` | `${K}_other`;

/**
 * The digest told as plain sentences, part by part (what they explored, prioritized, learned,
 * set aside, and their open questions). Deterministic: the same digest reads the same.
 */
export function digestSentences(digest: Digest, words: DigestWords): DigestPart[] {
  const { locale, intlLocale, now } = words;
  const age = (at: string) => formatAge(at, intlLocale, now);
  const driver = (id: string) => words.drivers.get(id) ?? id;
  const offer = (id: string) => words.offers.get(id) ?? id;
  const range = (from: string, to: string) => formatDayRange(from, to, intlLocale);

  const explored = [
    ...digest.explored.sections.map((row) =>
      t(locale, countKey('viewed', locale, row.views), {
        section: t(locale, `section_${row.section}`),
        count: row.views,
        age: age(row.lastAt),
      }),
    ),
    ...digest.explored.cuts.map((cut) => {
      const span = range(cut.from, cut.to);
      const what =
        (cut.filter
          ? t(locale, 'cutFilter', { range: span, by: cut.filter.by, value: cut.filter.value })
          : span) + (cut.compare ? t(locale, `compare_${cut.compare}`) : '');
      return t(locale, countKey('cut', locale, cut.times), { what, count: cut.times });
    }),
    ...digest.explored.drivers.map((row) =>
      t(locale, countKey('explained', locale, row.explains), {
        driver: driver(row.driver),
        count: row.explains,
      }),
    ),
  ];

  const prioritized = [
    ...digest.prioritized.plans.map((plan) =>
      t(locale, plan.shared ? 'keptPlanShared' : 'keptPlan', {
        name: plan.name,
        age: age(plan.updatedAt),
      }),
    ),
    ...digest.prioritized.comparedPlans.map((compare) =>
      t(locale, 'compared', {
        names: formatList(
          compare.scenarioIds.map((id) => {
            const name = words.plans.get(id);
            return name ? `“${name}”` : t(locale, 'somePlan');
          }),
          intlLocale,
        ),
        age: age(compare.at),
      }),
    ),
    ...digest.prioritized.acceptedOffers.map((row) =>
      t(locale, 'tookUp', { offer: offer(row.offerId), age: age(row.since) }),
    ),
  ];

  const learned = [
    ...digest.learned.storyQuestions.map((row) =>
      t(locale, countKey('readPoint', locale, row.times), {
        type: t(locale, `insight_${row.type}`),
        count: row.times,
      }),
    ),
    ...digest.learned.explains.map((row) =>
      t(locale, 'readExplain', { driver: driver(row.driver), range: range(row.from, row.to) }),
    ),
  ];

  const discarded = [
    ...digest.discarded.offers.map((row) =>
      t(locale, row.until ? 'setAsideUntil' : 'setAside', {
        offer: offer(row.offerId),
        reason: t(locale, `reason_${row.reason}`),
        date: row.until ? formatDay(row.until.slice(0, 10), intlLocale) : '',
      }),
    ),
    ...digest.discarded.plans.map((row) => t(locale, 'deletedPlan', { age: age(row.at) })),
  ];

  const openQuestions = digest.openQuestions.map((question) =>
    question.kind === 'explain'
      ? t(locale, 'openExplain', {
          driver: driver(question.driver),
          range: range(question.from, question.to),
          age: age(question.at),
        })
      : t(locale, 'openPoint', {
          type: t(locale, `insight_${question.type}`),
          age: age(question.at),
        }),
  );

  return [
    { key: 'explored', sentences: explored },
    { key: 'prioritized', sentences: prioritized },
    { key: 'learned', sentences: learned },
    { key: 'discarded', sentences: discarded },
    { key: 'openQuestions', sentences: openQuestions },
  ];
}
