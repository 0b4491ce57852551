import { defineStrings } from '../i18n/locale.ts';

/** The story's own words; the story itself comes from the server in the customer's language. */
export const strings = defineStrings({
  en: {
    estimatedHint: 'Estimated: modelled from your usage and assumptions, not measured directly.',
    noStory: 'There is no story for this period yet.',
    updated: 'Story updated: {headline}',
  },
  de: {
    estimatedHint: 'Geschätzt: aus Ihrer Nutzung und Annahmen modelliert, nicht direkt gemessen.',
    noStory: 'Für diesen Zeitraum gibt es noch keine Geschichte.',
    updated: 'Geschichte aktualisiert: {headline}',
  },
  es: {
    estimatedHint: 'Estimado: calculado a partir de tu uso y de supuestos, no medido directamente.',
    noStory: 'Todavía no hay ninguna historia para este periodo.',
    updated: 'Historia actualizada: {headline}',
  },
});
