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
  nextTitle: ['Ways to get more value', 'Wege zu mehr Wert', 'Formas de obtener más valor'],
  planTitle: ['Plan ahead', 'Vorausplanen', 'Planifica'],
  planPitch: [
    'See what you would get if more people used it, or used it more: with a likely range, saved plans and what it would take to reach a goal.',
    'Sehen Sie, was Sie bekämen, wenn mehr Personen es nutzten oder es mehr nutzten: mit wahrscheinlicher Spanne, gespeicherten Plänen und dem, was für ein Ziel nötig wäre.',
    'Mira lo que obtendrías si más personas lo usaran, o lo usaran más: con un margen probable, planes guardados y lo que haría falta para llegar a una meta.',
  ],
  planOpen: ['Open the planner', 'Planer öffnen', 'Abrir el planificador'],
  planHide: ['Hide the planner', 'Planer ausblenden', 'Ocultar el planificador'],
  storyTitle: ['Your story', 'Ihre Geschichte', 'Tu historia'],
  talk: [
    'Talk to your success manager',
    'Mit Ihrem Success Manager sprechen',
    'Habla con tu gestor de cuenta',
  ],
});
