import type { ScenarioStore, StoredScenario } from '../interface.ts';

/** Saved plans in memory, by account and id; copies go in and out, as a database's rows would. */
export class MemoryScenarioStore implements ScenarioStore {
  private readonly byAccount = new Map<string, Map<string, StoredScenario>>();

  async create(scenario: StoredScenario, limit: number): Promise<boolean> {
    const plans = this.plansOf(scenario.accountId);
    if (plans.size >= limit || plans.has(scenario.id)) return false;
    plans.set(scenario.id, structuredClone(scenario));
    return true;
  }

  async list(accountId: string): Promise<StoredScenario[]> {
    return [...this.plansOf(accountId).values()]
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
      .map((scenario) => structuredClone(scenario));
  }

  async get(accountId: string, id: string): Promise<StoredScenario | null> {
    const found = this.byAccount.get(accountId)?.get(id);
    return found ? structuredClone(found) : null;
  }

  async replace(scenario: StoredScenario): Promise<boolean> {
    const plans = this.byAccount.get(scenario.accountId);
    if (!plans?.has(scenario.id)) return false;
    plans.set(scenario.id, structuredClone(scenario));
    return true;
  }

  async remove(accountId: string, id: string): Promise<boolean> {
    return this.byAccount.get(accountId)?.delete(id) ?? false;
  }

  private plansOf(accountId: string): Map<string, StoredScenario> {
    let plans = this.byAccount.get(accountId);
    if (!plans) {
      plans = new Map();
      this.byAccount.set(accountId, plans);
    }
    return plans;
  }
}
