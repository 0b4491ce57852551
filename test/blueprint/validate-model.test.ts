import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatPath } from '../../blueprint/readable-issues.ts';
import { type ModelIssue, validateValueModel } from '../../blueprint/validate-model.ts';
import { basisOf, valueModelJsonSchema } from '../../blueprint/value-model.ts';

type Json = Record<string, unknown>;

const demoText = readFileSync(new URL('../../examples/demo/model.json', import.meta.url), 'utf8');
/** A fresh copy of the demo model for each case to change. */
const demo = (): Json & { drivers: Json[]; assumptions: Json[]; segments: Json[] } =>
  JSON.parse(demoText);

/** A small model whose parts each case replaces. */
function model(drivers: Json[], extra: Json = {}): Json {
  return {
    product: 'Acme Flow',
    currency: 'USD',
    assumptions: [
      {
        id: 'hourly_rate',
        label: 'Loaded cost of one hour',
        unit: 'USD/hour',
        default: 55,
        min: 10,
        max: 500,
        customerEditable: true,
        source: 'test',
      },
    ],
    drivers,
    ...extra,
  };
}
const hoursDriver = (changes: Json = {}): Json => ({
  id: 'automation_hours',
  label: 'Time saved',
  category: 'efficiency',
  event: 'Workflow Run Completed',
  quantity: { count: true },
  perUnit: 0.2,
  unit: { singular: 'hour', plural: 'hours' },
  rates: ['hourly_rate'],
  ...changes,
});
const revenueDriver = (changes: Json = {}): Json => ({
  id: 'invoices',
  label: 'Invoices collected',
  category: 'revenue',
  event: 'Invoice Collected',
  quantity: { sum: 'amount' },
  unit: 'currency',
  ...changes,
});

function issuesOf(input: unknown, options = {}): ModelIssue[] {
  const result = validateValueModel(input, options);
  if (result.ok) throw new Error('expected the model to be refused');
  return result.issues;
}

/** Telemetry inventory of the demo events, as the inventory route reports keys. */
const demoInventory = {
  'Workflow Run Completed': ['status', 'team', 'workspace', 'steps', 'duration_ms'],
  'Ticket Auto-Resolved': ['team', 'workspace', 'channel'],
  'Invoice Collected': ['amount', 'team', 'workspace'],
  'Compliance Check Passed': ['team', 'workspace', 'control'],
  'Report Exported': ['team', 'workspace', 'format'],
};

describe('the demo value model', () => {
  it('passes validation with no warnings, also against the demo events', () => {
    for (const options of [{}, { knownProperties: demoInventory }]) {
      const result = validateValueModel(demo(), options);
      expect(result).toMatchObject({ ok: true, warnings: [] });
    }
  });

  it('covers every category, with two customer-editable assumptions and team/workspace cuts', () => {
    const result = validateValueModel(demo());
    if (!result.ok) throw new Error('demo model refused');
    const { model } = result;
    expect(new Set(model.drivers.map((d) => d.category))).toEqual(
      new Set(['efficiency', 'cost', 'revenue', 'risk']),
    );
    expect(model.assumptions.filter((a) => a.customerEditable).length).toBeGreaterThanOrEqual(2);
    expect(model.segments.map((s) => s.property)).toEqual(['team', 'workspace']);
    expect(model.price).toEqual({ trait: 'arr' });
    expect(model.drivers.map((d) => [d.id, basisOf(d)])).toEqual([
      ['automation_hours', 'modelled'],
      ['reporting_hours', 'modelled'],
      ['ticket_deflection', 'modelled'],
      ['invoice_revenue', 'measured'],
      ['compliance_risk', 'modelled'],
    ]);
  });
});

