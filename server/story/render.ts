/**
 * Renders insights into sentences through ICU message templates. Numbers reach a sentence only as
 * facts formatted by format.ts and passed in as strings; plural selectors get the raw value but the
 * catalogs never print it (no `#`), which the tests check.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { periodNameOf } from '../insights/facts.ts';
import type { Fact, Insight } from '../insights/insight.ts';
import { factRoles, requireFacts, requireRoles, StoryRenderError } from './fact-roles.ts';
import { formatFact } from './format.ts';
import { catalogs, type ResolvedLocale, resolveLocale, type StoryLocale } from './locale.ts';
import type { Catalog, ChapterId } from './messages/catalog.ts';
import { chapterIds } from './messages/catalog.ts';

/** UX: three to five story points; more is a list of numbers, not a story. */
export const MAX_STORY_POINTS = 5;

// Compiling a message is the slow part of rendering; each (locale, message) is compiled once.
const compiled = new Map<string, IntlMessageFormat>();

function format(message: string, locale: string, args: Record<string, string | number>): string {
  const key = `${locale}\u0000${message}`;
  let formatter = compiled.get(key);
  if (!formatter) {
    formatter = new IntlMessageFormat(message, locale);
    compiled.set(key, formatter);
  }
  return String(formatter.format(args));
}

function unitSpeller(catalog: Catalog, locale: string) {
  return (unit: string, value: number, formattedNumber: string) => {
    const message = catalog.units[unit];
    return message === undefined
      ? undefined
      : format(message, locale, { n: value, value: formattedNumber });
  };
}

/** Facts with `formatted` set for the locale. */
export function formatFacts(facts: readonly Fact[], resolved: ResolvedLocale): Fact[] {
  const catalog = catalogs[resolved.locale];
  const spellUnit = unitSpeller(catalog, resolved.locale);
  return facts.map((fact) => ({
    ...fact,
    formatted: formatFact(fact, { locale: resolved.formatLocale, spellUnit }),
  }));
}

/** Params that hold a UTC day, and how each reads: a date, or a month and its year. */
const DAY_PARAMS: Record<string, Intl.DateTimeFormatOptions> = {
  periodFrom: { dateStyle: 'long' },
  periodTo: { dateStyle: 'long' },
  comparedFrom: { dateStyle: 'long' },
  comparedTo: { dateStyle: 'long' },
  periodMonth: { month: 'long', year: 'numeric' },
};

/** The days among the params in the reader's words ("November 2026", "1. September 2026"). */
function localizeDays(params: Record<string, string>, locale: string): Record<string, string> {
  const out = { ...params };
  for (const [key, options] of Object.entries(DAY_PARAMS)) {
    const day = out[key];
    if (day && /^\d{4}-\d{2}-\d{2}$/.test(day)) {
      out[key] = dayFormat(locale, key, options).format(Date.parse(`${day}T00:00:00Z`));
    }
  }
  return out;
}

/** Building an Intl formatter costs far more than using one: one per language and parameter. */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(locale: string, key: string, options: Intl.DateTimeFormatOptions) {
  const id = `${locale}\u0000${key}`;
  let format = dayFormats.get(id);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
    dayFormats.set(id, format);
  }
  return format;
}

/** Template arguments from formatted facts and params: strings, plus plural selectors. */
function messageArgs(
  facts: readonly Fact[],
  params: Record<string, string>,
  optional: readonly string[] = [],
  /** Given: the days among the params are written as dates in this locale. */
  locale?: string,
): Record<string, string | number> {
  const args: Record<string, string | number> = { ...params };
  if (locale) Object.assign(args, localizeDays(params, locale));
  for (const id of optional) args[`has_${id}`] = 'no';
  for (const fact of facts) {
    args[fact.id] = fact.formatted ?? '';
    args[`${fact.id}_n`] = Math.abs(fact.value);
    args[`${fact.id}_est`] = fact.estimated ? 'yes' : 'no';
    args[`has_${fact.id}`] = 'yes';
  }
  return args;
}

