import type { Catalog } from './catalog.ts';

// Informal address ("tú"), as most business software in Spanish speaks today.
const periodThis =
  '{period, select, week {Esta semana} month {Este mes} quarter {Este trimestre} year {Este año} other {Hasta ahora}}';
const source =
  '{by, select, team {del equipo {name}} workspace {del espacio de trabajo {name}} feature {de la función {name}} other {de {name}}}';

export const es: Catalog = {
  insights: {
    period_change:
      '{period, select, week {Esta semana} month {Este mes} quarter {Este trimestre} year {Este año} other {En este periodo}} {has_subject, select, yes {el valor de {subject}} other {tu valor}} es de {current_est, select, yes {unos {current}} other {{current}}}, un {changePct} {direction, select, up {más} other {menos}} que {period, select, week {la semana anterior} month {el mes anterior} quarter {el trimestre anterior} year {el año anterior} other {el periodo anterior}}.',
    pace_to_promise:
      'A este ritmo llegas a {projected_est, select, yes {unos {projected}} other {{projected}}} para el {endDate}. {status, select, ahead {Es más de los {promised_est, select, yes {aproximadamente {promised}} other {{promised}}} prometidos.} on_pace {Vas camino de los {promised_est, select, yes {aproximadamente {promised}} other {{promised}}} prometidos.} other {Es menos de los {promised_est, select, yes {aproximadamente {promised}} other {{promised}}} prometidos.}}',
    roi: 'Hasta ahora obtienes {realized_est, select, yes {unos {realized}} other {{realized}}} en valor, {multiple} lo que pagas ({spend_est, select, yes {aproximadamente {spend}} other {{spend}}}).{has_paybackDays, select, yes { Se pagó solo en {paybackDays}.} other {}}',
    trend:
      '{direction, select, up {Tu valor sigue subiendo, alrededor de un {changePct} por semana,} down {Tu valor sigue bajando, alrededor de un {changePct} por semana,} other {Tu valor se mantiene estable}} {weeks_n, plural, one {en la última semana} other {en las últimas {weeks}}}.',
    trend_change:
      'Tu valor cambió de rumbo el {turnDate}. Desde entonces ha {direction, select, up {subido} other {bajado}} un {changePct}.',
    unusual_change:
      '{grain, select, week {En la semana del {date}} other {El {date}}} obtuviste {actual_est, select, yes {unos {actual}} other {{actual}}} en valor, mucho {direction, select, up {más} other {menos}} de lo habitual. {grain, select, week {Una semana típica aporta} other {Un día típico aporta}} {expected_est, select, yes {unos {expected}} other {{expected}}}.',
    top_contributors: `La parte más grande de tu subida viene ${source}: {contribution_est, select, yes {unos {contribution}} other {{contribution}}}, el {share} del total.`,
    top_detractors: `La parte más grande de tu caída viene ${source}: {contribution_est, select, yes {unos {contribution}} other {{contribution}}} menos, el {share} del total.`,
    concentration:
      '{members_n, plural, one {{members} aporta} other {{members} aportan}} el {share} de tu valor. Si ahí baja el uso, también baja tu valor.',
    record:
      '{grain, select, month {El mes que empieza el {date} es el mejor} other {La semana que empieza el {date} es la mejor}} hasta ahora: {value_est, select, yes {unos {value}} other {{value}}} en valor.',
    adoption_gap:
      '{users_n, plural, =0 {Nadie usa {feature} todavía.} one {Solo {users} usa {feature}.} other {Solo {users} usan {feature}.}} Las empresas como la tuya obtienen con ello {potential_est, select, yes {aproximadamente {potential}} other {{potential}}} más.',
  },
  questions: {
    period_change: '¿Por qué cambió?',
    pace_to_promise:
      '{status, select, behind {¿Qué cerraría la diferencia?} other {¿Qué te mantiene en camino?}}',
    roi: '¿De dónde viene el valor?',
    trend: '¿Qué hay detrás de esta tendencia?',
    trend_change: '¿Qué cambió en ese momento?',
    unusual_change: '{grain, select, week {¿Qué pasó esa semana?} other {¿Qué pasó ese día?}}',
    top_contributors: '¿Qué hace {name} de forma distinta?',
    top_detractors: '¿Qué cambió en {name}?',
    concentration:
      '¿Cómo podrían aprovechar este valor más {by, select, user {personas} other {equipos}}?',
    record:
      '{grain, select, month {¿Qué salió tan bien ese mes?} other {¿Qué salió tan bien esa semana?}}',
    adoption_gap: '¿Cómo usan {feature} las empresas como la tuya?',
  },
  headline: `${periodThis} {has_amount, select, yes {{action, select, saved {ahorraste} handled {gestionaste} other {ganaste}} {amount}: {money_est, select, yes {unos {money}} other {{money}}}} other {ganaste {money_est, select, yes {unos {money}} other {{money}}} en valor}}{has_multiple, select, yes {, {multiple} lo que pagas} other {}}.`,
  chapters: {
    outcome: 'Tus resultados',
    drivers: 'Qué lo impulsó',
    momentum: 'Tendencia',
    risks: 'Riesgos a vigilar',
    next: 'Próximos pasos',
  },
  status: {
    notEnoughData:
      'Aún no hay suficientes datos: necesitamos {needed} de actividad para mostrar tendencias. {have_n, plural, =0 {Todavía no hay actividad.} other {Por ahora hay {have}.}}{has_readyDate, select, yes { Tu resumen estará completo hacia el {readyDate}.} other {}}',
    noData:
      '{reason, select, no_activity_in_period {Aún no hay valor en este periodo: no pasó nada que genere valor.{has_lastDay, select, yes { Tu última actividad es del {lastDay}.} other {}}} other {Aún no hay valor que mostrar: no se ha registrado ninguna actividad que genere valor.}}',
    partial:
      'Tu actividad empieza el {firstDay}, después del inicio de este periodo. Así que el periodo no está completo.',
    nothingNotable: 'En este periodo no hubo cambios destacables.',
    localeFallback: 'Este resumen está en inglés porque tu idioma aún no está disponible.',
  },
  units: {
    ticket: '{n, plural, one {{value} ticket} other {{value} tickets}}',
    deal: '{n, plural, one {{value} venta} other {{value} ventas}}',
    person: '{n, plural, one {{value} persona} other {{value} personas}}',
    user: '{n, plural, one {{value} persona} other {{value} personas}}',
    team: '{n, plural, one {{value} equipo} other {{value} equipos}}',
    workspace: '{n, plural, one {{value} espacio de trabajo} other {{value} espacios de trabajo}}',
    call: '{n, plural, one {{value} llamada} other {{value} llamadas}}',
    task: '{n, plural, one {{value} tarea} other {{value} tareas}}',
    document: '{n, plural, one {{value} documento} other {{value} documentos}}',
  },
};
