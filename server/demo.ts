import { readFileSync } from 'node:fs';
import { validateValueModel } from '../blueprint/validate-model.ts';
import { peerAccounts } from '../examples/demo/peer-accounts.ts';
import { seedDemoTelemetry } from '../examples/demo/seed.ts';
import { demoAccounts, demoEndDay, demoPromisesFor } from '../examples/demo/telemetry.ts';
import type { Storage } from '../telemetry/storage/interface.ts';
import { generateWriteKey, newId } from '../telemetry/write-keys.ts';
import { ScenarioService } from './scenarios/scenario-service.ts';
import { ValueService } from './value/value-service.ts';

export const DEMO_SOURCE = 'Acme Flow (demo)';
const MODEL_FILE = new URL('../examples/demo/model.json', import.meta.url);

/** The demo's customer accounts, as the demo host page lists them. */
export const DEMO_CUSTOMERS: ReadonlyArray<{ id: string; name: string }> = demoAccounts.map(
  ({ id, name }) => ({ id, name }),
);

export interface PreparedDemo {
  writeKey: string;
  accounts: Array<{ id: string; name: string; userId: string }>;
}

/**
 * Makes the database a working demo: the demo source with a fresh write key (keys are shown once,
 * so one is issued per run); on first start the telemetry, the Acme Flow value model and each
 * account's promises, all dated from the same last day so promises match the history.
 */
export async function prepareDemo(
  storage: Storage,
  log: (line: string) => void,
): Promise<PreparedDemo> {
  const { values } = storage;
  const key = generateWriteKey();
  const existing = await storage.sources.findSourceByName(DEMO_SOURCE);
  const sourceId = existing?.id ?? newId('src');
  if (!existing) {
    await storage.sources.createSource({ id: sourceId, name: DEMO_SOURCE, key });
  } else {
    for (const old of existing.keys.filter((k) => k.revokedAt === null)) {
      await storage.sources.revokeKey(existing.id, old.id);
    }
    await storage.sources.addKey(existing.id, key);
  }
  const { totals } = await storage.inventory.inventory({ sourceId });
  if (totals.events === 0) {
    log('Seeding the demo with sample telemetry, value model and promises (first start only)…');
    const started = Date.now();
    const end = demoEndDay();
    const seeded = await seedDemoTelemetry(storage, sourceId, { end });
    for (const [accountId, promises] of Object.entries(demoPromisesFor({ end }))) {
      await values.setPromises(accountId, promises);
    }
    if (!(await values.currentModel())) await values.saveModel(demoModel());
    await values.refresh();
    await seedDemoPlans(storage);
    log(
      `Seeded the demo: ${seeded.accepted.toLocaleString('en')} events for ${demoAccounts.length} customer accounts ` +
        `and ${peerAccounts.length} peers like them ` +
        `in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  }
  return {
    writeKey: key.key,
    accounts: demoAccounts.map((account) => ({
      id: account.id,
      name: account.name,
      userId: `${account.id}-u1`,
    })),
  };
}

/**
 * Saved plans for the demo's first customer, made the way a customer makes them (on the account's
 * baseline, through the scenario service): one shared with the team, one still private.
 */
async function seedDemoPlans(storage: Storage): Promise<void> {
  const [account] = demoAccounts;
  if (!account) return;
  const value = new ValueService(storage.values);
  const scenarios = new ScenarioService(value, storage.scenarios);
  const context = await value.context(account.id);
  const reader = { userId: `${account.id}-u1`, role: 'editor' as const };
  const { levers } = await scenarios.levers(context);
  const today = (id: string) => levers.find((lever) => lever.id === id)?.baseline ?? 0;
  const plans: Array<{
    name: string;
    description: string;
    levers: Record<string, number>;
    shared: boolean;
  }> = [
    {
      name: 'Automations in every team',
      description:
        'If the teams that do not automate yet ran workflows the way the busiest ones do.',
      levers: { 'adoption:automation_hours': Math.round(today('adoption:automation_hours') * 1.5) },
      shared: true,
    },
    {
      name: 'Reminders on every overdue invoice',
      description:
        'Twice as many people sending automated payment reminders, phased in over three months.',
      levers: { 'adoption:invoice_revenue': 2 * today('adoption:invoice_revenue') },
      shared: false,
    },
  ];
  // A second apart, in this order: saved within one millisecond, they would list in either.
  const now = Date.now();
  for (const [index, plan] of plans.entries()) {
    const savedAt = now - (plans.length - 1 - index) * 1_000;
    await scenarios.savePlan(
      context,
      reader,
      { ...plan, horizonMonths: 12, rampMonths: 3 },
      savedAt,
    );
  }
}

/** The demo's value model, checked like any vendor's. */
export function demoModel() {
  const validation = validateValueModel(JSON.parse(readFileSync(MODEL_FILE, 'utf8')));
  if (!validation.ok) {
    throw new Error(
      `the demo value model is invalid: ${validation.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    );
  }
  return validation.model;
}