/** The insight with its facts formatted and its sentence and follow-up question rendered. */
export function renderInsight(insight: Insight, locale: string | ResolvedLocale): Insight {
  const resolved = typeof locale === 'string' ? resolveLocale(locale) : locale;
  const catalog = catalogs[resolved.locale];
  requireRoles(insight);
  const facts = formatFacts(insight.facts, resolved);
  const cited = insight.facts[0]?.provenance.period;
  const params: Record<string, string> = {
    // The period's name from the period its facts cite, unless the detector named it.
    ...(cited ? periodNameOf(cited) : {}),
    // Compared with the period just before, of equal length, unless the detector says otherwise.
    ...(cited ? { comparedDays: periodNameOf(cited).periodDays } : {}),
    ...(insight.segment ? { by: insight.segment.by, name: insight.segment.value } : {}),
    // A period change compares with the period before unless it says which one it compares with.
    ...(insight.type === 'period_change' ? { compared: 'previous' } : {}),
    // Contributors differ from each other unless they say they are alike, and share at most all.
    ...(insight.type === 'top_contributors' || insight.type === 'top_detractors'
      ? { tied: 'no', beyond1: 'no', against: 'no' }
      : {}),
    // A turn of the line unless the detector says the value stepped to a new level.
    ...(insight.type === 'trend_change' ? { kind: 'turn' } : {}),
    ...insight.params,
  };
  if ((insight.type === 'top_contributors' || insight.type === 'top_detractors') && !params.name) {
    throw new StoryRenderError(`insight ${insight.id} names no team, workspace or feature`);
  }
  // What the sentence is about when it is not the whole account: a driver (or, for a gap, the
  // feature it comes from, which is what a customer uses).
  if (!params.subject) {
    const subject =
      insight.type === 'adoption_gap'
        ? (params.feature ?? params.driver)
        : insight.type === 'period_change'
          ? (params.driver ?? insight.segment?.value)
          : params.driver;
    if (subject) params.subject = subject;
  }
  const base = {
    ...messageArgs(facts, params, factRoles[insight.type].optional, resolved.formatLocale),
    has_subject: params.subject ? 'yes' : 'no',
  };
  const phrases = periodPhrases(catalog, resolved.locale, base);
  const args = { ...base, ...phrases };
  return {
    ...insight,
    // The period's words as said, so a check can tell them from numbers a sentence states.
    params: { ...insight.params, ...phrases },
    facts,
    text: format(catalog.insights[insight.type], resolved.locale, args),
    question: format(catalog.questions[insight.type], resolved.locale, args),
  };
}

export interface HeadlineInput {
  /** `money` (required), `amount` (the most meaningful unit, e.g. hours), `multiple` (of spend). */
  facts: Fact[];
  /** `period`: week | month | quarter | year; `action`: saved | handled | gained. */
  params: Record<string, string>;
}

export interface RenderedText {
  text: string;
  facts: Fact[];
  /** The period's name as said in the text ("in the last 90 days"): words, not stated numbers. */
  periodWords?: string[];
}

/** The words a story's headline names its period with ("In the last 90 days"), for checks. */
export function periodWordsFor(period: { from: string; to: string }, locale: string): string[] {
  const resolved = resolveLocale(locale);
  const args = localizeDays(periodNameOf(period), resolved.formatLocale);
  return Object.values(periodPhrases(catalogs[resolved.locale], resolved.locale, args)).filter(
    Boolean,
  );
}

/** The period's exact name and what it is compared with, in the reader's words. */
function periodPhrases(
  catalog: Catalog,
  locale: string,
  args: Record<string, string | number>,
): { periodIn: string; PeriodIn: string; comparedWith: string } {
  const filled = { period: 'range', compared: 'previous', ...args };
  const safely = (message: string) => {
    try {
      return format(message, locale, filled);
    } catch {
      return '';
    }
  };
  return {
    periodIn: safely(catalog.periods.in),
    PeriodIn: safely(catalog.periods.In),
    comparedWith: safely(catalog.periods.compared),
  };
}

export function renderHeadline(
  input: HeadlineInput,
  locale: string | ResolvedLocale,
): RenderedText {
  const resolved = typeof locale === 'string' ? resolveLocale(locale) : locale;
  requireFacts(input.facts, ['money'], 'the headline');
  const cited = input.facts[0]?.provenance.period;
  const facts = formatFacts(input.facts, resolved);
  const args = messageArgs(
    facts,
    {
      ...(cited ? periodNameOf(cited) : { period: 'range' }),
      action: 'gained',
      rest: 'no',
      ...input.params,
    },
    ['amount', 'amountMoney', 'multiple'],
    resolved.formatLocale,
  );
  // Without the money of the amount itself, the total is said, "in all".
  if (!facts.some((fact) => fact.id === 'amountMoney')) args.rest = 'yes';
  const catalog = catalogs[resolved.locale];
  const phrases = periodPhrases(catalog, resolved.locale, args);
  return {
    text: format(catalog.headline, resolved.locale, { ...args, ...phrases }),
    facts,
    periodWords: Object.values(phrases),
  };
}

/**
 * Why the story is short. Facts by id: not_enough_data has `needed` and `have` (days) and maybe
 * `readyDate`; no_data may have `lastDay`; partial has `firstDay` (dates).
 */
export type StoryDataStatus =
  | { state: 'ok' }
  | { state: 'partial'; facts: Fact[] }
  | {
      state: 'no_data';
      reason: 'no_activity' | 'processing' | 'no_activity_in_period';
      facts: Fact[];
    }
  | { state: 'not_enough_data'; facts: Fact[] };

export interface StoryInput {
  /** Ranked, best first, already de-duplicated by the detectors. */
  insights: Insight[];
  /** The story tells one slice of the account: said plainly, next to the headline. */
  slice?: { segment: string; value: string } | { feature: true; value: string };
  dataStatus: StoryDataStatus;
  headline?: HeadlineInput;
  /**
   * The compared period is no fair baseline: why (`reason`), which period it is (`compared`:
   * previous, last_year, other), and the facts the notice cites (`startDay`, `days`).
   */
  comparison?: {
    reason: 'compared_before_start' | 'current_includes_today';
    compared: 'previous' | 'last_year' | 'other';
    facts: Fact[];
  };
}

