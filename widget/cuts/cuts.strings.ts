import { defineStrings } from '../i18n/locale.ts';

/** The words of `<vp-cuts>`: the period, what to compare with, and what to show. */
export const strings = defineStrings({
  barLabel: ['What you are looking at', 'Was Sie sich ansehen', 'Lo que estás viendo'],
  period: ['Period', 'Zeitraum', 'Periodo'],
  preset30d: ['Last 30 days', 'Letzte 30 Tage', 'Últimos 30 días'],
  preset90d: ['Last 90 days', 'Letzte 90 Tage', 'Últimos 90 días'],
  presetQtd: ['Quarter to date', 'Quartal bis heute', 'Trimestre hasta hoy'],
  presetYtd: ['Year to date', 'Jahr bis heute', 'Año hasta hoy'],
  preset12m: ['Last 12 months', 'Letzte 12 Monate', 'Últimos 12 meses'],
  presetCustom: ['Custom dates…', 'Eigene Daten…', 'Fechas personalizadas…'],
  includeToday: ['Include today', 'Heute einbeziehen', 'Incluir hoy'],
  from: ['From', 'Von', 'Desde'],
  to: ['To', 'Bis', 'Hasta'],
  compareFrom: ['Compare from', 'Vergleich von', 'Comparar desde'],
  compareTo: ['Compare to', 'Vergleich bis', 'Comparar hasta'],
  apply: ['Apply dates', 'Daten übernehmen', 'Aplicar fechas'],
  compare: ['Compared with', 'Verglichen mit', 'Comparado con'],
  comparePrevious: ['The period before', 'Dem Zeitraum davor', 'El periodo anterior'],
  compareLastYear: [
    'The same period last year',
    'Demselben Zeitraum im Vorjahr',
    'El mismo periodo del año pasado',
  ],
  compareCustom: ['Custom dates…', 'Eigene Daten…', 'Fechas personalizadas…'],
  customPeriod: ['Custom period', 'Eigener Zeitraum', 'Periodo personalizado'],
  customCompare: [
    'Custom period to compare with',
    'Eigener Vergleichszeitraum',
    'Periodo personalizado para comparar',
  ],
  problemMissing: [
    'Pick both a start date and an end date.',
    'Wählen Sie ein Start- und ein Enddatum.',
    'Elige una fecha de inicio y una de fin.',
  ],
  problemOrder: [
    'The start date is after the end date. Pick a start on or before the end.',
    'Das Startdatum liegt nach dem Enddatum. Wählen Sie einen Start am oder vor dem Ende.',
    'La fecha de inicio es posterior a la de fin. Elige un inicio igual o anterior al fin.',
  ],
  problemLength: [
    'That is {days} days. A period can be at most {max} days (about ten years).',
    'Das sind {days} Tage. Ein Zeitraum darf höchstens {max} Tage (etwa zehn Jahre) umfassen.',
    'Son {days} días. Un periodo puede tener como máximo {max} días (unos diez años).',
  ],
  show: ['Show', 'Anzeigen', 'Mostrar'],
  everything: ['Everything', 'Alles', 'Todo'],
  byLabel: ['By {label}', 'Nach {label}', 'Por {label}'],
  pickValue: ['Choose one…', 'Bitte wählen…', 'Elige uno…'],
  clearFilter: ['Clear filter', 'Filter entfernen', 'Quitar filtro'],
  filterLoading: [
    'Loading the ways to filter…',
    'Filtermöglichkeiten werden geladen…',
    'Cargando las formas de filtrar…',
  ],
  filterUnavailable: [
    'Filtering is unavailable right now.',
    'Filtern ist gerade nicht möglich.',
    'Ahora mismo no se puede filtrar.',
  ],
  summary: [
    '{period}, compared with {compare}',
    '{period}, verglichen mit {compare}',
    '{period}, comparado con {compare}',
  ],
  summaryFiltered: [
    '{period}, compared with {compare}. Only {label}: {value}',
    '{period}, verglichen mit {compare}. Nur {label}: {value}',
    '{period}, comparado con {compare}. Solo {label}: {value}',
  ],
});
