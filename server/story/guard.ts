/**
 * The story never states a number that is not one of its facts. These functions find every number
 * in a rendered sentence so a test, or the optional rephrasing hook, can check that promise.
 */
import type { Fact, Insight } from '../insights/insight.ts';

export interface NumberToken {
  /** The number as written, whitespace normalised: "1.240", "68K", "1,2 Mio.", "18 %", "2,4×". */
  text: string;
  /** Its value read with the locale's separators and suffix: "68K" → 68000, "18 %" → 0.18. */
  value: number;
}

// Digits joined by a group or decimal separator (incl. no-break spaces), then an optional compact
// suffix, percent or times sign. A suffix must not run into a word ("2 Monate" is not "2 M").
const numberPattern =
  /\d+(?:[.,\u00a0\u202f']\d+)*(?:[ \u00a0\u202f]?(?:%|×|Mio\.|Mrd\.|Bio\.|mil M|mil|[KMBTk])(?![\p{L}\d]))?/gu;

const suffixScale: [RegExp, number][] = [
  [/mil M$|Mrd\.$|B$/, 1e9],
  [/Bio\.$|T$/, 1e12],
  [/Mio\.$|M$/, 1e6],
  [/mil$|K$|k$/, 1e3],
  [/%$/, 0.01],
];

function separators(locale: string): { group: string; decimal: string } {
  const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
  return {
    group: parts.find((part) => part.type === 'group')?.value ?? ',',
    decimal: parts.find((part) => part.type === 'decimal')?.value ?? '.',
  };
}

function normalise(text: string): string {
  return text.replace(/[\s\u00a0\u202f]+/g, ' ').trim();
}

/** Every number in a sentence, as written and as read for the locale. */
export function numbersIn(text: string, locale: string): NumberToken[] {
  const { group, decimal } = separators(locale);
  const tokens: NumberToken[] = [];
  for (const match of text.matchAll(numberPattern)) {
    const written = normalise(match[0]);
    const digits = /^[\d.,\u00a0\u202f' ]*\d/.exec(written)?.[0] ?? written;
    const plain = digits
      .split(group === '\u00a0' || group === '\u202f' ? /[\u00a0\u202f ]/ : group)
      .join('')
      .split(decimal)
      .join('.');
    const suffix = written.slice(digits.length).trim();
    const scale = suffixScale.find(([pattern]) => pattern.test(suffix))?.[1] ?? 1;
    tokens.push({ text: written, value: Number.parseFloat(plain) * scale });
  }
  return tokens;
}

/**
 * True when every number in `text` is written exactly as in one of the facts' formatted strings.
 * `names` (team, feature names) are params, not numbers, and are blanked out first.
 */
export function onlyFactNumbers(
  text: string,
  facts: readonly Fact[],
  locale: string,
  names: readonly string[] = [],
): boolean {
  const allowed = new Set(
    facts
      .flatMap((fact) => (fact.formatted ? numbersIn(fact.formatted, locale) : []))
      .map((t) => t.text),
  );
  let checked = text;
  for (const name of names) if (name) checked = checked.split(name).join(' ');
  return numbersIn(checked, locale).every((token) => allowed.has(token.text));
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
    // An offer's label and the vendor's product name ("Pro 2" is a name, not a number).
    insight.params.offer,
    insight.params.value,
    insight.params.product,
    // The period's name ("in the last 90 days", "in Q3 2026"): said from the facts' period.
    insight.params.periodIn,
    insight.params.PeriodIn,
    insight.params.comparedWith,
  ].filter((name): name is string => typeof name === 'string' && name.length > 0);
}

/** Passes the facts (formatted, nothing else) to a deployment's language model for rephrasing. */
export type RephraseHook = (facts: readonly Fact[]) => Promise<string>;

/**
 * The hook's sentence if it states only fact numbers, else the template's sentence: a model may
 * reword, never invent. A hook that fails also falls back, so the story still renders.
 */
export async function rephraseChecked(
  templateText: string,
  facts: readonly Fact[],
  locale: string,
  hook: RephraseHook,
  names: readonly string[] = [],
): Promise<{ text: string; rephrased: boolean }> {
  try {
    const candidate = (await hook(facts)).trim();
    if (candidate && onlyFactNumbers(candidate, facts, locale, names)) {
      return { text: candidate, rephrased: true };
    }
  } catch {
    // A broken hook must not break the story; the template text is always true.
  }
  return { text: templateText, rephrased: false };
}