export interface StoryChapter {
  id: ChapterId;
  title: string;
  insights: Insight[];
}

export interface RenderedStory {
  headline: RenderedText;
  chapters: StoryChapter[];
  /** Said plainly next to the headline: incomplete data, or a language we do not have yet. */
  notices: RenderedText[];
  locale: StoryLocale;
  localeFallback?: true;
}

/** Outcome → what drove it → momentum → risks → what's next. */
export function chapterOf(insight: Insight): ChapterId {
  const { direction, status } = insight.params;
  switch (insight.type) {
    case 'period_change':
      return insight.segment || insight.params.subject || insight.params.driver
        ? 'drivers'
        : 'outcome';
    case 'roi':
    case 'record':
      return 'outcome';
    case 'top_contributors':
    case 'top_detractors':
      return 'drivers';
    case 'trend':
    case 'unusual_change':
      return direction === 'down' ? 'risks' : 'momentum';
    case 'trend_change':
      return 'momentum';
    case 'pace_to_promise':
      return status === 'behind' || status === 'ended_missed'
        ? 'risks'
        : status === 'ended_met'
          ? 'outcome'
          : 'momentum';
    case 'concentration':
      return 'risks';
    case 'adoption_gap':
    case 'next_best_offer':
      return 'next';
  }
}

function statusText(
  status: Exclude<StoryDataStatus, { state: 'ok' }>,
  resolved: ResolvedLocale,
): RenderedText {
  const catalog = catalogs[resolved.locale];
  const facts = formatFacts(status.facts, resolved);
  switch (status.state) {
    case 'not_enough_data':
      requireFacts(facts, ['needed', 'have'], 'the not-enough-data story');
      return {
        text: format(
          catalog.status.notEnoughData,
          resolved.locale,
          messageArgs(facts, {}, ['readyDate']),
        ),
        facts,
      };
    case 'no_data':
      return {
        text: format(
          catalog.status.noData,
          resolved.locale,
          messageArgs(facts, { reason: status.reason }, ['lastDay']),
        ),
        facts,
      };
    case 'partial':
      requireFacts(facts, ['firstDay'], 'the partial-data notice');
      return {
        text: format(catalog.status.partial, resolved.locale, messageArgs(facts, {})),
        facts,
      };
  }
}

/**
 * The story for a locale. An insight that cannot be told (missing facts) is left out rather than
 * told wrong; with no data, or too little, the story says so and why instead of inventing one.
 */
export function renderStory(input: StoryInput, locale?: string): RenderedStory {
  const resolved = resolveLocale(locale);
  const catalog = catalogs[resolved.locale];
  const notices: RenderedText[] = [];
  if (resolved.fallback) notices.push({ text: catalog.status.localeFallback, facts: [] });
  if (input.slice) {
    const segment = 'feature' in input.slice ? catalog.status.feature : input.slice.segment;
    notices.push({
      text: format(catalog.status.slice, resolved.locale, { segment, value: input.slice.value }),
      facts: [],
    });
  }
  const base = {
    locale: resolved.locale,
    ...(resolved.fallback ? { localeFallback: true as const } : {}),
  };
  const status = input.dataStatus;
  if (status.state === 'no_data' || status.state === 'not_enough_data') {
    return { ...base, headline: statusText(status, resolved), chapters: [], notices };
  }
  if (status.state === 'partial') notices.push(statusText(status, resolved));
  if (input.comparison) {
    const { reason, compared } = input.comparison;
    const facts = formatFacts(input.comparison.facts, resolved);
    notices.push({
      text: format(
        catalog.status.notComparable,
        resolved.locale,
        messageArgs(facts, { reason, compared }, ['startDay', 'days']),
      ),
      facts,
    });
  }

  const told: Insight[] = [];
  for (const insight of input.insights) {
    if (told.length >= MAX_STORY_POINTS) break;
    try {
      told.push(renderInsight(insight, resolved));
    } catch (error) {
      if (!(error instanceof StoryRenderError)) throw error;
    }
  }
  // A story ends with what's next: when the strongest points left none for it, the strongest
  // one that can be told takes the last place.
  if (!told.some((insight) => chapterOf(insight) === 'next')) {
    for (const insight of input.insights.filter((i) => chapterOf(i) === 'next')) {
      try {
        const next = renderInsight(insight, resolved);
        if (told.length >= MAX_STORY_POINTS) told.pop();
        told.push(next);
        break;
      } catch (error) {
        if (!(error instanceof StoryRenderError)) throw error;
      }
    }
  }
  const chapters = chapterIds
    .map((id) => ({
      id,
      title: catalog.chapters[id],
      insights: told.filter((i) => chapterOf(i) === id),
    }))
    .filter((chapter) => chapter.insights.length > 0);
  const headline = input.headline
    ? renderHeadline(input.headline, resolved)
    : told[0]
      ? { text: told[0].text ?? '', facts: told[0].facts }
      : { text: catalog.status.nothingNotable, facts: [] };
  return { ...base, headline, chapters, notices };
}
