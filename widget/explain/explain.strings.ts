import { defineStrings } from '../i18n/locale.ts';

/** The words of `<vp-explain>`: what moved the value, where, against which period. */
export const strings = defineStrings({
  title: ['What moved it', 'Was es bewegt hat', 'Qué lo movió'],
  what: ['What to explain', 'Was erklären', 'Qué explicar'],
  nameUser: ['User', 'Nutzer', 'Usuario'],
  allValue: ['All value', 'Gesamter Wert', 'Todo el valor'],
  thisPeriod: ['This period', 'Dieser Zeitraum', 'Este periodo'],
  comparedWith: ['Compared with', 'Verglichen mit', 'Comparado con'],
  changeDates: ['Change dates', 'Daten ändern', 'Cambiar fechas'],
  hideDates: ['Hide dates', 'Daten ausblenden', 'Ocultar fechas'],
  from: ['From', 'Von', 'Desde'],
  to: ['To', 'Bis', 'Hasta'],
  explain: ['Explain', 'Erklären', 'Explicar'],
  idle: [
    'Pick what to explain and the two periods, then choose Explain.',
    'Wählen Sie, was erklärt werden soll, und die Zeiträume, dann „Erklären“.',
    'Elige qué explicar y los dos periodos, y pulsa Explicar.',
  ],
  listUnavailable: [
    'Only “All value” can be explained right now.',
    'Gerade lässt sich nur „Gesamter Wert“ erklären.',
    'Ahora solo se puede explicar «Todo el valor».',
  ],
  problemMissing: [
    '{period}: pick a start and an end date.',
    '{period}: Wählen Sie Start- und Enddatum.',
    '{period}: elige fecha de inicio y de fin.',
  ],
  problemOrder: [
    '{period}: the start date is after the end date.',
    '{period}: Das Startdatum liegt nach dem Enddatum.',
    '{period}: la fecha de inicio es posterior a la de fin.',
  ],
  problemLength: [
    '{period}: {days} days; at most {max}.',
    '{period}: {days} Tage; höchstens {max}.',
    '{period}: {days} días; como máximo {max}.',
  ],
  subjectTotal: ['Your value', 'Ihr Wert', 'Tu valor'],
  moved: [
    '{subject} went {way} by {amount}{percent} against {compare}',
    '{subject} ist gegenüber {compare} um {amount}{percent} {way}',
    '{subject} {way} {amount}{percent} frente a {compare}',
  ],
  up: ['up', 'gestiegen', 'subió'],
  down: ['down', 'gesunken', 'bajó'],
  rise: ['rise', 'Anstiegs', 'subida'],
  drop: ['drop', 'Rückgangs', 'bajada'],
  most: ['most of the {change}', 'der Großteil des {change}', 'la mayor parte de la {change}'],
  largest: [
    'the largest part of the {change}',
    'der größte Teil des {change}',
    'la parte más grande de la {change}',
  ],
  cameFrom: [
    '{part} came from {who} ({delta}, {share} of the change)',
    '{part} kam von {who} ({delta}, {share} der Veränderung)',
    '{part} vino de {who} ({delta}, {share} del cambio)',
  ],
  whoNamed: ['the {value} {label}', '{label} „{value}“', '{label} «{value}»'],
  whoUser: ['{value}', '{value}', '{value}'],
  /** A person, never by raw id: numbered by how much their value moved. */
  person: ['User {n}', 'Person {n}', 'Persona {n}'],
  cameFromBeyond: [
    '{part} came from {who} ({delta}, more than the whole change: other parts moved the other way)',
    '{part} kam von {who} ({delta}, mehr als die gesamte Veränderung: Andere Bereiche bewegten sich gegenläufig)',
    '{part} vino de {who} ({delta}, más que todo el cambio: otras partes se movieron en sentido contrario)',
  ],
  shareBeyond: [
    'more than the whole change: other parts moved the other way',
    'mehr als die gesamte Veränderung: Andere Bereiche bewegten sich gegenläufig',
    'más que todo el cambio: otras partes se movieron en sentido contrario',
  ],
  shareAgainst: [
    'against the change: it moved the other way',
    'gegen die Veränderung: Dieser Bereich bewegte sich gegenläufig',
    'en contra del cambio: se movió en sentido contrario',
  ],
  noChange: [
    '{subject} did not change between {period} and {compare}.',
    '{subject} hat sich zwischen {period} und {compare} nicht verändert.',
    '{subject} no cambió entre {period} y {compare}.',
  ],
  noValue: [
    'There is no value in either period ({period} or {compare}), so nothing moved.',
    'Kein Wert in beiden Zeiträumen ({period}, {compare}), also keine Bewegung.',
    'No hay valor en ningún periodo ({period} ni {compare}): nada se movió.',
  ],
  byLabel: ['By {label}', 'Nach {label}', 'Por {label}'],
  everythingElse: [
    'Everything else ({count})',
    'Alles andere ({count})',
    'Todo lo demás ({count})',
  ],
  now: ['now {value}', 'jetzt {value}', 'ahora {value}'],
  before: ['before {value}', 'vorher {value}', 'antes {value}'],
  shareOfChange: ['{share} of the change', '{share} der Veränderung', '{share} del cambio'],
  columnPrevious: ['Compared period', 'Vergleichszeitraum', 'Periodo comparado'],
  columnChange: ['Change', 'Veränderung', 'Cambio'],
  columnShare: ['Share of the change', 'Anteil an der Veränderung', 'Parte del cambio'],
});
