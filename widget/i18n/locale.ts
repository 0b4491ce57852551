/** The languages the widget's own words come in; the story comes from the server in the same one. */
export const widgetLocales = ['en', 'de', 'es'] as const;
export type WidgetLocale = (typeof widgetLocales)[number];

/** "de-AT" → "de"; anything we do not speak → "en". */
export function resolveLocale(tag: string | undefined | null): WidgetLocale {
  const language = (tag ?? '').toLowerCase().split(/[-_]/)[0] ?? '';
  return (widgetLocales as readonly string[]).includes(language)
    ? (language as WidgetLocale)
    : 'en';
}

/** The page's language when the element is given none. */
export function pageLocale(): string {
  return document.documentElement.lang || navigator.language || 'en';
}

/**
 * A component's words: each key with its text in every widget language, in the order of
 * `widgetLocales` ([en, de, es]) and side by side, so a translation is read next to its source;
 * the compiler refuses a key that lacks a language. `{name}` in a text is replaced by
 * `vars.name`. A key ending in `_one`/`_other` is chosen with `pluralForm()`.
 */
export function defineStrings<K extends string>(
  catalog: Readonly<Record<K, readonly [en: string, de: string, es: string]>>,
) {
  function t(locale: string, key: K, vars: Record<string, string | number> = {}): string {
    const text = catalog[key][widgetLocales.indexOf(resolveLocale(locale))] as string;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
      name in vars ? String(vars[name]) : whole,
    );
  }
  return t;
}

/** The plural form (`one`, `other`, …) of a count in a language, for choosing a string key. */
export function pluralForm(locale: string, count: number): 'one' | 'other' {
  return new Intl.PluralRules(resolveLocale(locale)).select(count) === 'one' ? 'one' : 'other';
}
