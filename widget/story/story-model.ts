import type { DayRange, Fact, StoryInsight, ValueStory } from '../api/types.ts';
import { fromDay } from '../core/days.ts';
import { type ExplainRequest, type FactFocus, type PlanGoal, TOTAL } from '../core/events.ts';
import { formatFact } from '../core/format.ts';

/** A piece of a sentence: plain text, or a number one of its facts stands behind. */
export interface SentencePart {
  text: string;
  fact?: Fact;
}

/** What the charts should light up for a sentence: each cited driver and period once. */
export function factFocusOf(facts: readonly Fact[]): FactFocus[] {
  const seen = new Set<string>();
  const focus: FactFocus[] = [];
  for (const fact of facts) {
    const { driver, period } = fact.provenance;
    const key = `${driver}|${period.from}|${period.to}`;
    if (seen.has(key)) continue;
    seen.add(key);
    focus.push({ driver, from: period.from, to: period.to });
  }
  return focus;
}

export function hasEstimate(facts: readonly Fact[]): boolean {
  return facts.some((fact) => fact.estimated);
}

/** The number as the sentence says it: the server's formatting, or ours when it sent none. */
export function factText(fact: Fact, locale: string): string {
  return fact.formatted ?? formatFact(fact.value, fact.unit, locale, fact.estimated);
}

/**
 * Splits a sentence around the numbers its facts stand behind, so each can be marked. The longest
 * number wins where two overlap ("5,390 hours" before "5,390"); every occurrence is marked.
 */
export function splitSentence(
  text: string,
  facts: readonly Fact[],
  locale: string,
): SentencePart[] {
  const byText = new Map<string, Fact>();
  for (const fact of facts) {
    const shown = factText(fact, locale);
    if (shown && !byText.has(shown)) byText.set(shown, fact);
  }
  const needles = [...byText.keys()].sort((a, b) => b.length - a.length);
  const taken: Array<{ start: number; end: number; fact: Fact }> = [];
  for (const needle of needles) {
    let from = 0;
    for (;;) {
      const start = text.indexOf(needle, from);
      if (start < 0) break;
      const end = start + needle.length;
      from = end;
      if (taken.some((range) => start < range.end && end > range.start)) continue;
      taken.push({ start, end, fact: byText.get(needle) as Fact });
    }
  }
  taken.sort((a, b) => a.start - b.start);
  const parts: SentencePart[] = [];
  let at = 0;
  for (const range of taken) {
    if (range.start > at) parts.push({ text: text.slice(at, range.start) });
    parts.push({ text: text.slice(range.start, range.end), fact: range.fact });
    at = range.end;
  }
  if (at < text.length || parts.length === 0) parts.push({ text: text.slice(at) });
  return parts;
}

/** compareFrom/compareTo in a fact's provenance query (the explain route's own parameters). */
function comparedIn(facts: readonly Fact[]): DayRange | undefined {
  for (const fact of facts) {
    const search = fact.provenance.query.split('?')[1];
    if (!search) continue;
    const params = new URLSearchParams(search);
    const from = params.get('compareFrom');
    const to = params.get('compareTo');
    if (from && to) return { from, to };
  }
  return undefined;
}

/**
 * "Why did this change?" for an insight: its first driver (or the total), the latest period its
 * facts cite, and the period before it when a fact cites one (or its provenance compares with one).
 */
export function explainRequestOf(insight: StoryInsight, fallback: DayRange): ExplainRequest {
  const driver = insight.drivers[0] ?? TOTAL;
  const periods = insight.facts.map((fact) => fact.provenance.period);
  const current = periods.reduce<DayRange | undefined>(
    (latest, period) =>
      !latest || period.to > latest.to || (period.to === latest.to && period.from < latest.from)
        ? period
        : latest,
    undefined,
  );
  const period = current ?? fallback;
  const earlier = periods
    .filter((candidate) => candidate.to < period.from)
    .reduce<DayRange | undefined>(
      (latest, candidate) => (!latest || candidate.to > latest.to ? candidate : latest),
      undefined,
    );
  const compare = earlier ?? comparedIn(insight.facts);
  return {
    driver,
    from: period.from,
    to: period.to,
    ...(compare ? { compareFrom: compare.from, compareTo: compare.to } : {}),
  };
}

/** A story the server could not tell in full (no data, or not enough yet): it has no chapters. */
export function isStatusStory(story: ValueStory): boolean {
  return story.chapters.length === 0 && story.dataStatus.state !== 'ok';
}

const DAY_MS = 86_400_000;

/**
 * "What would it take?" for a promise the account is behind on: the pace a year that delivers
 * what is still missing by the promise's end, (promised − delivered) / days left × 365, in the
 * promise's unit (money, or its driver's hours, tickets …). None when the promise is not behind
 * or has no days left.
 */
export function planGoalOf(insight: StoryInsight): PlanGoal | undefined {
  if (insight.type !== 'pace_to_promise' || insight.params.status !== 'behind') return undefined;
  const fact = (id: string) => insight.facts.find((candidate) => candidate.id === id);
  const realized = fact('realized');
  const target = fact('target');
  const end = fact('endDate');
  if (!realized || !target || !end) return undefined;
  const daysLeft = Math.round((end.value - fromDay(realized.provenance.period.to)) / DAY_MS);
  const missing = target.value - realized.value;
  if (daysLeft <= 0 || !(missing > 0)) return undefined;
  const driver = insight.drivers[0];
  return {
    target: (missing / daysLeft) * 365,
    ...(driver && driver !== TOTAL ? { driver } : {}),
  };
}
