import { defineStrings } from '../i18n/locale.ts';

/** Where the value comes from, in the customer's words (never "driver"). */
export const strings = defineStrings({
  title: ['Where your value comes from', 'Woher Ihr Wert kommt', 'De dónde viene tu valor'],
  colName: ['Source', 'Quelle', 'Origen'],
  colMoney: ['Value', 'Wert', 'Valor'],
  colUnits: ['Amount', 'Menge', 'Cantidad'],
  colShare: ['Share', 'Anteil', 'Parte'],
  colChange: ['Change', 'Veränderung', 'Cambio'],
  changeNew: ['New', 'Neu', 'Nuevo'],
  changeNone: ['No comparison', 'Kein Vergleich', 'Sin comparación'],
  howCalculated: ['How is this calculated?', 'Wie wird das berechnet?', '¿Cómo se calcula?'],
  saved: [
    '“{label}” is now {value}. Every figure is updated.',
    '„{label}“ ist jetzt {value}. Alle Zahlen sind aktualisiert.',
    '«{label}» ahora es {value}. Todas las cifras están actualizadas.',
  ],
  empty: [
    'No value recorded for this period yet.',
    'Für diesen Zeitraum ist noch kein Wert erfasst.',
    'Todavía no hay valor en este periodo.',
  ],
  no_activity: [
    'Nothing that creates value has been recorded for your account yet.',
    'Für Ihr Konto ist noch nichts erfasst, das Wert schafft.',
    'Todavía no se ha registrado nada que genere valor en tu cuenta.',
  ],
  processing: [
    'Your newest activity is being added to your value; it shows in a moment.',
    'Ihre neueste Aktivität wird gerade in Ihren Wert übernommen; sie erscheint gleich.',
    'Tu actividad más reciente se está sumando a tu valor; aparecerá en un momento.',
  ],
  no_activity_in_period: [
    'Nothing in this period; the latest activity was on {date}.',
    'In diesem Zeitraum nichts; die letzte Aktivität war am {date}.',
    'Nada en este periodo; la última actividad fue el {date}.',
  ],
  starts_in_period: [
    'Activity starts on {date}, after this period begins.',
    'Die Aktivität beginnt am {date}, nach dem Beginn dieses Zeitraums.',
    'La actividad empieza el {date}, después del inicio de este periodo.',
  ],
  whole_account_only: [
    'Promises and price are for your whole account, so a filtered view leaves them out.',
    'Zusagen und Preis gelten für Ihr ganzes Konto; eine gefilterte Ansicht lässt sie daher weg.',
    'Las promesas y el precio son de toda tu cuenta, así que una vista filtrada los deja fuera.',
  ],
  promisedTitle: [
    'Against what was promised',
    'Gemessen am Versprochenen',
    'Frente a lo prometido',
  ],
  roi: [
    'Your value is {multiple} what you pay.',
    'Ihr Wert beträgt das {multiple} dessen, was Sie zahlen.',
    'Tu valor es {multiple} lo que pagas.',
  ],
  payback: [
    '{days} of value pay for a year of what you pay.',
    'Schon {days} Wertschöpfung decken die Kosten eines ganzen Jahres.',
    'Con {days} de valor ya cubres lo que pagas en un año.',
  ],
  promiseProgress: [
    '{realized} of {target} so far ({share}).',
    'Bisher {realized} von {target} ({share}).',
    '{realized} de {target} hasta ahora ({share}).',
  ],
  expectedByNow: [
    'Expected by now: {expected}.',
    'Bis heute erwartet: {expected}.',
    'Esperado a estas alturas: {expected}.',
  ],
  ahead: ['Ahead of the promise', 'Vor dem Plan', 'Por encima de lo prometido'],
  onTrack: ['On track', 'Im Plan', 'Al ritmo previsto'],
  behind: ['Behind', 'Hinter dem Plan', 'Por debajo de lo prometido'],
  met: ['Met', 'Erfüllt', 'Cumplida'],
  missed: ['Missed', 'Verfehlt', 'No cumplida'],
  notStarted: ['Not started yet', 'Noch nicht begonnen', 'Aún no ha empezado'],
});
