import type { Catalog } from './catalog.ts';

// Informal address ("tú"), as most business software in Spanish speaks today.
const source =
  '{by, select, team {del equipo {name}} workspace {del espacio de trabajo {name}} feature {de la función {name}} other {de {name}}}';

// An offer's money a year: a range; the likely figure "hasta" the high end when the low end is
// nothing; one figure when both ends read alike.
const offerMoney =
  '{range, select, span {entre {low_est, select, yes {unos } other {}}{low} y {high} más al año} up_to {{annual_est, select, yes {unos } other {}}{annual} más al año, hasta {high_est, select, yes {unos } other {}}{high}} other {{high_est, select, yes {unos } other {}}{high} más al año}}';
const activeUsers = '{users} {users_n, plural, one {activa} other {activas}} en tu cuenta';

export const es: Catalog = {
  insights: {
    period_change: `{PeriodIn}, {has_subject, select, yes {el valor de {subject}} other {tu valor}} es de {current_est, select, yes {unos {current}} other {{current}}}{has_value, select, yes { ({value})} other {}}, un {change} {direction, select, up {más} other {menos}} que {comparedWith}.`,
    // Amounts here are in the customer's own units, whose gender varies (horas, tickets): "aproximadamente" fits all.
    pace_to_promise:
      '{status, select, ended_met {Se te prometieron {target_est, select, yes {aproximadamente {target}} other {{target}}} para el {endDate} y obtuviste {realized_est, select, yes {aproximadamente {realized}} other {{realized}}}, el {share} de lo prometido.} ended_missed {Se te prometieron {target_est, select, yes {aproximadamente {target}} other {{target}}} para el {endDate} y obtuviste {realized_est, select, yes {aproximadamente {realized}} other {{realized}}}, solo el {share} de lo prometido.} other {Hasta ahora llevas {realized_est, select, yes {aproximadamente {realized}} other {{realized}}}, el {share} de lo prometido para el {endDate} ({target_est, select, yes {aproximadamente {target}} other {{target}}}).{has_projected, select, yes { A este ritmo llegas a {projected_est, select, yes {aproximadamente {projected}} other {{projected}}}, {status, select, ahead {más de lo prometido} on_pace {en línea con lo prometido} other {menos de lo prometido}}.} other {}}}}',
    roi: 'Hasta ahora obtienes {money_est, select, yes {unos {money}} other {{money}}} en valor, {multiple} lo que pagas ({spend_est, select, yes {aproximadamente {spend}} other {{spend}}}).{has_payback, select, yes { A este ritmo, {payback} de valor cubren un año entero de lo que pagas.} other {}}',
    trend:
      '{has_subject, select, yes {El valor de {subject}} other {Tu valor}} sigue {direction, select, up {subiendo} other {bajando}} {weeks_n, plural, one {en la última semana} other {en las últimas {weeks}}}: {slope_est, select, yes {unos {slope}} other {{slope}}} por semana (un {slopeShare} de una semana típica).',
    trend_change:
      '{kind, select, step {{has_subject, select, yes {El valor de {subject}} other {Tu valor}} {direction, select, down {cayó} other {subió}} en la semana del {turnedOn}: de {levelBefore_est, select, yes {unos {levelBefore}} other {{levelBefore}}} a {levelAfter_est, select, yes {unos {levelAfter}} other {{levelAfter}}} por semana, y se ha mantenido ahí desde entonces.} other {{has_subject, select, yes {El valor de {subject}} other {Tu valor}} cambió de rumbo en la semana del {turnedOn}: tras {direction, select, up {bajar} other {subir}} {slopeBefore_est, select, yes {unos {slopeBefore}} other {{slopeBefore}}} por semana, ahora {direction, select, up {sube} other {baja}} {slopeAfter_est, select, yes {unos {slopeAfter}} other {{slopeAfter}}} por semana.}}',
    unusual_change:
      '{grain, select, week {En la semana del {bucket}} other {El {bucket}}} obtuviste{has_subject, select, yes { con {subject}} other {}} {observed_est, select, yes {unos {observed}} other {{observed}}} en valor, {has_deviation, select, yes {un {deviation} {direction, select, up {más} other {menos}} de lo habitual} other {mucho {direction, select, up {más} other {menos}} de lo habitual}}. {grain, select, week {Una semana típica aporta} other {Un día típico aporta}} {expected_est, select, yes {unos {expected}} other {{expected}}}.',
    top_contributors: `{against, select, yes {{by, select, team {El equipo {name}} workspace {El espacio de trabajo {name}} feature {La función {name}} other {{name}}} fue a contracorriente: {delta1_est, select, yes {unos {delta1}} other {{delta1}}} más mientras el resto bajó.} other {{tied, select, yes {Tu subida viene a partes iguales de {segment1} y {segment2}: {delta1_est, select, yes {unos {delta1}} other {{delta1}}} cada uno.} other {La parte más grande de tu subida viene ${source}: {delta1_est, select, yes {unos {delta1}} other {{delta1}}}{has_share1, select, yes {, el {share1} de la subida} other {{beyond1, select, yes {, más que toda la subida: otras partes bajaron} other {}}}}.{has_delta2, select, yes { Le sigue {segment2}, con {delta2_est, select, yes {unos {delta2}} other {{delta2}}}.} other {}}}}}}`,
    top_detractors: `{against, select, yes {{by, select, team {El equipo {name}} workspace {El espacio de trabajo {name}} feature {La función {name}} other {{name}}} fue a contracorriente: {delta1_est, select, yes {unos {delta1}} other {{delta1}}} menos mientras el resto subió.} other {{tied, select, yes {Tu caída viene a partes iguales de {segment1} y {segment2}: {delta1_est, select, yes {unos {delta1}} other {{delta1}}} menos cada uno.} other {La parte más grande de tu caída viene ${source}: {delta1_est, select, yes {unos {delta1}} other {{delta1}}} menos{has_share1, select, yes {, el {share1} de la caída} other {{beyond1, select, yes {, más que toda la caída: otras partes subieron} other {}}}}.{has_delta2, select, yes { Le sigue {segment2}, con {delta2_est, select, yes {unos {delta2}} other {{delta2}}} menos.} other {}}}}}}`,
    concentration:
      'Solo {topCount} (el {keyShare} del total) {topCount_n, plural, one {aporta} other {aportan}} el {valueShare} de tu valor: {topMoney_est, select, yes {unos {topMoney}} other {{topMoney}}}. Si ahí baja el uso, también baja tu valor.',
    record:
      '{grain, select, month {El mes que empieza el {bucket} es el mejor} other {La semana que empieza el {bucket} es la mejor}} hasta ahora{has_subject, select, yes { para {subject}} other {}}: {record_est, select, yes {unos {record}} other {{record}}} en valor{has_margin, select, yes {, un {margin} por encima del mejor anterior} other {}}.',
    adoption_gap:
      '{money_n, plural, =0 {Todavía no usas {subject}.} other {Apenas usas {subject}: aporta {money_est, select, yes {unos {money}} other {{money}}}, el {share} de tu valor.}}{has_peerMoney, select, yes { Lo que usas activamente aporta normalmente {peerMoney_est, select, yes {aproximadamente {peerMoney}} other {{peerMoney}}} cada uno.} other {}}',
    next_best_offer: `{basis, select, peers {{adopters} {like, select, yes {como la tuya} other {de {product}}} ya {adopters_n, plural, one {obtiene} other {obtienen}} valor de «{value}». Con ${activeUsers}, «{offer}» te aportaría ${offerMoney}.} other {Según {product}, «{offer}» te aportaría ${offerMoney}, con ${activeUsers}.}}`,
  },
  questions: {
    period_change: '¿Por qué cambió?',
    pace_to_promise:
      '{status, select, behind {¿Qué haría falta?} other {¿Qué te mantiene en camino?}}',
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
    adoption_gap: '¿Cómo usan {subject} las empresas como la tuya?',
    next_best_offer: '¿Dónde obtienes este valor hoy?',
  },
  headline: `{PeriodIn} {has_amount, select, yes {{action, select, saved {ahorraste} handled {gestionaste} other {ganaste}} {amount}{has_amountMoney, select, yes {, por valor de {amountMoney_est, select, yes {unos {amountMoney}} other {{amountMoney}}}} other {}}{rest, select, yes {, y obtuviste {money_est, select, yes {unos {money}} other {{money}}} de valor en total} other {}}} other {obtuviste {money_est, select, yes {unos {money}} other {{money}}} de valor}}{has_multiple, select, yes {: {multiple} lo que pagas} other {}}.`,
  person: 'Persona {n}',
  periods: {
    in: '{period, select, last_days {en los últimos {periodDays} días} month_to_date {en lo que va de mes} quarter_to_date {en lo que va de trimestre} year_to_date {en lo que va de año} month {en {periodMonth}} quarter {en el {periodQuarter}.º trimestre de {periodYear}} year {en {periodYear}} other {del {periodFrom} al {periodTo}}}',
    In: '{period, select, last_days {En los últimos {periodDays} días} month_to_date {En lo que va de mes} quarter_to_date {En lo que va de trimestre} year_to_date {En lo que va de año} month {En {periodMonth}} quarter {En el {periodQuarter}.º trimestre de {periodYear}} year {En {periodYear}} other {Del {periodFrom} al {periodTo}}}',
    compared:
      '{compared, select, last_year {en el mismo periodo del año pasado} chosen {del {comparedFrom} al {comparedTo}} other {en los {comparedDays} días anteriores}}',
  },
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
      '{reason, select, processing {Tu actividad más reciente se está sumando a tu valor; tu historia aparecerá en un momento.} no_activity_in_period {Aún no hay valor en este periodo: no pasó nada que genere valor.{has_lastDay, select, yes { Tu última actividad es del {lastDay}.} other {}}} other {Aún no hay valor que mostrar: no se ha registrado ninguna actividad que genere valor.}}',
    partial:
      'Tu actividad empieza el {firstDay}, después del inicio de este periodo. Así que el periodo no está completo.',
    nothingNotable: 'En este periodo no hubo cambios destacables.',
    localeFallback: 'Este resumen está en inglés porque tu idioma aún no está disponible.',
    slice:
      'Este resumen solo cubre {value} ({segment}). Lo que pagas y lo prometido son de toda tu cuenta, así que aquí se dejan fuera.',
    feature: 'función',
    notComparable:
      '{reason, select, current_includes_today {Este periodo incluye el día de hoy, que aún no ha terminado, así que no se puede comparar en igualdad de condiciones con {compared, select, last_year {el mismo periodo del año pasado} previous {el periodo anterior} other {el periodo de comparación}}: no indicamos ningún cambio porcentual.} other {Tu cuenta empezó el {startDay}, así que {compared, select, last_year {el mismo periodo del año pasado no es} previous {{has_days, select, yes {los {days} anteriores no son} other {el periodo anterior no es}}} other {el periodo de comparación no es}} una comparación justa: no indicamos ningún cambio porcentual.}}',
  },
  units: {
    ticket: '{n, plural, one {{value} ticket} other {{value} tickets}}',
    deal: '{n, plural, one {{value} venta} other {{value} ventas}}',
    person: '{n, plural, one {{value} persona} other {{value} personas}}',
    user: '{n, plural, one {{value} persona} other {{value} personas}}',
    account: '{n, plural, one {{value} cuenta} other {{value} cuentas}}',
    team: '{n, plural, one {{value} equipo} other {{value} equipos}}',
    workspace: '{n, plural, one {{value} espacio de trabajo} other {{value} espacios de trabajo}}',
    call: '{n, plural, one {{value} llamada} other {{value} llamadas}}',
    task: '{n, plural, one {{value} tarea} other {{value} tareas}}',
    document: '{n, plural, one {{value} documento} other {{value} documentos}}',
  },
};