describe('schema errors in plain words, at readable paths', () => {
  it.each<[string, (m: ReturnType<typeof demo>) => unknown, string, RegExp]>([
    [
      'a document that is not an object',
      () => 42,
      '',
      /^expected an object \{ … \}, got the number 42$/,
    ],
    [
      'a missing event',
      (m) => {
        delete m.drivers[2]?.event;
        return m;
      },
      'drivers[2].event',
      /^is missing/,
    ],
    [
      'a misspelt field',
      (m) => {
        (m.drivers[1] as Json).perunit = 2;
        return m;
      },
      'drivers[1]',
      /^unknown field "perunit" \(did you mean "perUnit"\?\); the fields here are: id, label, category/,
    ],
    [
      'a lower-case currency',
      (m) => ({ ...m, currency: 'usd' }),
      'currency',
      /ISO 4217 currency code such as USD/,
    ],
    [
      'an empty quantity',
      (m) => {
        (m.drivers[0] as Json).quantity = {};
        return m;
      },
      'drivers[0].quantity',
      /^expected one of \{"count": true\}, \{"sum": "<property>"\}/,
    ],
    [
      'an empty label',
      (m) => {
        (m.segments[1] as Json).label = '  ';
        return m;
      },
      'segments[1].label',
      /^must not be empty$/,
    ],
    [
      'an empty list for "in"',
      (m) => {
        (m.drivers[0] as Json).where = [{ property: 'status', op: 'in', value: [] }];
        return m;
      },
      'drivers[0].where[0].value',
      /^list at least one value$/,
    ],
    [
      'a number as text in an assumption',
      (m) => {
        (m.assumptions[0] as Json).default = '55';
        return m;
      },
      'assumptions[0].default',
      /^expected a number$/,
    ],
    [
      'a label as a number',
      (m) => {
        (m.assumptions[0] as Json).unit = 5;
        return m;
      },
      'assumptions[0].unit',
      /^expected text, got the number 5$/,
    ],
    [
      'nine segments',
      (m) => ({
        ...m,
        segments: Array.from({ length: 9 }, (_, i) => ({ id: `s${i}`, label: 'S', property: 'p' })),
      }),
      'segments',
      /^at most 8 segments$/,
    ],
  ])('%s', (_case, change, path, message) => {
    const issues = issuesOf(change(demo()));
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe(path);
    expect(issues[0]?.message).toMatch(message);
  });

  it('formats paths the way a person writes them', () => {
    expect(formatPath(['drivers', 2, 'rates', 0])).toBe('drivers[2].rates[0]');
    expect(formatPath(['price', 'trait'])).toBe('price.trait');
    expect(formatPath([])).toBe('');
    expect(formatPath(['odd key', 1])).toBe('["odd key"][1]');
  });
});

