import { defineStrings } from '../i18n/locale.ts';

/** The trend chart's words. `{unit}` is a bucket word: day, week, month (`{units}` its plural). */
export const strings = defineStrings({
  title: ['Value over time', 'Wert im Zeitverlauf', 'Valor en el tiempo'],
  show: ['Show', 'Anzeigen', 'Mostrar'],
  allValue: ['All value', 'Gesamter Wert', 'Todo el valor'],
  realized: ['Realized value', 'Erzielter Wert', 'Valor obtenido'],
  pace: ['Promised pace', 'Zugesagtes Tempo', 'Ritmo prometido'],
  promised: [
    'Promised value realized ({drivers})',
    'Erzielter zugesagter Wert ({drivers})',
    'Valor prometido obtenido ({drivers})',
  ],
  forecast: ['Forecast', 'Prognose', 'Previsión'],
  partial: ['Partial period', 'Unvollständiger Zeitraum', 'Periodo incompleto'],
  partial_day: ['Today so far', 'Heute bisher', 'Hoy hasta ahora'],
  partial_week: [
    'Partial week: {days} of {of} days',
    'Unvollständige Woche: {days} von {of} Tagen',
    'Semana incompleta: {days} de {of} días',
  ],
  partial_month: [
    'Partial month: {days} of {of} days',
    'Unvollständiger Monat: {days} von {of} Tagen',
    'Mes incompleto: {days} de {of} días',
  ],
  statusBehind: [
    'Behind the promise so far',
    'Bisher hinter der Zusage',
    'Por ahora, por debajo de lo prometido',
  ],
  statusBehindSome: [
    'Behind on {behind} of {count} promises so far',
    'Bisher bei {behind} von {count} Zusagen im Rückstand',
    'Por ahora, por debajo en {behind} de {count} compromisos',
  ],
  statusAhead: [
    'Ahead of the promise so far',
    'Bisher vor der Zusage',
    'Por ahora, por encima de lo prometido',
  ],
  statusOnPace: ['On pace for the promise', 'Im Plan für die Zusage', 'Al ritmo de lo prometido'],
  forecastRange: [
    'likely {low} to {high}',
    'wahrscheinlich {low} bis {high}',
    'probablemente entre {low} y {high}',
  ],
  unusual: ['Unusual', 'Ungewöhnlich', 'Inusual'],
  empty: [
    'No value in this period yet. It shows here once your team uses the product.',
    'In diesem Zeitraum gibt es noch keinen Wert. Er erscheint hier, sobald Ihr Team das Produkt nutzt.',
    'Todavía no hay valor en este periodo. Aparecerá aquí en cuanto tu equipo use el producto.',
  ],
  day: ['day', 'Tag', 'día'],
  days: ['days', 'Tage', 'días'],
  week: ['week', 'Woche', 'semana'],
  weeks: ['weeks', 'Wochen', 'semanas'],
  month: ['month', 'Monat', 'mes'],
  months: ['months', 'Monate', 'meses'],
  plotLabel: [
    '{what} per {unit}, {first} to {last}. The arrow keys move between {units}; Enter shows why one changed.',
    '{what} pro {unit}, {first} bis {last}. Pfeiltasten wechseln zwischen {units}; Enter zeigt, warum sich etwas geändert hat.',
    '{what} por {unit}, de {first} a {last}. Usa las flechas para moverte entre {units}; Intro muestra por qué cambió.',
  ],
  why: [
    'Click or press Enter to see why this changed.',
    'Klicken oder Enter drücken: warum hat sich das geändert?',
    'Haz clic o pulsa Intro para ver por qué cambió.',
  ],
  summary: [
    'From {first} to {last}, {what} went from {firstValue} to {lastValue} per {unit}, {total} in all. The trend is {direction}.',
    'Von {first} bis {last} ging {what} von {firstValue} auf {lastValue} pro {unit}, insgesamt {total}. Der Trend ist {direction}.',
    'De {first} a {last}, {what} pasó de {firstValue} a {lastValue} por {unit}, {total} en total. La tendencia es {direction}.',
  ],
  summaryPace: [
    'The promised pace is about {pace} per {unit}.',
    'Das zugesagte Tempo liegt bei etwa {pace} pro {unit}.',
    'El ritmo prometido es de unos {pace} por {unit}.',
  ],
  summaryForecast: [
    'The forecast for next week is about {forecast}.',
    'Die Prognose für die nächste Woche liegt bei etwa {forecast}.',
    'La previsión para la próxima semana es de unos {forecast}.',
  ],
  forecastWait: [
    'No forecast yet: it needs {needed} complete weeks of activity; {have} so far.',
    'Noch keine Prognose: Dafür braucht es {needed} vollständige Wochen mit Aktivität, bisher {have}.',
    'Aún no hay previsión: necesita {needed} semanas completas de actividad; por ahora, {have}.',
  ],
  up: ['rising', 'steigend', 'al alza'],
  down: ['falling', 'fallend', 'a la baja'],
  flat: ['steady', 'gleichbleibend', 'estable'],
  tableCaption: ['{what} per {unit}', '{what} pro {unit}', '{what} por {unit}'],
  when: ['When', 'Zeitraum', 'Periodo'],
  marked: ['Marked on the chart', 'Im Diagramm markiert', 'Marcado en el gráfico'],
});
