import type { Catalog } from './catalog.ts';

// Formal address ("Sie"), as business software in German usually speaks.
const source =
  '{by, select, team {aus dem Team {name}} workspace {aus dem Arbeitsbereich {name}} feature {aus der Funktion {name}} other {von {name}}}';

// An offer's money a year: a range; the likely figure "bis zu" the high end when the low end is
// nothing; one figure when both ends read alike.
const offerMoney =
  '{range, select, span {{low_est, select, yes {etwa } other {}}{low} bis {high} mehr pro Jahr} up_to {{annual_est, select, yes {etwa } other {}}{annual} mehr pro Jahr, bis zu {high_est, select, yes {etwa } other {}}{high}} other {{high_est, select, yes {etwa } other {}}{high} mehr pro Jahr}}';
const activeUsers = '{users}, die Ihr Konto aktiv {users_n, plural, one {nutzt} other {nutzen}}';

export const de: Catalog = {
  insights: {
    period_change: `{PeriodIn} liegt {has_subject, select, yes {der Wert aus {subject}} other {Ihr Wert}} bei {current_est, select, yes {etwa {current}} other {{current}}}{has_value, select, yes { ({value})} other {}}, {direction, select, up {{change} mehr} other {{change} weniger}} als {comparedWith}.`,
    pace_to_promise:
      '{status, select, ended_met {Zugesagt waren {target_est, select, yes {rund {target}} other {{target}}} bis zum {endDate}; erreicht haben Sie {realized_est, select, yes {etwa {realized}} other {{realized}}}, {share} der Zusage.} ended_missed {Zugesagt waren {target_est, select, yes {rund {target}} other {{target}}} bis zum {endDate}; erreicht haben Sie {realized_est, select, yes {etwa {realized}} other {{realized}}}, nur {share} der Zusage.} other {Bisher haben Sie {realized_est, select, yes {etwa {realized}} other {{realized}}} erreicht, {share} der bis zum {endDate} zugesagten {target_est, select, yes {rund {target}} other {{target}}}.{has_projected, select, yes { In diesem Tempo kommen Sie auf {projected_est, select, yes {etwa {projected}} other {{projected}}} und liegen damit {status, select, ahead {über der Zusage} on_pace {im Plan} other {unter der Zusage}}.} other {}}}}',
    roi: 'Bisher gewinnen Sie {money_est, select, yes {etwa {money}} other {{money}}} an Wert, das {multiple} dessen, was Sie zahlen ({spend_est, select, yes {rund {spend}} other {{spend}}}).{has_payback, select, yes { Beim aktuellen Tempo decken schon {payback} Wertschöpfung die Kosten eines ganzen Jahres.} other {}}',
    trend:
      '{has_subject, select, yes {Der Wert aus {subject}} other {Ihr Wert}} {direction, select, up {steigt} other {sinkt}} {weeks_n, plural, one {seit einer Woche} other {seit {weeks}}} stetig, um {slope_est, select, yes {etwa {slope}} other {{slope}}} pro Woche ({slopeShare} einer typischen Woche).',
    trend_change:
      '{kind, select, step {{has_subject, select, yes {Der Wert aus {subject}} other {Ihr Wert}} ist in der Woche vom {turnedOn} {direction, select, down {gesunken} other {gestiegen}}: von {levelBefore_est, select, yes {etwa {levelBefore}} other {{levelBefore}}} auf {levelAfter_est, select, yes {etwa {levelAfter}} other {{levelAfter}}} pro Woche, und dort ist er seitdem geblieben.} other {In der Woche vom {turnedOn} hat sich {has_subject, select, yes {der Wert aus {subject}} other {Ihr Wert}} gedreht: Nachdem er um {slopeBefore_est, select, yes {etwa {slopeBefore}} other {{slopeBefore}}} pro Woche {direction, select, up {gesunken} other {gestiegen}} war, {direction, select, up {steigt} other {sinkt}} er jetzt um {slopeAfter_est, select, yes {etwa {slopeAfter}} other {{slopeAfter}}} pro Woche.}}',
    unusual_change:
      '{grain, select, week {In der Woche vom {bucket}} other {Am {bucket}}} haben Sie{has_subject, select, yes { mit {subject}} other {}} {observed_est, select, yes {etwa {observed}} other {{observed}}} an Wert gewonnen, {has_deviation, select, yes {{deviation} {direction, select, up {mehr} other {weniger}} als üblich} other {viel {direction, select, up {mehr} other {weniger}} als üblich}}. {grain, select, week {Eine typische Woche bringt} other {Ein typischer Tag bringt}} {expected_est, select, yes {etwa {expected}} other {{expected}}}.',
    top_contributors: `{against, select, yes {{by, select, team {Das Team {name}} workspace {Der Arbeitsbereich {name}} feature {Die Funktion {name}} other {{name}}} lief gegen den Trend: {delta1_est, select, yes {etwa {delta1}} other {{delta1}}} mehr, während der Rest gesunken ist.} other {{tied, select, yes {Ihr Anstieg kommt zu gleichen Teilen aus {segment1} und {segment2}: jeweils {delta1_est, select, yes {etwa {delta1}} other {{delta1}}}.} other {Der größte Teil Ihres Anstiegs kommt ${source}: {delta1_est, select, yes {etwa {delta1}} other {{delta1}}}{has_share1, select, yes {, {share1} des Anstiegs} other {{beyond1, select, yes {, mehr als der gesamte Anstieg: Andere Bereiche sind gesunken} other {}}}}.{has_delta2, select, yes { Danach folgt {segment2} mit {delta2_est, select, yes {etwa {delta2}} other {{delta2}}}.} other {}}}}}}`,
    top_detractors: `{against, select, yes {{by, select, team {Das Team {name}} workspace {Der Arbeitsbereich {name}} feature {Die Funktion {name}} other {{name}}} lief gegen den Trend: {delta1_est, select, yes {etwa {delta1}} other {{delta1}}} weniger, während der Rest gestiegen ist.} other {{tied, select, yes {Ihr Rückgang kommt zu gleichen Teilen aus {segment1} und {segment2}: jeweils {delta1_est, select, yes {etwa {delta1}} other {{delta1}}} weniger.} other {Der größte Teil Ihres Rückgangs kommt ${source}: {delta1_est, select, yes {etwa {delta1}} other {{delta1}}} weniger{has_share1, select, yes {, {share1} des Rückgangs} other {{beyond1, select, yes {, mehr als der gesamte Rückgang: Andere Bereiche sind gestiegen} other {}}}}.{has_delta2, select, yes { Danach folgt {segment2} mit {delta2_est, select, yes {etwa {delta2}} other {{delta2}}} weniger.} other {}}}}}}`,
    concentration:
      'Nur {topCount} ({keyShare} aller) {topCount_n, plural, one {bringt} other {bringen}} {valueShare} Ihres Werts: {topMoney_est, select, yes {etwa {topMoney}} other {{topMoney}}}. Lässt die Nutzung dort nach, sinkt auch Ihr Wert.',
    record:
      '{grain, select, month {Der Monat ab dem {bucket} ist Ihr bisher bester} other {Die Woche ab dem {bucket} ist Ihre bisher beste}}{has_subject, select, yes { für {subject}} other {}}: {record_est, select, yes {etwa {record}} other {{record}}} an Wert{has_margin, select, yes {, {margin} über dem bisherigen Bestwert} other {}}.',
    adoption_gap:
      '{money_n, plural, =0 {{subject} nutzen Sie noch nicht.} other {{subject} nutzen Sie kaum: Es bringt {money_est, select, yes {etwa {money}} other {{money}}}, {share} Ihres Werts.}}{has_peerMoney, select, yes { Was Sie aktiv nutzen, bringt typischerweise jeweils {peerMoney_est, select, yes {rund {peerMoney}} other {{peerMoney}}}.} other {}}',
    next_best_offer: `{basis, select, peers {{adopters} {like, select, yes {wie Ihres} other {bei {product}}} {adopters_n, plural, one {erzielt} other {erzielen}} bereits Wert aus „{value}“. Bei ${activeUsers}, brächte Ihnen „{offer}“ ${offerMoney}.} other {Nach Schätzung von {product} brächte Ihnen „{offer}“ bei ${activeUsers}, ${offerMoney}.}}`,
  },
  questions: {
    period_change: 'Warum hat sich das verändert?',
    pace_to_promise:
      '{status, select, behind {Was wäre dafür nötig?} other {Was hält Sie auf Kurs?}}',
    roi: 'Woher kommt der Wert?',
    trend: 'Was steckt hinter diesem Trend?',
    trend_change: 'Was hat sich damals geändert?',
    unusual_change:
      '{grain, select, week {Was ist in dieser Woche passiert?} other {Was ist an diesem Tag passiert?}}',
    top_contributors: 'Was macht {name} anders?',
    top_detractors: 'Was hat sich bei {name} geändert?',
    concentration:
      'Wie könnten mehr {by, select, user {Personen} other {Teams}} davon profitieren?',
    record:
      '{grain, select, month {Was hat diesen Monat so gut gemacht?} other {Was hat diese Woche so gut gemacht?}}',
    adoption_gap: 'Wie nutzen vergleichbare Unternehmen {subject}?',
    next_best_offer: 'Wo erzielen Sie diesen Wert heute schon?',
  },
  headline: `{PeriodIn}{period, select, month_to_date { haben Sie bisher} quarter_to_date { haben Sie bisher} year_to_date { haben Sie bisher} other { haben Sie}} {has_amount, select, yes {{amount}{has_amountMoney, select, yes { im Wert von {amountMoney_est, select, yes {etwa {amountMoney}} other {{amountMoney}}}} other {}} {action, select, saved {gespart} handled {bearbeitet} other {gewonnen}}{rest, select, yes { und insgesamt {money_est, select, yes {etwa {money}} other {{money}}} an Wert gewonnen} other {}}} other {{money_est, select, yes {etwa {money}} other {{money}}} an Wert gewonnen}}{has_multiple, select, yes { – das {multiple} dessen, was Sie zahlen} other {}}.`,
  person: 'Person {n}',
  periods: {
    in: '{period, select, last_days {in den letzten {periodDays} Tagen} month_to_date {in diesem Monat bisher} quarter_to_date {in diesem Quartal bisher} year_to_date {in diesem Jahr bisher} month {im {periodMonth}} quarter {im {periodQuarter}. Quartal {periodYear}} year {im Jahr {periodYear}} other {vom {periodFrom} bis zum {periodTo}}}',
    In: '{period, select, last_days {In den letzten {periodDays} Tagen} month_to_date {In diesem Monat} quarter_to_date {In diesem Quartal} year_to_date {In diesem Jahr} month {Im {periodMonth}} quarter {Im {periodQuarter}. Quartal {periodYear}} year {Im Jahr {periodYear}} other {Vom {periodFrom} bis zum {periodTo}}}',
    compared:
      '{compared, select, last_year {im selben Zeitraum des Vorjahres} chosen {vom {comparedFrom} bis zum {comparedTo}} other {in den {comparedDays} Tagen davor}}',
  },
  chapters: {
    outcome: 'Ihr Ergebnis',
    drivers: 'Was dahintersteckt',
    momentum: 'Entwicklung',
    risks: 'Worauf Sie achten sollten',
    next: 'Wie es weitergeht',
  },
  status: {
    notEnoughData:
      'Noch nicht genug Daten: Für Trends brauchen wir {needed} Aktivität. {have_n, plural, =0 {Bisher gibt es noch keine.} other {Bisher sind es {have}.}}{has_readyDate, select, yes { Ihre Übersicht füllt sich etwa ab dem {readyDate}.} other {}}',
    noData:
      '{reason, select, processing {Ihre neueste Aktivität wird gerade in Ihren Wert übernommen; Ihre Geschichte erscheint gleich.} no_activity_in_period {Für diesen Zeitraum gibt es noch keinen Wert: Darin ist nichts passiert, was Wert schafft.{has_lastDay, select, yes { Ihre letzte Aktivität war am {lastDay}.} other {}}} other {Noch kein Wert zu zeigen: Bisher ist keine Aktivität erfasst, die Wert schafft.}}',
    partial:
      'Ihre Aktivität beginnt am {firstDay}, nach Beginn dieses Zeitraums. Der Zeitraum ist also nicht vollständig.',
    nothingNotable: 'In diesem Zeitraum hat sich nichts Wesentliches verändert.',
    localeFallback: 'Diese Übersicht ist auf Englisch, weil Ihre Sprache noch nicht verfügbar ist.',
    slice:
      'Diese Übersicht zeigt nur {value} ({segment}). Was Sie zahlen und was zugesagt wurde, gilt für Ihr ganzes Konto und fehlt hier deshalb.',
    feature: 'Funktion',
    notComparable:
      '{reason, select, current_includes_today {Dieser Zeitraum enthält den heutigen Tag, der noch nicht vorbei ist. Er ist daher nicht direkt mit {compared, select, last_year {demselben Zeitraum im Vorjahr} previous {dem Zeitraum davor} other {dem Vergleichszeitraum}} vergleichbar, und wir nennen keine prozentuale Veränderung.} other {Ihr Konto besteht seit dem {startDay}. {compared, select, last_year {Derselbe Zeitraum im Vorjahr ist} previous {{has_days, select, yes {Die {days} davor sind} other {Der Zeitraum davor ist}}} other {Der Vergleichszeitraum ist}} daher kein fairer Vergleich, und wir nennen keine prozentuale Veränderung.}}',
  },
  units: {
    ticket: '{n, plural, one {{value} Ticket} other {{value} Tickets}}',
    deal: '{n, plural, one {{value} Abschluss} other {{value} Abschlüsse}}',
    person: '{n, plural, one {{value} Person} other {{value} Personen}}',
    user: '{n, plural, one {{value} Person} other {{value} Personen}}',
    account: '{n, plural, one {{value} Konto} other {{value} Konten}}',
    team: '{n, plural, one {{value} Team} other {{value} Teams}}',
    workspace: '{n, plural, one {{value} Arbeitsbereich} other {{value} Arbeitsbereiche}}',
    call: '{n, plural, one {{value} Anruf} other {{value} Anrufe}}',
    task: '{n, plural, one {{value} Aufgabe} other {{value} Aufgaben}}',
    document: '{n, plural, one {{value} Dokument} other {{value} Dokumente}}',
  },
};
