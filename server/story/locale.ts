/**
 * The story's languages: one message catalog per locale, and how a requested tag ("de-DE", "es_MX",
 * "fr") maps to the catalog the words come from and the tag numbers are formatted with.
 */
import type { Catalog } from './messages/catalog.ts';
import { de } from './messages/de.ts';
import { en } from './messages/en.ts';
import { es } from './messages/es.ts';

export const catalogs = { en, de, es } as const satisfies Record<string, Catalog>;
export type StoryLocale = keyof typeof catalogs;
export const storyLocales = Object.keys(catalogs) as StoryLocale[];

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
  // Own keys only: `constructor` or `toString` is an unknown language, not a member.
  if (Object.hasOwn(catalogs, base)) {
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
