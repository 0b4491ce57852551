/**
 * Renders insights into sentences through ICU message templates. Numbers reach a sentence only as
 * facts formatted by format.ts and passed in as strings; plural selectors get the raw value but the
 * catalogs never print it (no `#`), which the tests check.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { Fact, Insight, InsightType } from '../insights/insight.ts';
import { formatFact } from './format.ts';
import { type RephraseHook, rephraseChecked } from './guard.ts';
import type { Catalog, ChapterId } from './messages/catalog.ts';
import { chapterIds } from './messages/catalog.ts';
import { de } from './messages/de.ts';
import { en } from './messages/en.ts';
import { es } from './messages/es.ts';

export const catalogs = { en, de, es } as const satisfies Record<string, Catalog>;
export type StoryLocale = keyof typeof catalogs;
export const storyLocales = Object.keys(catalogs) as StoryLocale[];

/** UX: three to five story points; more is a list of numbers, not a story. */
export const MAX_STORY_POINTS = 5;

/**
 * The facts each insight type's message needs, by fact id; optional ones switch a clause on or off.
 * This is the contract with the detectors: an insight without its required facts is not told.
 */
export const factRoles: Record<InsightType, { required: string[]; optional?: string[] }> = {
  period_change: { required: ['current', 'change'], optional: ['value'] },
  pace_to_promise: {
    required: ['realized', 'target', 'share', 'endDate'],
    optional: ['projected', 'expected'],
  },
  roi: { required: ['money', 'multiple', 'spend'], optional: ['payback'] },
  trend: { required: ['slope', 'slopeShare', 'weeks'] },
  trend_change: { required: ['turnedOn', 'slopeBefore', 'slopeAfter'] },
  unusual_change: { required: ['bucket', 'observed', 'expected'], optional: ['deviation'] },
  top_contributors: { required: ['delta1'], optional: ['share1', 'delta2'] },
  top_detractors: { required: ['delta1'], optional: ['share1', 'delta2'] },
  concentration: { required: ['topCount', 'keyShare', 'valueShare', 'topMoney'] },
  record: { required: ['bucket', 'record'], optional: ['margin'] },
  adoption_gap: { required: ['money', 'share', 'peerMoney'] },
};

/** Params each type's message selects on (values listed in the catalogs); names are free text. */
export const paramRoles: Record<InsightType, string[]> = {
  period_change: ['direction', 'period'],
  pace_to_promise: ['status'],
  roi: [],
  trend: ['direction'],
  trend_change: ['direction'],
  unusual_change: ['direction', 'grain'],
  top_contributors: [],
  top_detractors: [],
  concentration: ['by'],
  record: ['grain'],
  adoption_gap: ['driver'],
};

export interface ResolvedLocale {
  /** The catalog the words come from. */
  locale: StoryLocale;
  /** The tag Intl formats numbers and dates with: "es-MX" keeps Mexico's separators. */
  formatLocale: string;
  fallback: boolean;
}

/** 'de-DE' → de, 'es_MX' → es, 'fr' → en with `fallback: true`. */
export function resolveLocale(requested: string | undefined): ResolvedLocale {
  const tag = (requested ?? 'en').trim().replace(/_/g, '-');
  const base = tag.split('-')[0]?.toLowerCase() ?? '';
  if (base in catalogs) {
    let formatLocale: string = base;
    try {
      formatLocale = Intl.NumberFormat.supportedLocalesOf([tag])[0] ?? base;
    } catch {
      // A malformed tag still gets its language's words.
    }
    return { locale: base as StoryLocale, formatLocale, fallback: false };
  }
  return { locale: 'en', formatLocale: 'en', fallback: true };
}

export class StoryRenderError extends Error {
  override name = 'StoryRenderError';
}

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

/** Template arguments from formatted facts and params: strings, plus plural selectors. */
function messageArgs(
  facts: readonly Fact[],
  params: Record<string, string>,
  optional: readonly string[] = [],
): Record<string, string | number> {
  const args: Record<string, string | number> = { ...params };
  for (const id of optional) args[`has_${id}`] = 'no';
  for (const fact of facts) {
    args[fact.id] = fact.formatted ?? '';
    args[`${fact.id}_n`] = Math.abs(fact.value);
    args[`${fact.id}_est`] = fact.estimated ? 'yes' : 'no';
    args[`has_${fact.id}`] = 'yes';
  }
  return args;
}

