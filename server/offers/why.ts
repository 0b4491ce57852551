import type { Fact } from '../../blueprint/api/story.ts';
import type { DayRange } from '../../blueprint/days.ts';
import { formatAmount, formatMoney } from '../../blueprint/format.ts';
import type { OfferValue } from '../../blueprint/offers.ts';
import { WEEKS_PER_YEAR } from '../../blueprint/projection.ts';
import type { Offer } from '../../blueprint/value-model.ts';
import { resolveLocale, type StoryLocale } from '../story/locale.ts';
import type { AccountContext } from '../value/figures.ts';

type Words = (f: Record<string, string>) => string;

/** "Why this, why now" in the reader's language; every number in it is one of the facts. */
const SENTENCES: Record<StoryLocale, { peers: Words; estimate: Words }> = {
  en: {
    peers: (f) =>
      `${f.adopters} ${f.like === 'yes' ? 'accounts like yours' : 'other accounts'} get value from “${f.value}”: the middle half of them ${f.low} to ${f.high} a year per person. For your ${f.users} active people that would be about ${f.potential} a year, ${f.annual} more than today.`,
    estimate: (f) =>
      `${f.product} estimates about ${f.perUser} a year per person from ${f.offer}; for your ${f.users} active people that would be about ${f.potential} a year, ${f.annual} more than today.`,
  },
  de: {
    peers: (f) =>
      `${f.adopters} ${f.like === 'yes' ? 'Konten wie Ihres' : 'andere Konten'} erzielen Wert aus „${f.value}“: die mittlere Hälfte davon ${f.low} bis ${f.high} pro Person und Jahr. Für Ihre ${f.users} aktiven Personen wären das etwa ${f.potential} pro Jahr, ${f.annual} mehr als heute.`,
    estimate: (f) =>
      `${f.product} schätzt etwa ${f.perUser} pro Person und Jahr durch ${f.offer}; für Ihre ${f.users} aktiven Personen wären das etwa ${f.potential} pro Jahr, ${f.annual} mehr als heute.`,
  },
  es: {
    peers: (f) =>
      `${f.like === 'yes' ? `${f.adopters} cuentas como la tuya` : `Otras ${f.adopters} cuentas`} obtienen valor de «${f.value}»: la mitad central, de ${f.low} a ${f.high} al año por persona. Para tus ${f.users} personas activas serían unos ${f.potential} al año, ${f.annual} más que hoy.`,
    estimate: (f) =>
      `${f.product} estima unos ${f.perUser} al año por persona con ${f.offer}; para tus ${f.users} personas activas serían unos ${f.potential} al año, ${f.annual} más que hoy.`,
  },
};

/** The offer's one-sentence reason with the facts it cites, like a story sentence. */
export function whyOf(
  context: AccountContext,
  offer: Offer,
  value: OfferValue,
  activeUsers: number,
  window: DayRange,
): { text: string; facts: Fact[] } {
  // As the story reads a tag: "es_MX" speaks Spanish with Mexico's numbers, "fr" English.
  const { locale: language, formatLocale: locale } = resolveLocale(context.locale);
  const currency = context.model.currency;
  const provenance = {
    driver: offer.drivers[0] ?? 'total',
    period: window,
    query: '/v1/recommendations',
  };
  const money = { kind: 'money' as const, currency };
  const people = { kind: 'count' as const, singular: 'person', plural: 'people', whole: true };
  const fact = (
    id: string,
    label: string,
    amount: number,
    unit: Fact['unit'],
    estimated: boolean,
  ) => {
    const formatted =
      unit.kind === 'money'
        ? formatMoney(amount, currency, locale, estimated)
        : formatAmount(amount, locale, false, true);
    return { id, label, value: amount, unit, estimated, formatted, provenance } satisfies Fact;
  };
  const facts: Fact[] = [
    fact('potential', 'Likely a year in all', value.annual + value.current, money, true),
    fact('annual', 'Likely more a year than today', value.annual, money, true),
    fact('users', 'Active people in the last 12 weeks', activeUsers, people, false),
  ];
  const grown = context.model.drivers.find((driver) => driver.id === offer.drivers[0]);
  const words: Record<string, string> = {
    offer: offer.label,
    product: context.model.product,
    value: grown?.label ?? offer.label,
    // "Accounts like yours" only when the cohort kept a trait; else they are other accounts.
    like: value.cohort?.traits.length ? 'yes' : 'no',
  };
  if (value.basis === 'peers' && value.cohort) {
    facts.push(
      fact(
        'adopters',
        value.cohort.traits.length > 0
          ? 'Accounts like yours that use it'
          : 'Other accounts that use it (too few like yours)',
        value.cohort.adopters,
        {
          kind: 'count',
          singular: 'account',
          plural: 'accounts',
          whole: true,
        },
        false,
      ),
      fact(
        'low',
        'A year per person, 25th percentile',
        value.perUser.low * WEEKS_PER_YEAR,
        money,
        true,
      ),
      fact(
        'high',
        'A year per person, 75th percentile',
        value.perUser.high * WEEKS_PER_YEAR,
        money,
        true,
      ),
    );
  } else {
    facts.push(
      fact(
        'perUser',
        'The vendor’s estimate a year per person',
        value.perUser.median * WEEKS_PER_YEAR,
        money,
        true,
      ),
    );
  }
  for (const item of facts) words[item.id] = item.formatted ?? String(item.value);
  const sentences = SENTENCES[language];
  const text = value.basis === 'peers' ? sentences.peers(words) : sentences.estimate(words);
  return { text, facts };
}
