import { defineStrings } from '../i18n/locale.ts';

/**
 * The words of "How is this calculated?" (the formula, events and assumptions, and their editing),
 * in the details' own chunk: loaded the first time a customer opens them.
 */
export const strings = defineStrings({
  formula: ['Formula', 'Formel', 'Fórmula'],
  count: ['count of “{event}”', 'Anzahl der Ereignisse „{event}“', 'número de «{event}»'],
  sum: [
    'sum of {property} on “{event}”',
    'Summe von {property} aus „{event}“',
    'suma de {property} en «{event}»',
  ],
  distinct_users: [
    'people who used “{event}”',
    'Personen, die „{event}“ genutzt haben',
    'personas que usaron «{event}»',
  ],
  where: [' where {conditions}', ', wobei {conditions}', ' donde {conditions}'],
  and: [' and ', ' und ', ' y '],
  quote: ['"{text}"', '„{text}“', '«{text}»'],
  op_eq: ['{property} is {value}', '{property} {value} ist', '{property} es {value}'],
  op_neq: ['{property} is not {value}', '{property} nicht {value} ist', '{property} no es {value}'],
  op_in: [
    '{property} is one of {value}',
    '{property} einer von {value} ist',
    '{property} es uno de {value}',
  ],
  op_gt: ['{property} > {value}', '{property} > {value} ist', '{property} > {value}'],
  op_gte: ['{property} ≥ {value}', '{property} ≥ {value} ist', '{property} ≥ {value}'],
  op_lt: ['{property} < {value}', '{property} < {value} ist', '{property} < {value}'],
  op_lte: ['{property} ≤ {value}', '{property} ≤ {value} ist', '{property} ≤ {value}'],
  op_exists: ['{property} is set', '{property} gesetzt ist', '{property} tiene un valor'],
  eventsCounted: ['Events', 'Ereignisse', 'Eventos'],
  events_one: ['{count} event', '{count} Ereignis', '{count} evento'],
  events_other: ['{count} events', '{count} Ereignisse', '{count} eventos'],
  eventsOf: ['{count} of “{event}”', '{count} von „{event}“', '{count} de «{event}»'],
  assumptionsUsed: ['Assumptions', 'Annahmen', 'Supuestos'],
  noAssumptions: [
    'Measured directly; it uses no assumptions.',
    'Direkt gemessen, ohne Annahmen.',
    'Medido directamente, sin supuestos.',
  ],
  sourceVendor: ['{vendor}’s default', 'Standard von {vendor}', 'Por defecto de {vendor}'],
  sourceDefault: ['Default', 'Standard', 'Por defecto'],
  sourceCustomer: ['Set by your team', 'Von Ihrem Team festgelegt', 'Fijado por tu equipo'],
  changedBy: [
    'Changed by {user} on {date}.',
    'Geändert von {user} am {date}.',
    'Cambiado por {user} el {date}.',
  ],
  bounds: ['From {min} to {max}.', 'Von {min} bis {max}.', 'De {min} a {max}.'],
  save: ['Save', 'Speichern', 'Guardar'],
  saving: ['Saving…', 'Speichert…', 'Guardando…'],
  reset: ['Reset to default ({value})', 'Standard ({value})', 'Por defecto ({value})'],
  invalidNumber: ['Enter a number.', 'Geben Sie eine Zahl ein.', 'Escribe un número.'],
  outOfBounds: [
    'Enter a value from {min} to {max}. Nothing was saved.',
    'Erlaubt: {min} bis {max}. Nichts gespeichert.',
    'Permitido: de {min} a {max}. No se ha guardado.',
  ],
  viewerHint: [
    'Only editors on your team can change these assumptions.',
    'Nur Bearbeiter Ihres Teams können Annahmen ändern.',
    'Solo los editores de tu equipo pueden cambiar supuestos.',
  ],
});