function requireFacts(facts: readonly Fact[], ids: readonly string[], what: string): void {
  const missing = ids.filter((id) => !facts.some((fact) => fact.id === id));
  if (missing.length > 0)
    throw new StoryRenderError(`${what} is missing facts: ${missing.join(', ')}`);
}

/** Names a sentence may contain that are not numbers (team, feature): blanked out by the guard. */
export function namesIn(insight: Insight): string[] {
  return [
    insight.segment?.value,
    insight.params.name,
    insight.params.feature,
    insight.params.subject,
    insight.params.driver,
    insight.params.segment1,
    insight.params.segment2,
    insight.params.segment3,
  ].filter((name): name is string => typeof name === 'string' && name.length > 0);
}

/** The insight with its facts formatted and its sentence and follow-up question rendered. */
export function renderInsight(insight: Insight, locale: string | ResolvedLocale): Insight {
  const resolved = typeof locale === 'string' ? resolveLocale(locale) : locale;
  const catalog = catalogs[resolved.locale];
  const roles = factRoles[insight.type];
  requireFacts(insight.facts, roles.required, `insight ${insight.id} (${insight.type})`);
  const missingParams = paramRoles[insight.type].filter((param) => !insight.params[param]);
  if (missingParams.length > 0) {
    throw new StoryRenderError(
      `insight ${insight.id} is missing params: ${missingParams.join(', ')}`,
    );
  }
  const facts = formatFacts(insight.facts, resolved);
  const params: Record<string, string> = {
    ...(insight.segment ? { by: insight.segment.by, name: insight.segment.value } : {}),
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
  const args = {
    ...messageArgs(facts, params, roles.optional),
    has_subject: params.subject ? 'yes' : 'no',
  };
  return {
    ...insight,
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
}

export function renderHeadline(
  input: HeadlineInput,
  locale: string | ResolvedLocale,
): RenderedText {
  const resolved = typeof locale === 'string' ? resolveLocale(locale) : locale;
  requireFacts(input.facts, ['money'], 'the headline');
  const facts = formatFacts(input.facts, resolved);
  const args = messageArgs(facts, { period: 'other', action: 'gained', ...input.params }, [
    'amount',
    'multiple',
  ]);
  return { text: format(catalogs[resolved.locale].headline, resolved.locale, args), facts };
}

/**
 * Why the story is short. Facts by id: not_enough_data has `needed` and `have` (days) and maybe
 * `readyDate`; no_data may have `lastDay`; partial has `firstDay` (dates).
 */
export type StoryDataStatus =
  | { state: 'ok' }
  | { state: 'partial'; facts: Fact[] }
  | { state: 'no_data'; reason: 'no_activity' | 'no_activity_in_period'; facts: Fact[] }
  | { state: 'not_enough_data'; facts: Fact[] };

export interface StoryInput {
  /** Ranked, best first, already de-duplicated by the detectors. */
  insights: Insight[];
  /** The story tells one slice of the account: said plainly, next to the headline. */
  slice?: { segment: string; value: string } | { feature: true; value: string };
  dataStatus: StoryDataStatus;
  headline?: HeadlineInput;
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

  const told: Insight[] = [];
  for (const insight of input.insights) {
    if (told.length >= MAX_STORY_POINTS) break;
    try {
      told.push(renderInsight(insight, resolved));
    } catch (error) {
      if (!(error instanceof StoryRenderError)) throw error;
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

/**
 * Lets a deployment's language model reword each story point. Off unless a hook is passed; the
 * hook sees only the formatted facts, and a sentence with a number that is not a fact is dropped.
 */
export async function rephraseStory(
  story: RenderedStory,
  hook: RephraseHook,
): Promise<RenderedStory> {
  const formatLocale = story.locale;
  const chapters = await Promise.all(
    story.chapters.map(async (chapter) => ({
      ...chapter,
      insights: await Promise.all(
        chapter.insights.map(async (insight) => {
          const { text } = await rephraseChecked(
            insight.text ?? '',
            insight.facts,
            formatLocale,
            hook,
            namesIn(insight),
          );
          return { ...insight, text };
        }),
      ),
    })),
  );
  return { ...story, chapters };
}
