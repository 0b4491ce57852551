import type { Catalog } from './catalog.ts';

// Formal address ("Sie"), as business software in German usually speaks.
const periodIn =
  '{period, select, week {In dieser Woche} month {In diesem Monat} quarter {In diesem Quartal} year {In diesem Jahr} other {Bisher}}';
const source =
  '{by, select, team {aus dem Team {name}} workspace {aus dem Workspace {name}} feature {aus der Funktion {name}} other {von {name}}}';

export const de: Catalog = {
  insights: {
    period_change:
      '{period, select, week {In dieser Woche} month {In diesem Monat} quarter {In diesem Quartal} year {In diesem Jahr} other {In diesem Zeitraum}} liegt {has_subject, select, yes {der Wert aus {subject}} other {Ihr Wert}} bei {current_est, select, yes {etwa {current}} other {{current}}}, {direction, select, up {{changePct} mehr} other {{changePct} weniger}} als {period, select, week {in der Woche davor} month {im Monat davor} quarter {im Quartal davor} year {im Jahr davor} other {im Zeitraum davor}}.',
    pace_to_promise:
      'In diesem Tempo erreichen Sie bis zum {endDate} {projected_est, select, yes {etwa {projected}} other {{projected}}}. {status, select, ahead {Das liegt über den zugesagten {promised_est, select, yes {rund {promised}} other {{promised}}}.} on_pace {Damit erreichen Sie die zugesagten {promised_est, select, yes {rund {promised}} other {{promised}}}.} other {Das liegt unter den zugesagten {promised_est, select, yes {rund {promised}} other {{promised}}}.}}',
    roi: 'Bisher gewinnen Sie {realized_est, select, yes {etwa {realized}} other {{realized}}} an Wert, das {multiple} dessen, was Sie zahlen ({spend_est, select, yes {rund {spend}} other {{spend}}}).{has_paybackDays, select, yes { Die Kosten waren {paybackDays} nach dem Start wieder eingespielt.} other {}}',
    trend:
      '{direction, select, up {Ihr Wert steigt stetig, um etwa {changePct} pro Woche,} down {Ihr Wert sinkt stetig, um etwa {changePct} pro Woche,} other {Ihr Wert bleibt stabil,}} {weeks_n, plural, one {seit einer Woche} other {seit {weeks}}}.',
    trend_change:
      'Am {turnDate} hat sich Ihr Wert gedreht. Seitdem ist er um {changePct} {direction, select, up {gestiegen} other {gesunken}}.',
    unusual_change:
      '{grain, select, week {In der Woche vom {date}} other {Am {date}}} haben Sie {actual_est, select, yes {etwa {actual}} other {{actual}}} an Wert gewonnen, viel {direction, select, up {mehr} other {weniger}} als üblich. {grain, select, week {Eine typische Woche bringt} other {Ein typischer Tag bringt}} {expected_est, select, yes {etwa {expected}} other {{expected}}}.',
    top_contributors: `Der größte Teil Ihres Anstiegs kommt ${source}: {contribution_est, select, yes {etwa {contribution}} other {{contribution}}}, {share} des Ganzen.`,
    top_detractors: `Der größte Teil Ihres Rückgangs kommt ${source}: {contribution_est, select, yes {etwa {contribution}} other {{contribution}}} weniger, {share} des Ganzen.`,
    concentration:
      '{members_n, plural, one {{members} bringt} other {{members} bringen}} {share} Ihres Werts. Lässt die Nutzung dort nach, sinkt auch Ihr Wert.',
    record:
      '{grain, select, month {Der Monat ab dem {date} ist Ihr bisher bester} other {Die Woche ab dem {date} ist Ihre bisher beste}}: {value_est, select, yes {etwa {value}} other {{value}}} an Wert.',
    adoption_gap:
      '{users_n, plural, =0 {Noch niemand nutzt {feature}.} one {Nur {users} nutzt {feature}.} other {Nur {users} nutzen {feature}.}} Vergleichbare Unternehmen gewinnen damit {potential_est, select, yes {rund {potential}} other {{potential}}} mehr.',
  },
  questions: {
    period_change: 'Warum hat sich das verändert?',
    pace_to_promise:
      '{status, select, behind {Was würde die Lücke schließen?} other {Was hält Sie auf Kurs?}}',
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
    adoption_gap: 'Wie nutzen vergleichbare Unternehmen {feature}?',
  },
  headline: `${periodIn} {has_amount, select, yes {haben Sie {amount} {action, select, saved {gespart} handled {bearbeitet} other {gewonnen}} – {money_est, select, yes {etwa {money}} other {{money}}}} other {haben Sie {money_est, select, yes {etwa {money}} other {{money}}} an Wert gewonnen}}{has_multiple, select, yes {, das {multiple} dessen, was Sie zahlen} other {}}.`,
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
      '{reason, select, no_activity_in_period {Für diesen Zeitraum gibt es noch keinen Wert: Darin ist nichts passiert, was Wert schafft.{has_lastDay, select, yes { Ihre letzte Aktivität war am {lastDay}.} other {}}} other {Noch kein Wert zu zeigen: Bisher ist keine Aktivität erfasst, die Wert schafft.}}',
    partial:
      'Ihre Aktivität beginnt am {firstDay}, nach Beginn dieses Zeitraums. Der Zeitraum ist also nicht vollständig.',
    nothingNotable: 'In diesem Zeitraum hat sich nichts Wesentliches verändert.',
    localeFallback: 'Diese Übersicht ist auf Englisch, weil Ihre Sprache noch nicht verfügbar ist.',
  },
  units: {
    ticket: '{n, plural, one {{value} Ticket} other {{value} Tickets}}',
    deal: '{n, plural, one {{value} Abschluss} other {{value} Abschlüsse}}',
    person: '{n, plural, one {{value} Person} other {{value} Personen}}',
    user: '{n, plural, one {{value} Person} other {{value} Personen}}',
    team: '{n, plural, one {{value} Team} other {{value} Teams}}',
    workspace: '{n, plural, one {{value} Workspace} other {{value} Workspaces}}',
    call: '{n, plural, one {{value} Anruf} other {{value} Anrufe}}',
    task: '{n, plural, one {{value} Aufgabe} other {{value} Aufgaben}}',
    document: '{n, plural, one {{value} Dokument} other {{value} Dokumente}}',
  },
};
