import type { Activity, DemoAccount, DemoTeam } from './telemetry.ts';

/**
 * Fifteen more Acme Flow customers, five on each plan, that the demo host page does not feature:
 * they are the "accounts like yours" next-best value compares the featured six with. They differ
 * in what they have turned on (some never export reports, only some run support or finance in
 * Acme Flow) and in how hard they use it, so each offer has adopters and non-adopters, and a
 * featured account can be below or above its peers. No promises: they only serve as peers.
 */

const ops: DemoTeam = { name: 'Operations', kind: 'operations' };
const finance: DemoTeam = { name: 'Finance', kind: 'finance' };
const support: DemoTeam = { name: 'Support', kind: 'support' };
const compliance: DemoTeam = { name: 'Risk & Compliance', kind: 'compliance' };

const EVERYTHING: readonly Activity[] = [
  'run',
  'ticket',
  'invoice',
  'check',
  'report',
  'dashboard',
];
/** Everything but what is named. */
const without = (...off: Activity[]): readonly Activity[] =>
  EVERYTHING.filter((activity) => !off.includes(activity));

interface PeerTerms {
  id: string;
  name: string;
  plan: DemoAccount['plan'];
  seats: number;
  industry: string;
  teams: DemoTeam[];
  intensity: number;
  uses?: readonly Activity[];
}

/** A peer's usual shape: 100 days of history, most seats in use after a three-week ramp. */
function peer(terms: PeerTerms): DemoAccount {
  const arrPerSeat = { starter: 480, growth: 800, enterprise: 1_200 }[terms.plan];
  return {
    ...terms,
    arr: terms.seats * arrPerSeat,
    story: 'A peer account: one of the customers like yours that offers are measured among.',
    workspaces: ['North America', 'EMEA'],
    days: 100,
    adoption: 0.8,
    rampDays: 21,
    failureRate: 0.05,
    invoiceUsd: 50,
    promises: [],
  };
}

export const peerAccounts: readonly DemoAccount[] = [
  peer({
    id: 'stark-industrial',
    name: 'Stark Industrial',
    plan: 'enterprise',
    seats: 24,
    industry: 'Manufacturing',
    teams: [ops, compliance, finance],
    intensity: 1.3,
  }),
  peer({
    id: 'wayne-medical',
    name: 'Wayne Medical',
    plan: 'enterprise',
    seats: 20,
    industry: 'Healthcare',
    teams: [compliance, ops, support],
    intensity: 1.2,
  }),
  peer({
    id: 'tyrell-energy',
    name: 'Tyrell Energy',
    plan: 'enterprise',
    seats: 22,
    industry: 'Energy',
    teams: [ops, compliance],
    intensity: 1.1,
  }),
  peer({
    id: 'cyberdyne-finance',
    name: 'Cyberdyne Finance',
    plan: 'enterprise',
    seats: 18,
    industry: 'Financial services',
    teams: [finance, compliance],
    intensity: 1,
  }),
  peer({
    id: 'oscorp-labs',
    name: 'Oscorp Labs',
    plan: 'enterprise',
    seats: 16,
    industry: 'Life sciences',
    teams: [ops, support],
    intensity: 0.9,
    uses: without('check'),
  }),
  peer({
    id: 'soylent-foods',
    name: 'Soylent Foods',
    plan: 'growth',
    seats: 14,
    industry: 'Food',
    teams: [ops, support],
    intensity: 1.3,
  }),
  peer({
    id: 'wonka-retail',
    name: 'Wonka Retail',
    plan: 'growth',
    seats: 12,
    industry: 'Retail',
    teams: [support, finance],
    intensity: 1.2,
  }),
  peer({
    id: 'massive-dynamic',
    name: 'Massive Dynamic',
    plan: 'growth',
    seats: 15,
    industry: 'Technology',
    teams: [ops, support],
    intensity: 1.1,
  }),
  peer({
    id: 'gringotts-freight',
    name: 'Gringotts Freight',
    plan: 'growth',
    seats: 12,
    industry: 'Logistics',
    teams: [ops, finance],
    intensity: 1,
    uses: without('report'),
  }),
  peer({
    id: 'duff-brands',
    name: 'Duff Brands',
    plan: 'growth',
    seats: 10,
    industry: 'Consumer goods',
    teams: [ops],
    intensity: 0.9,
    uses: without('ticket'),
  }),
  peer({
    id: 'pied-piper',
    name: 'Pied Piper',
    plan: 'starter',
    seats: 8,
    industry: 'Software',
    teams: [ops, support],
    intensity: 1.4,
  }),
  peer({
    id: 'bluth-homes',
    name: 'Bluth Homes',
    plan: 'starter',
    seats: 7,
    industry: 'Real estate',
    teams: [ops, finance],
    intensity: 1.2,
  }),
  peer({
    id: 'dunder-paper',
    name: 'Dunder Paper',
    plan: 'starter',
    seats: 9,
    industry: 'Wholesale',
    teams: [ops, support],
    intensity: 1.1,
  }),
  peer({
    id: 'krusty-studios',
    name: 'Krusty Studios',
    plan: 'starter',
    seats: 6,
    industry: 'Media',
    teams: [support],
    intensity: 1,
    uses: without('report'),
  }),
  peer({
    id: 'prestige-travel',
    name: 'Prestige Travel',
    plan: 'starter',
    seats: 8,
    industry: 'Travel',
    teams: [ops, support],
    intensity: 0.9,
  }),
];