describe('cross-checks', () => {
  it.each<[string, Json, string, string]>([
    [
      'a duplicate driver id',
      model([hoursDriver(), hoursDriver({ label: 'Again' })]),
      'drivers[1].id',
      '"automation_hours" is already the id of drivers[0] ("Time saved"); each driver needs its own id',
    ],
    [
      'a duplicate assumption id',
      {
        ...model([hoursDriver()]),
        assumptions: [0, 1].map((i) => ({
          id: 'hourly_rate',
          label: `Rate ${i}`,
          unit: 'USD/hour',
          default: 55,
          min: 10,
          max: 500,
          source: 'test',
        })),
      },
      'assumptions[1].id',
      '"hourly_rate" is already the id of assumptions[0] ("Rate 0"); each assumption needs its own id',
    ],
    [
      'a duplicate segment id',
      model([hoursDriver()], {
        segments: [
          { id: 'team', label: 'Team', property: 'team' },
          { id: 'team', label: 'Squad', property: 'squad' },
        ],
      }),
      'segments[1].id',
      '"team" is already the id of segments[0] ("Team"); each segment needs its own id',
    ],
    [
      'a rate naming an unknown assumption',
      model([hoursDriver({ rates: ['hourly_rat'] })]),
      'drivers[0].rates[0]',
      '"hourly_rat" is not an assumption in this model; the assumptions are: hourly_rate',
    ],
    [
      'a rate when the model has no assumptions',
      { ...model([hoursDriver()]), assumptions: [] },
      'drivers[0].rates[0]',
      '"hourly_rate" is not an assumption in this model, which has none yet; add it under assumptions',
    ],
    [
      'a rate listed twice',
      model([hoursDriver({ rates: ['hourly_rate', 'hourly_rate'] })]),
      'drivers[0].rates[1]',
      '"hourly_rate" is listed twice, so it would be multiplied in twice; list it once',
    ],
    [
      'hours without a rate',
      model([hoursDriver({ rates: [] })]),
      'drivers[0].rates',
      'this driver counts hours, which need a rate to be worth money, e.g. hourly_rate (USD per hour); add it under assumptions and list it here',
    ],
    [
      'tickets without a rate',
      model([hoursDriver({ rates: [], unit: { singular: 'ticket', plural: 'tickets' } })]),
      'drivers[0].rates',
      'this driver counts tickets, which need a rate to be worth money, e.g. value_per_ticket (USD per ticket); add it under assumptions and list it here',
    ],
    [
      'a currency driver with rates',
      model([hoursDriver(), revenueDriver({ rates: ['hourly_rate'] })]),
      'drivers[1].rates',
      'a driver counted in USD is money already, so it takes no rates; remove them, or give it a unit (e.g. tickets) and let the rates turn that into money',
    ],
    [
      'a currency driver that counts events',
      model([hoursDriver(), revenueDriver({ quantity: { count: true }, perUnit: 40 })]),
      'drivers[1].quantity',
      'a driver counted in USD must add up an amount carried by its events, e.g. {"sum": "amount"}; to put a price on a count, give it a unit (e.g. tickets) and a rate such as cost_per_ticket',
    ],
    [
      'a sum of money scaled by perUnit',
      model([hoursDriver(), revenueDriver({ perUnit: 0.3 })]),
      'drivers[1].perUnit',
      'a driver that adds up USD amounts takes them as they are; remove perUnit (0.3), or model the adjustment as an assumption on a non-currency driver',
    ],
    [
      'a perUnit of zero',
      model([hoursDriver({ perUnit: 0 })]),
      'drivers[0].perUnit',
      'must be above zero (it is 0); for something that should go down, keep it positive and set goodDirection to "down"',
    ],
    [
      'a default above the maximum',
      {
        ...model([hoursDriver()]),
        assumptions: [
          {
            id: 'hourly_rate',
            label: 'H',
            unit: 'USD/hour',
            default: 600,
            min: 10,
            max: 500,
            source: 's',
          },
        ],
      },
      'assumptions[0].default',
      'the default 600 is outside the allowed range 10 to 500',
    ],
    [
      'a minimum above the maximum',
      {
        ...model([hoursDriver()]),
        assumptions: [
          {
            id: 'hourly_rate',
            label: 'H',
            unit: 'USD/hour',
            default: 55,
            min: 500,
            max: 10,
            source: 's',
          },
        ],
      },
      'assumptions[0].min',
      'the lowest allowed value (min 500) is above the highest (max 10)',
    ],
    [
      '"in" with one value',
      model([hoursDriver({ where: [{ property: 'channel', op: 'in', value: 'email' }] })]),
      'drivers[0].where[0].value',
      '"in" matches any of several values and needs a list, e.g. ["email", "chat"] (got "email"; use "eq" for one value)',
    ],
    [
      '"in" with no value',
      model([hoursDriver({ where: [{ property: 'channel', op: 'in' }] })]),
      'drivers[0].where[0].value',
      '"in" matches any of several values and needs a list, e.g. ["email", "chat"]',
    ],
    [
      '"exists" with a value',
      model([hoursDriver({ where: [{ property: 'team', op: 'exists', value: true }] })]),
      'drivers[0].where[0].value',
      '"exists" only checks that the property is there and takes no value; remove value',
    ],
    [
      '"gt" with a number in quotes',
      model([hoursDriver({ where: [{ property: 'steps', op: 'gt', value: '5' }] })]),
      'drivers[0].where[0].value',
      '"gt" compares numbers; write 5 without quotes',
    ],
    [
      '"lte" with a word',
      model([hoursDriver({ where: [{ property: 'steps', op: 'lte', value: 'many' }] })]),
      'drivers[0].where[0].value',
      '"lte" compares numbers and needs one number, e.g. 100',
    ],
    [
      '"eq" with a list',
      model([hoursDriver({ where: [{ property: 'status', op: 'eq', value: ['success'] }] })]),
      'drivers[0].where[0].value',
      '"eq" compares with one value; to match any of several, use "in"',
    ],
    [
      '"neq" with nothing to compare',
      model([hoursDriver({ where: [{ property: 'status', op: 'neq' }] })]),
      'drivers[0].where[0].value',
      '"neq" needs a value to compare with',
    ],
    [
      'a segment named like a built-in cut',
      model([hoursDriver()], { segments: [{ id: 'user', label: 'User', property: 'user' }] }),
      'segments[0].id',
      '"user" is reserved: value can already be cut by user and by feature; choose another id',
    ],
  ])('refuses %s', (_case, input, path, message) => {
    expect(issuesOf(input)).toEqual([{ path, message }]);
  });

  it('accepts each operator with the value it takes', () => {
    const where = [
      { property: 'status', op: 'eq', value: 'success' },
      { property: 'status', op: 'neq', value: 'failed' },
      { property: 'channel', op: 'in', value: ['email', 'chat'] },
      { property: 'steps', op: 'gt', value: 2 },
      { property: 'steps', op: 'gte', value: 3 },
      { property: 'steps', op: 'lt', value: 20 },
      { property: 'steps', op: 'lte', value: 19.5 },
      { property: 'team', op: 'exists' },
    ];
    expect(validateValueModel(model([hoursDriver({ where })]))).toMatchObject({ ok: true });
  });

  it('reports every problem at once, not only the first', () => {
    const issues = issuesOf(
      model([hoursDriver({ rates: ['nope'] }), hoursDriver({ perUnit: -1 })]),
    );
    expect(issues.map((issue) => issue.path)).toEqual([
      'drivers[1].id',
      'drivers[0].rates[0]',
      'drivers[1].perUnit',
    ]);
  });

  it('warns about an assumption no driver uses', () => {
    const input = model([hoursDriver()]);
    (input.assumptions as Json[]).push({
      id: 'spare',
      label: 'Spare',
      unit: 'x',
      default: 1,
      min: 0,
      max: 2,
      source: 's',
    });
    expect(validateValueModel(input)).toMatchObject({
      ok: true,
      warnings: [
        {
          path: 'assumptions[1]',
          message: '"spare" is not used in any driver\'s rates, so it changes no figure',
        },
      ],
    });
  });
});

