import { defineStrings } from '../i18n/locale.ts';

/** The hand-off's words the pieces show in the main bundle: few, on purpose. */
export const strings = defineStrings({
  ask: ['Ask about this', 'Dazu nachfragen', 'Preguntar por esto'],
  sharedBy: [
    'Shared by {name}, your success manager',
    'Geteilt von {name}, Ihrem Success Manager',
    'Compartido por {name}, tu gestor de cuenta',
  ],
  planGone: [
    'That plan is no longer saved.',
    'Dieser Plan ist nicht mehr gespeichert.',
    'Ese plan ya no está guardado.',
  ],
});
