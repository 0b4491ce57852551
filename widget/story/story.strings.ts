import { defineStrings } from '../i18n/locale.ts';

/** The story's own words; the story itself comes from the server in the customer's language. */
export const strings = defineStrings({
  estimatedHint: [
    'Estimated: modelled from your usage and assumptions, not measured directly.',
    'Geschätzt: aus Ihrer Nutzung und Annahmen modelliert, nicht direkt gemessen.',
    'Estimado: calculado a partir de tu uso y de supuestos, no medido directamente.',
  ],
  noStory: [
    'There is no story for this period yet.',
    'Für diesen Zeitraum gibt es noch keine Geschichte.',
    'Todavía no hay ninguna historia para este periodo.',
  ],
  updated: [
    'Story updated: {headline}',
    'Geschichte aktualisiert: {headline}',
    'Historia actualizada: {headline}',
  ],
});