describe('checks against the properties the telemetry carried', () => {
  const known = {
    'Workflow Run Completed': ['status', 'team', 'steps'],
    'Invoice Collected': ['amount', 'deal'],
  };
  const segments = [{ id: 'team', label: 'Team', property: 'team' }];

  it('warns when the event has never arrived, hinting at a different capitalisation', () => {
    const result = validateValueModel(model([hoursDriver({ event: 'workflow run completed' })]), {
      knownProperties: known,
    });
    expect(result).toMatchObject({
      ok: true,
      warnings: [
        {
          path: 'drivers[0].event',
          message:
            'no "workflow run completed" events have arrived yet, so this driver shows zero until they do; did you mean "Workflow Run Completed"? (names are case-sensitive)',
        },
      ],
    });
  });

  it('refuses a where or sum on a property the event has never carried', () => {
    const input = model([
      hoursDriver({ where: [{ property: 'state', op: 'eq', value: 'success' }] }),
      revenueDriver({ quantity: { sum: 'total' } }),
    ]);
    expect(issuesOf(input, { knownProperties: known })).toEqual([
      {
        path: 'drivers[0].where[0].property',
        message:
          'no "Workflow Run Completed" event has carried a "state" property; properties seen on it: status, team, steps',
      },
      {
        path: 'drivers[1].quantity.sum',
        message:
          'no "Invoice Collected" event has carried a "total" property; properties seen on it: amount, deal',
      },
    ]);
  });

  it('takes a nested property as seen when its top-level key is', () => {
    const input = model([hoursDriver(), revenueDriver({ quantity: { sum: 'deal.amount' } })]);
    expect(validateValueModel(input, { knownProperties: known })).toMatchObject({ ok: true });
  });

  it('refuses a segment no driver event carries, and warns when only some lack it', () => {
    const none = model([hoursDriver()], {
      segments: [{ id: 'workspace', label: 'Workspace', property: 'workspace' }],
    });
    expect(issuesOf(none, { knownProperties: known })).toEqual([
      {
        path: 'segments[0].property',
        message:
          'none of the drivers\' events has carried a "workspace" property, so nothing can be cut by Workspace',
      },
    ]);
    const some = model([hoursDriver(), revenueDriver()], { segments });
    expect(validateValueModel(some, { knownProperties: known })).toMatchObject({
      ok: true,
      warnings: [
        {
          path: 'segments[0].property',
          message:
            'these drivers\' events have not carried a "team" property, so cut by Team they show everything as not set: invoices ("Invoice Collected")',
        },
      ],
    });
  });

  it('skips the property checks for events that have not arrived', () => {
    const input = model([hoursDriver({ where: [{ property: 'anything', op: 'exists' }] })], {
      segments,
    });
    expect(validateValueModel(input, { knownProperties: {} })).toMatchObject({
      ok: true,
      warnings: [{ path: 'drivers[0].event' }],
    });
  });
});

/**
 * A deliberately small JSON Schema checker for the keywords zod emits for this schema, so the test
 * needs no validator dependency. It returns the paths that fail.
 */
