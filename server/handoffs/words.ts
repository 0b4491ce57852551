import type { StoryLocale } from '../story/locale.ts';

/**
 * Topic labels the server says itself, in the customer's words and the story's voice (German
 * "Sie", Spanish "tú"); the others are the model's own words (plan names, offers, drivers).
 */
export const topicWords: Record<StoryLocale, { general: string; total: string }> = {
  en: { general: 'General question', total: 'Your total value' },
  de: { general: 'Allgemeine Frage', total: 'Ihr gesamter Wert' },
  es: { general: 'Pregunta general', total: 'Tu valor total' },
};
