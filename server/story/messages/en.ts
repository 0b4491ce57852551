import type { Catalog } from './catalog.ts';

// An offer's money a year: a range; the likely figure "up to" the high end when the low end is
// nothing; one figure when both ends read alike.
const offerMoney =
  '{range, select, span {{low_est, select, yes {about } other {}}{low} to {high} more a year} up_to {{annual_est, select, yes {about } other {}}{annual} more a year, up to {high_est, select, yes {about } other {}}{high}} other {{high_est, select, yes {about } other {}}{high} more a year}}';

export const en: Catalog = {
  insights: {
    period_change: `{has_subject, select, yes {Value from {subject}} other {Your value}} {periodIn} is {current_est, select, yes {about {current}} other {{current}}}{has_value, select, yes { ({value})} other {}}, {direction, select, up {{change} more} other {{change} less}} than {comparedWith}.`,
    pace_to_promise:
      '{status, select, ended_met {You were promised {target_est, select, yes {an estimated {target}} other {{target}}} by {endDate} and got {realized_est, select, yes {about {realized}} other {{realized}}}: {share} of the promise.} ended_missed {You were promised {target_est, select, yes {an estimated {target}} other {{target}}} by {endDate} and got {realized_est, select, yes {about {realized}} other {{realized}}}: only {share} of the promise.} other {So far you have {realized_est, select, yes {about {realized}} other {{realized}}}, {share} of the {target_est, select, yes {estimated {target}} other {{target}}} you were promised by {endDate}.{has_projected, select, yes { At this pace you reach {projected_est, select, yes {about {projected}} other {{projected}}}, {status, select, ahead {more than you were promised} on_pace {on track for the promise} other {short of the promise}}.} other {}}}}',
    roi: 'So far you get {money_est, select, yes {about {money}} other {{money}}} in value, {multiple} the {spend_est, select, yes {estimated {spend}} other {{spend}}} you pay.{has_payback, select, yes { At this rate, {payback} of value cover a year of what you pay.} other {}}',
    trend:
      '{has_subject, select, yes {Value from {subject}} other {Your value}} keeps {direction, select, up {rising} other {falling}} by {slope_est, select, yes {about {slope}} other {{slope}}} a week ({slopeShare} of a typical week) {weeks_n, plural, one {over the last week} other {over the last {weeks}}}.',
    trend_change:
      '{kind, select, step {{has_subject, select, yes {Value from {subject}} other {Your value}} {direction, select, down {dropped} other {jumped}} in the week of {turnedOn}: from {levelBefore_est, select, yes {about {levelBefore}} other {{levelBefore}}} a week to {levelAfter_est, select, yes {about {levelAfter}} other {{levelAfter}}}, and it has held there since.} other {{has_subject, select, yes {Value from {subject}} other {Your value}} turned {direction, select, up {up} other {down}} in the week of {turnedOn}: after {direction, select, up {falling} other {rising}} by {slopeBefore_est, select, yes {about {slopeBefore}} other {{slopeBefore}}} a week, it is now {direction, select, up {rising} other {falling}} by {slopeAfter_est, select, yes {about {slopeAfter}} other {{slopeAfter}}} a week.}}',
    unusual_change:
      '{grain, select, week {In the week of {bucket}} other {On {bucket}}}, you got {observed_est, select, yes {about {observed}} other {{observed}}} in value{has_subject, select, yes { from {subject}} other {}}, {has_deviation, select, yes {{deviation} {direction, select, up {more} other {less}} than usual} other {far {direction, select, up {more} other {less}} than usual}}. A typical {grain, select, week {week} other {day}} brings {expected_est, select, yes {about {expected}} other {{expected}}}.',
    top_contributors:
      '{against, select, yes {{by, select, team {The {name} team} workspace {The {name} workspace} feature {{name}} other {{name}}} went against the trend: {delta1_est, select, yes {about {delta1}} other {{delta1}}} more while the rest fell.} other {{tied, select, yes {Your rise comes from {segment1} and {segment2} alike: {delta1_est, select, yes {about {delta1}} other {{delta1}}} each.} other {The biggest part of your rise comes from {by, select, team {the {name} team} workspace {the {name} workspace} feature {{name}} other {{name}}}: {delta1_est, select, yes {about {delta1}} other {{delta1}}}{has_share1, select, yes {, {share1} of the rise} other {{beyond1, select, yes {, more than the whole rise: other parts fell} other {}}}}.{has_delta2, select, yes { Next comes {segment2}, with {delta2_est, select, yes {about {delta2}} other {{delta2}}}.} other {}}}}}}',
    top_detractors:
      '{against, select, yes {{by, select, team {The {name} team} workspace {The {name} workspace} feature {{name}} other {{name}}} went against the trend: {delta1_est, select, yes {about {delta1}} other {{delta1}}} less while the rest rose.} other {{tied, select, yes {Your drop comes from {segment1} and {segment2} alike: {delta1_est, select, yes {about {delta1}} other {{delta1}}} less each.} other {The biggest part of your drop comes from {by, select, team {the {name} team} workspace {the {name} workspace} feature {{name}} other {{name}}}: {delta1_est, select, yes {about {delta1}} other {{delta1}}} less{has_share1, select, yes {, {share1} of the drop} other {{beyond1, select, yes {, more than the whole drop: other parts rose} other {}}}}.{has_delta2, select, yes { Next comes {segment2}, with {delta2_est, select, yes {about {delta2}} other {{delta2}}} less.} other {}}}}}}',
    concentration:
      'Just {topCount} ({keyShare} of all) {topCount_n, plural, one {brings} other {bring}} {valueShare} of your value: {topMoney_est, select, yes {about {topMoney}} other {{topMoney}}}. If use drops there, so does your value.',
    record:
      '{grain, select, month {The month starting {bucket}} other {The week starting {bucket}}} is your best so far{has_subject, select, yes { for {subject}} other {}}: {record_est, select, yes {about {record}} other {{record}}} in value{has_margin, select, yes {, {margin} above the previous best} other {}}.',
    adoption_gap:
      '{money_n, plural, =0 {You do not use {subject} yet.} other {You barely use {subject}: it brings {money_est, select, yes {about {money}} other {{money}}}, {share} of your value.}}{has_peerMoney, select, yes { The parts you use actively typically bring {peerMoney_est, select, yes {an estimated {peerMoney}} other {{peerMoney}}} each.} other {}}',
    next_best_offer: `{basis, select, peers {{adopters} {like, select, yes {like yours} other {on {product}}} already {adopters_n, plural, one {gets} other {get}} value from “{value}”. With {users} active in your account, “{offer}” would bring you ${offerMoney}.} other {{product} estimates that “{offer}” would bring you ${offerMoney}, with {users} active in your account.}}`,
  },
  questions: {
    period_change: 'Why did it change?',
    pace_to_promise:
      '{status, select, behind {What would it take?} other {What keeps you on track?}}',
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
    adoption_gap: 'How do teams like yours use {subject}?',
    next_best_offer: 'Where do you get this value today?',
  },
  headline: `{PeriodIn} you {has_amount, select, yes {{action, select, saved {saved} handled {handled} other {gained}} {amount}{has_amountMoney, select, yes {, worth {amountMoney_est, select, yes {about {amountMoney}} other {{amountMoney}}}} other {}}{rest, select, yes {, and gained {money_est, select, yes {about {money}} other {{money}}} in value in all} other {}}} other {gained {money_est, select, yes {about {money}} other {{money}}} in value}}{has_multiple, select, yes {, {multiple} what you pay} other {}}.`,
  person: 'User {n}',
  periods: {
    in: '{period, select, last_days {in the last {periodDays} days} month_to_date {this month so far} quarter_to_date {this quarter so far} year_to_date {this year so far} month {in {periodMonth}} quarter {in Q{periodQuarter} {periodYear}} year {in {periodYear}} other {from {periodFrom} to {periodTo}}}',
    In: '{period, select, last_days {In the last {periodDays} days} month_to_date {This month so far} quarter_to_date {This quarter so far} year_to_date {This year so far} month {In {periodMonth}} quarter {In Q{periodQuarter} {periodYear}} year {In {periodYear}} other {From {periodFrom} to {periodTo}}}',
    compared:
      '{compared, select, last_year {in the same period last year} chosen {from {comparedFrom} to {comparedTo}} other {in the {comparedDays} days before}}',
  },
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
      '{reason, select, processing {Your newest activity is being added to your value right now; your story appears in a moment.} no_activity_in_period {No value to show for this period: nothing that creates value happened in it.{has_lastDay, select, yes { Your latest activity is from {lastDay}.} other {}}} other {No value to show yet: no activity that creates value has been recorded.}}',
    partial:
      'Your activity starts on {firstDay}, after this period begins. This period is not complete.',
    nothingNotable: 'Nothing notable changed in this period.',
    localeFallback: 'This story is in English because your language is not available yet.',
    slice:
      'This story covers only {value} ({segment}). What you pay and what was promised are for your whole account, so they are left out here.',
    feature: 'feature',
    notComparable:
      '{reason, select, current_includes_today {This period includes today, which is still under way, so it is not like for like with {compared, select, last_year {the same period last year} previous {the period before} other {the period you compare with}}: no change in percent is given.} other {Your account started on {startDay}, so {compared, select, last_year {the same period last year is} previous {{has_days, select, yes {the previous {days} are} other {the period before is}}} other {the period you compare with is}} no fair comparison: no change in percent is given.}}',
  },
  units: {
    ticket: '{n, plural, one {{value} ticket} other {{value} tickets}}',
    deal: '{n, plural, one {{value} deal} other {{value} deals}}',
    person: '{n, plural, one {{value} person} other {{value} people}}',
    user: '{n, plural, one {{value} person} other {{value} people}}',
    account: '{n, plural, one {{value} account} other {{value} accounts}}',
    team: '{n, plural, one {{value} team} other {{value} teams}}',
    workspace: '{n, plural, one {{value} workspace} other {{value} workspaces}}',
    call: '{n, plural, one {{value} call} other {{value} calls}}',
    task: '{n, plural, one {{value} task} other {{value} tasks}}',
    document: '{n, plural, one {{value} document} other {{value} documents}}',
  },
};