function schemaErrors(schema: Json, value: unknown, path = '$'): string[] {
  const typeOf = (v: unknown) =>
    v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'number' : typeof v;
  if (Array.isArray(schema.anyOf)) {
    const fits = (schema.anyOf as Json[]).some(
      (option) => schemaErrors(option, value, path).length === 0,
    );
    return fits ? [] : [`${path}: no anyOf option fits`];
  }
  const types = schema.type === undefined ? [] : [schema.type].flat();
  const integer = types.includes('integer') && Number.isInteger(value);
  if (types.length > 0 && !types.includes(typeOf(value)) && !integer)
    return [`${path}: not ${types.join('|')}`];
  if ('const' in schema && schema.const !== value) return [`${path}: not ${String(schema.const)}`];
  if (Array.isArray(schema.enum) && !schema.enum.includes(value)) return [`${path}: not in enum`];
  const errors: string[] = [];
  if (typeof value === 'string') {
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern).test(value))
      errors.push(`${path}: pattern`);
    if (typeof schema.minLength === 'number' && value.length < schema.minLength)
      errors.push(`${path}: minLength`);
    if (typeof schema.maxLength === 'number' && value.length > schema.maxLength)
      errors.push(`${path}: maxLength`);
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum)
      errors.push(`${path}: minimum`);
    if (typeof schema.maximum === 'number' && value > schema.maximum)
      errors.push(`${path}: maximum`);
    if (typeof schema.exclusiveMinimum === 'number' && value <= schema.exclusiveMinimum)
      errors.push(`${path}: exclusiveMinimum`);
  }
  // `format` (uri for a call to action's URL) is an annotation in draft 2020-12: not checked.
  if (Array.isArray(value)) {
    if (typeof schema.minItems === 'number' && value.length < schema.minItems)
      errors.push(`${path}: minItems`);
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems)
      errors.push(`${path}: maxItems`);
    if (schema.items) {
      value.forEach((item, i) => {
        errors.push(...schemaErrors(schema.items as Json, item, `${path}[${i}]`));
      });
    }
  }
  if (typeOf(value) === 'object') {
    const object = value as Json;
    const properties = (schema.properties ?? {}) as Record<string, Json>;
    for (const key of (schema.required ?? []) as string[]) {
      if (!(key in object)) errors.push(`${path}.${key}: required`);
    }
    for (const [key, item] of Object.entries(object)) {
      const property = properties[key];
      if (schema.propertyNames) {
        errors.push(...schemaErrors(schema.propertyNames as Json, key, `${path}[${key}]`));
      }
      if (property) errors.push(...schemaErrors(property, item, `${path}.${key}`));
      else if (schema.additionalProperties === false) errors.push(`${path}.${key}: not allowed`);
      else if (typeof schema.additionalProperties === 'object') {
        errors.push(...schemaErrors(schema.additionalProperties as Json, item, `${path}.${key}`));
      }
    }
  }
  return errors;
}

describe('the published JSON Schema', () => {
  const schema = valueModelJsonSchema();

  it('uses only keywords the small checker understands', () => {
    const keywords = new Set<string>();
    const walk = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node && typeof node === 'object') {
        for (const [key, child] of Object.entries(node)) {
          keywords.add(key);
          if (key !== 'properties') walk(child);
          else for (const property of Object.values(child as Json)) walk(property);
        }
      }
    };
    walk(schema);
    const understood = [
      ...['$schema', 'type', 'properties', 'required', 'additionalProperties', 'items', 'anyOf'],
      'propertyNames',
      ...['const', 'enum', 'pattern', 'minLength', 'maxLength', 'minItems', 'maxItems', 'default'],
      ...['minimum', 'maximum', 'exclusiveMinimum', 'format'],
    ];
    expect([...keywords].filter((keyword) => !understood.includes(keyword))).toEqual([]);
  });

  it('accepts the demo model', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schemaErrors(schema, demo())).toEqual([]);
  });

  it('rejects a broken model, at the broken places', () => {
    const broken = demo();
    broken.currency = 'dollars';
    delete broken.drivers[0]?.quantity;
    (broken.drivers[1] as Json).category = 'happiness';
    (broken.segments[0] as Json).colour = 'red';
    expect(schemaErrors(schema, broken)).toEqual([
      '$.currency: pattern',
      '$.drivers[0].quantity: required',
      '$.drivers[1].category: not in enum',
      '$.segments[0].colour: not allowed',
    ]);
  });
});
