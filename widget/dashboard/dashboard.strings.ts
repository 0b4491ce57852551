import { defineStrings } from '../i18n/locale.ts';

export const strings = defineStrings({
  en: {
    title: 'Your value',
    showing: 'Showing {period}',
    showingFiltered: 'Showing {period}, {by}: {value}',
    explainTitle: 'Why did this change?',
    trendTitle: 'Over time',
    driversTitle: 'Where your value comes from',
    storyTitle: 'Your story',
  },
  de: {
    title: 'Ihr Nutzen',
    showing: 'Zeitraum: {period}',
    showingFiltered: 'Zeitraum: {period}, {by}: {value}',
    explainTitle: 'Warum hat sich das verändert?',
    trendTitle: 'Im Zeitverlauf',
    driversTitle: 'Woher Ihr Nutzen kommt',
    storyTitle: 'Ihre Geschichte',
  },
  es: {
    title: 'Tu valor',
    showing: 'Mostrando {period}',
    showingFiltered: 'Mostrando {period}, {by}: {value}',
    explainTitle: '¿Por qué ha cambiado?',
    trendTitle: 'A lo largo del tiempo',
    driversTitle: 'De dónde viene tu valor',
    storyTitle: 'Tu historia',
  },
});
