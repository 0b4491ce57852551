import type { Catalog } from './catalog.ts';

const periodThis =
  '{period, select, week {This week} month {This month} quarter {This quarter} year {This year} other {So far}}';
const periodWord =
  '{period, select, week {week} month {month} quarter {quarter} year {year} other {period}}';

export const en: Catalog = {
  insights: {
    period_change: `{has_subject, select, yes {Value from {subject}} other {Your value}} this ${periodWord} is {current_est, select, yes {about {current}} other {{current}}}, {direction, select, up {{changePct} more} other {{changePct} less}} than last ${periodWord}.`,
    pace_to_promise:
      'At this pace you reach {projected_est, select, yes {about {projected}} other {{projected}}} by {endDate}. {status, select, ahead {That is ahead of the {promised_est, select, yes {estimated {promised}} other {{promised}}} you were promised.} on_pace {That is on track for the {promised_est, select, yes {estimated {promised}} other {{promised}}} you were promised.} other {That is short of the {promised_est, select, yes {estimated {promised}} other {{promised}}} you were promised.}}',
    roi: 'So far you get {realized_est, select, yes {about {realized}} other {{realized}}} in value, {multiple} the {spend_est, select, yes {estimated {spend}} other {{spend}}} you pay.{has_paybackDays, select, yes { It paid for itself within {paybackDays}.} other {}}',
    trend:
      '{direction, select, up {Your value keeps rising: about {changePct} a week} down {Your value keeps falling: about {changePct} a week} other {Your value holds steady}} {weeks_n, plural, one {over the last week} other {over the last {weeks}}}.',
    trend_change:
      'Your value turned {direction, select, up {up} other {down}} on {turnDate}. It is {direction, select, up {up} other {down}} {changePct} since then.',
    unusual_change:
      '{grain, select, week {In the week of {date}} other {On {date}}} you got {actual_est, select, yes {about {actual}} other {{actual}}} in value, far {direction, select, up {more} other {less}} than usual. A typical {grain, select, week {week} other {day}} brings {expected_est, select, yes {about {expected}} other {{expected}}}.',
    top_contributors:
      'The biggest part of your rise comes from {by, select, team {the {name} team} workspace {the {name} workspace} feature {{name}} other {{name}}}: {contribution_est, select, yes {about {contribution}} other {{contribution}}}, {share} of the total.',
    top_detractors:
      'The biggest part of your drop comes from {by, select, team {the {name} team} workspace {the {name} workspace} feature {{name}} other {{name}}}: {contribution_est, select, yes {about {contribution}} other {{contribution}}} less, {share} of the total.',
    concentration:
      '{members_n, plural, one {{members} brings} other {{members} bring}} {share} of your value. If use drops there, so does your value.',
    record:
      '{grain, select, month {The month starting {date}} other {The week starting {date}}} is your best so far: {value_est, select, yes {about {value}} other {{value}}} in value.',
    adoption_gap:
      '{users_n, plural, =0 {No one uses {feature} yet.} one {Only {users} uses {feature}.} other {Only {users} use {feature}.}} Teams like yours get {potential_est, select, yes {an estimated {potential}} other {{potential}}} more from it.',
  },
  questions: {
    period_change: 'Why did it change?',
    pace_to_promise:
      '{status, select, behind {What would close the gap?} other {What keeps you on track?}}',
    roi: 'Where does the value come from?',
    trend: 'What is behind this trend?',
    trend_change: 'What changed around then?',
    unusual_change:
      '{grain, select, week {What happened that week?} other {What happened that day?}}',
    top_contributors: 'What does {name} do differently?',
    top_detractors: 'What changed for {name}?',
    concentration: 'How could more {by, select, user {people} other {teams}} get this value?',
    record:
      '{grain, select, month {What made this month so good?} other {What made this week so good?}}',
    adoption_gap: 'How do teams like yours use {feature}?',
  },
  headline: `${periodThis} {has_amount, select, yes {you {action, select, saved {saved} handled {handled} other {gained}} {amount} — {money_est, select, yes {about {money}} other {{money}}}} other {you gained {money_est, select, yes {about {money}} other {{money}}} in value}}{has_multiple, select, yes {, {multiple} what you pay} other {}}.`,
  chapters: {
    outcome: 'Your results',
    drivers: 'What drove it',
    momentum: 'Momentum',
    risks: 'Risks to watch',
    next: "What's next",
  },
  status: {
    notEnoughData:
      'Not enough data yet: we need {needed} of activity to show trends. {have_n, plural, =0 {There is no activity so far.} other {So far there are {have}.}}{has_readyDate, select, yes { Your story fills in around {readyDate}.} other {}}',
    noData:
      '{reason, select, no_activity_in_period {No value to show for this period: nothing that creates value happened in it.{has_lastDay, select, yes { Your latest activity is from {lastDay}.} other {}}} other {No value to show yet: no activity that creates value has been recorded.}}',
    partial:
      'Your activity starts on {firstDay}, after this period begins. This period is not complete.',
    nothingNotable: 'Nothing notable changed in this period.',
    localeFallback: 'This story is in English because your language is not available yet.',
  },
  units: {
    ticket: '{n, plural, one {{value} ticket} other {{value} tickets}}',
    deal: '{n, plural, one {{value} deal} other {{value} deals}}',
    person: '{n, plural, one {{value} person} other {{value} people}}',
    user: '{n, plural, one {{value} person} other {{value} people}}',
    team: '{n, plural, one {{value} team} other {{value} teams}}',
    workspace: '{n, plural, one {{value} workspace} other {{value} workspaces}}',
    call: '{n, plural, one {{value} call} other {{value} calls}}',
    task: '{n, plural, one {{value} task} other {{value} tasks}}',
    document: '{n, plural, one {{value} document} other {{value} documents}}',
  },
};
