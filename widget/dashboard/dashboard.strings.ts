import { defineStrings } from '../i18n/locale.ts';

export const strings = defineStrings({
  title: ['Your value', 'Ihr Wert', 'Tu valor'],
  showing: ['Showing {period}', 'Zeitraum: {period}', 'Mostrando {period}'],
  showingFiltered: [
    'Showing {period}, {by}: {value}',
    'Zeitraum: {period}, {by}: {value}',
    'Mostrando {period}, {by}: {value}',
  ],
  explainTitle: ['Why did this change?', 'Warum hat sich das verändert?', '¿Por qué ha cambiado?'],
  trendTitle: ['Over time', 'Im Zeitverlauf', 'A lo largo del tiempo'],
  driversTitle: ['Where your value comes from', 'Woher Ihr Wert kommt', 'De dónde viene tu valor'],
  storyTitle: ['Your story', 'Ihre Geschichte', 'Tu historia'],
});
