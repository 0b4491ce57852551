import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = join(root, 'bin', 'valueprint.js');
const demoModel = join(root, 'examples', 'demo', 'model.json');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'valueprint-model-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `valueprint …` to completion. */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...args], { cwd: root });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (data: Buffer) => {
    stdout += data.toString();
  });
  child.stderr.on('data', (data: Buffer) => {
    stderr += data.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`valueprint ${args.join(' ')} did not finish\n${stderr}`));
    }, 30_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
const validateModel = (...args: string[]) => cli(['validate-model', ...args]);

/** The demo model's fields these cases change. */
interface EditableModel {
  currency: string;
  drivers: Array<{ id: string; event?: string; rates?: string[] }>;
}

function writeModel(name: string, change: (model: EditableModel) => void): string {
  const model = JSON.parse(readFileSync(demoModel, 'utf8'));
  // The edits below rename and drop drivers: the demo's translations and offers would name ones gone.
  delete model.locales;
  delete model.offers;
  change(model);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(model));
  return file;
}

describe('valueprint validate-model', () => {
  it('summarizes a valid model and exits 0', async () => {
    const { code, stdout, stderr } = await validateModel(demoModel);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^.*model\.json is a valid value model\.\n/);
    expect(stdout).toContain('Acme Flow, money in USD; spend from the account trait "arr"');
    expect(stdout).toContain('Drivers (5):');
    expect(stdout).toContain(
      '  automation_hours (efficiency, modelled): Time saved by automated workflows\n' +
        '    from "Workflow Run Completed" where status eq "success": count of events × 0.25 hours × hourly_rate → USD',
    );
    expect(stdout).toContain(
      '  invoice_revenue (revenue, measured): Overdue payments recovered by automated reminders\n' +
        '    from "Invoice Collected": sum of "amount", in USD',
    );
    expect(stdout).toContain(
      '  hourly_rate = 55 USD/hour (10 to 500, customer-editable): Loaded cost of one hour of staff time',
    );
    expect(stdout).toContain('Segments (2):\n  team: Team (property "team")\n');
    expect(stdout).toContain(
      'Offers (5), valued among accounts with the same "plan", from at least 5 that use them:\n',
    );
    expect(stdout).toContain(
      '  auto_resolve (addon): Auto-resolve for support → grows ticket_deflection; only where plan in ["growth","enterprise"]; else the vendor\'s 3 per user a week\n',
    );
  });

  it('prints each problem with its path and exits 1', async () => {
    const file = writeModel('broken.json', (model) => {
      const [first, , third] = model.drivers;
      if (!first || !third) throw new Error('the demo model changed');
      first.rates = ['hourly_rat'];
      third.id = 'automation_hours';
    });
    const { code, stdout, stderr } = await validateModel(file);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      `${file} is not a valid value model (2 problems):\n` +
        '  drivers[2].id: "automation_hours" is already the id of drivers[0] ("Time saved by automated workflows"); each driver needs its own id\n' +
        '  drivers[0].rates[0]: "hourly_rat" is not an assumption in this model; the assumptions are: hourly_rate, cost_per_ticket, incident_cost\n',
    );
  });

  it('shows warnings after the summary of a valid model', async () => {
    const file = writeModel('unused.json', (model) => {
      model.drivers = model.drivers.filter((driver) => driver.id !== 'compliance_risk');
    });
    const { code, stdout } = await validateModel(file);
    expect(code).toBe(0);
    expect(stdout).toContain('Drivers (4):');
    expect(stdout).toMatch(
      /\n\nWorth a look \(1\):\n {2}assumptions\[2\]: "incident_cost" is not used in any driver's rates, so it changes no figure\n$/,
    );
  });

  it('reports schema problems in plain words', async () => {
    const file = writeModel('schema.json', (model) => {
      model.currency = 'dollars';
      delete model.drivers[1]?.event;
    });
    const { code, stderr } = await validateModel(file);
    expect(code).toBe(1);
    expect(stderr).toBe(
      `${file} is not a valid value model (2 problems):\n` +
        '  currency: expected an ISO 4217 currency code such as USD or EUR\n' +
        '  drivers[1].event: is missing; expected text\n',
    );
  });

  it('says when the file is not JSON or cannot be read, exiting 1', async () => {
    const file = join(dir, 'not-json.json');
    writeFileSync(file, '{"product": ');
    const notJson = await validateModel(file);
    expect(notJson.code).toBe(1);
    expect(notJson.stderr).toMatch(new RegExp(`^valueprint: ${file} is not valid JSON: `));

    const missing = await validateModel(join(dir, 'missing.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^valueprint: .*missing\.json cannot be read: ENOENT/);
  });

  it('needs exactly one FILE, exiting 2', async () => {
    const none = await validateModel();
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/^valueprint: validate-model takes exactly one FILE\n/);
    const two = await validateModel(demoModel, demoModel);
    expect(two.code).toBe(2);
  });

  it('is listed in the usage', async () => {
    const { code, stdout } = await cli(['help']);
    expect(code).toBe(0);
    expect(stdout).toContain('\n  validate-model FILE\n');
  });
});
