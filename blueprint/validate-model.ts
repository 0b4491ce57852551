import { type ModelIssue, readableMessage, toModelIssue } from './readable-issues.ts';
import { type Driver, type ValueModel, valueModelSchema, type WhereClause } from './value-model.ts';

export type { ModelIssue } from './readable-issues.ts';

export type ModelValidation =
  | { ok: true; model: ValueModel; warnings: ModelIssue[] }
  | { ok: false; issues: ModelIssue[]; warnings: ModelIssue[] };

export interface ValidateModelOptions {
  /** Property keys seen per event name (from the telemetry inventory), to catch misspelt properties. */
  knownProperties?: Record<string, string[]>;
}

/** Breakdowns already cut by these, so a segment may not take their names. */
const RESERVED_SEGMENT_IDS = ['user', 'feature'];

/**
 * Parses a value model and checks what the schema alone cannot: cross-references, bounds, filters
 * that cannot match, and (given the inventory) properties the telemetry never carried. Errors make
 * the model unusable; warnings are things to look at that still leave every figure computable.
 */
export function validateValueModel(
  input: unknown,
  options: ValidateModelOptions = {},
): ModelValidation {
  const parsed = valueModelSchema.safeParse(input, { reportInput: true, error: readableMessage });
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map(toModelIssue), warnings: [] };
  }
  const model = parsed.data;
  const errors: ModelIssue[] = [];
  const warnings: ModelIssue[] = [];
  checkUniqueIds(model, errors);
  checkAssumptions(model, errors, warnings);
  model.drivers.forEach((driver, index) => {
    checkDriver(model, driver, `drivers[${index}]`, errors);
  });
  for (const [index, segment] of model.segments.entries()) {
    if (RESERVED_SEGMENT_IDS.includes(segment.id)) {
      errors.push({
        path: `segments[${index}].id`,
        message: `"${segment.id}" is reserved: value can already be cut by user and by feature; choose another id`,
      });
    }
  }
  checkOffers(model, errors, warnings);
  checkLocales(model, errors);
  if (options.knownProperties)
    checkAgainstTelemetry(model, options.knownProperties, errors, warnings);
  return errors.length > 0
    ? { ok: false, issues: errors, warnings }
    : { ok: true, model, warnings };
}

/** Offers grow drivers the model has; a vendor estimate counts in its first driver's unit. */
function checkOffers(model: ValueModel, errors: ModelIssue[], warnings: ModelIssue[]): void {
  const drivers = model.drivers.map((driver) => driver.id);
  model.offers.forEach((offer, index) => {
    offer.drivers.forEach((driver, at) => {
      if (!drivers.includes(driver)) {
        errors.push({
          path: `offers[${index}].drivers[${at}]`,
          message: `there is no driver "${driver}"; the drivers are ${drivers.join(', ')}`,
        });
      }
    });
    if (offer.estimate && offer.drivers.length > 1) {
      warnings.push({
        path: `offers[${index}].estimate.perUserPerWeek`,
        message: `counted in the unit of "${offer.drivers[0]}" only, the first of the offer's drivers`,
      });
    }
  });
  const traits = model.peers?.cohortTraits ?? [];
  traits.forEach((trait, index) => {
    if (traits.indexOf(trait) !== index) {
      errors.push({
        path: `peers.cohortTraits[${index}]`,
        message: `"${trait}" is listed twice; each cohort trait once`,
      });
    }
  });
  if (model.offers.length > 0 && !model.peers) {
    warnings.push({
      path: 'peers',
      message: `no "peers": offers are valued among all accounts (no cohort traits), from at least 5 that use them`,
    });
  }
}

/** Translations name drivers, assumptions and segments the model has, and units only for counts. */
function checkLocales(model: ValueModel, errors: ModelIssue[]): void {
  for (const [tag, words] of Object.entries(model.locales ?? {})) {
    const lists = [
      ['drivers', words.drivers, model.drivers],
      ['assumptions', words.assumptions, model.assumptions],
      ['segments', words.segments, model.segments],
      ['offers', words.offers, model.offers],
    ] as const;
    for (const [list, translated, items] of lists) {
      for (const id of Object.keys(translated ?? {})) {
        const item = items.find((candidate) => candidate.id === id);
        if (!item) {
          errors.push({
            path: `locales.${tag}.${list}.${id}`,
            message: `there is no ${list.slice(0, -1)} "${id}" to translate; the ${list} are ${items.map((i) => i.id).join(', ') || 'none'}`,
          });
        } else if (
          list === 'drivers' &&
          words.drivers?.[id]?.unit &&
          (item as Driver).unit === 'currency'
        ) {
          errors.push({
            path: `locales.${tag}.drivers.${id}.unit`,
            message: `"${id}" is measured in money: its unit is the currency and has no words to translate`,
          });
        }
      }
    }
  }
}

function checkUniqueIds(model: ValueModel, errors: ModelIssue[]): void {
  const lists = [
    ['drivers', 'driver', model.drivers],
    ['assumptions', 'assumption', model.assumptions],
    ['segments', 'segment', model.segments],
    ['offers', 'offer', model.offers],
  ] as const;
  for (const [list, noun, items] of lists) {
    const firstAt = new Map<string, number>();
    items.forEach((item, index) => {
      const first = firstAt.get(item.id);
      if (first === undefined) {
        firstAt.set(item.id, index);
        return;
      }
      errors.push({
        path: `${list}[${index}].id`,
        message: `"${item.id}" is already the id of ${list}[${first}] ("${items[first]?.label}"); each ${noun} needs its own id`,
      });
    });
  }
}

function checkAssumptions(model: ValueModel, errors: ModelIssue[], warnings: ModelIssue[]): void {
  const usedAsRate = new Set(model.drivers.flatMap((driver) => driver.rates));
  model.assumptions.forEach((assumption, index) => {
    const at = `assumptions[${index}]`;
    if (assumption.min > assumption.max) {
      errors.push({
        path: `${at}.min`,
        message: `the lowest allowed value (min ${assumption.min}) is above the highest (max ${assumption.max})`,
      });
    } else if (assumption.default < assumption.min || assumption.default > assumption.max) {
      errors.push({
        path: `${at}.default`,
        message: `the default ${assumption.default} is outside the allowed range ${assumption.min} to ${assumption.max}`,
      });
    }
    if (!usedAsRate.has(assumption.id)) {
      warnings.push({
        path: at,
        message: `"${assumption.id}" is not used in any driver's rates, so it changes no figure`,
      });
    }
  });
}

function checkDriver(model: ValueModel, driver: Driver, at: string, errors: ModelIssue[]): void {
  const assumptionIds = model.assumptions.map((assumption) => assumption.id);
  const listed = new Set<string>();
  driver.rates.forEach((rate, index) => {
    if (listed.has(rate)) {
      errors.push({
        path: `${at}.rates[${index}]`,
        message: `"${rate}" is listed twice, so it would be multiplied in twice; list it once`,
      });
    }
    listed.add(rate);
    if (!assumptionIds.includes(rate)) {
      errors.push({
        path: `${at}.rates[${index}]`,
        message:
          assumptionIds.length > 0
            ? `"${rate}" is not an assumption in this model; the assumptions are: ${assumptionIds.join(', ')}`
            : `"${rate}" is not an assumption in this model, which has none yet; add it under assumptions`,
      });
    }
  });

  if (driver.perUnit <= 0) {
    errors.push({
      path: `${at}.perUnit`,
      message: `must be above zero (it is ${driver.perUnit}); for something that should go down, keep it positive and set goodDirection to "down"`,
    });
  }
  if (driver.unit === 'currency') {
    // Currency drivers are labelled "measured": their money must come from the events alone.
    if (driver.rates.length > 0) {
      errors.push({
        path: `${at}.rates`,
        message: `a driver counted in ${model.currency} is money already, so it takes no rates; remove them, or give it a unit (e.g. tickets) and let the rates turn that into money`,
      });
    }
    if (!('sum' in driver.quantity)) {
      errors.push({
        path: `${at}.quantity`,
        message: `a driver counted in ${model.currency} must add up an amount carried by its events, e.g. {"sum": "amount"}; to put a price on a count, give it a unit (e.g. tickets) and a rate such as cost_per_ticket`,
      });
    } else if (driver.perUnit !== 1) {
      errors.push({
        path: `${at}.perUnit`,
        message: `a driver that adds up ${model.currency} amounts takes them as they are; remove perUnit (${driver.perUnit}), or model the adjustment as an assumption on a non-currency driver`,
      });
    }
  } else if (driver.rates.length === 0) {
    errors.push({
      path: `${at}.rates`,
      message: `this driver counts ${driver.unit.plural}, which need a rate to be worth money, e.g. ${suggestedRate(driver.unit.singular)} (${model.currency} per ${driver.unit.singular}); add it under assumptions and list it here`,
    });
  }

  driver.where.forEach((clause, index) => {
    const problem = whereProblem(clause);
    if (problem) errors.push({ path: `${at}.where[${index}].value`, message: problem });
  });
}

function suggestedRate(singular: string): string {
  const slug = singular.toLowerCase().replace(/[^a-z0-9]+/g, '_');
  return slug === 'hour' ? 'hourly_rate' : `value_per_${slug}`;
}

/** What is wrong with a filter's value for its operator, or undefined when it fits. */
function whereProblem({ op, value }: WhereClause): string | undefined {
  switch (op) {
    case 'exists':
      return value === undefined
        ? undefined
        : '"exists" only checks that the property is there and takes no value; remove value';
    case 'in':
      return Array.isArray(value)
        ? undefined
        : `"in" matches any of several values and needs a list, e.g. ["email", "chat"]${value === undefined ? '' : ` (got ${JSON.stringify(value)}; use "eq" for one value)`}`;
    case 'eq':
    case 'neq':
      if (value === undefined) return `"${op}" needs a value to compare with`;
      return Array.isArray(value)
        ? `"${op}" compares with one value; to match any of several, use "in"`
        : undefined;
    default:
      if (typeof value === 'number') return undefined;
      return typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))
        ? `"${op}" compares numbers; write ${value} without quotes`
        : `"${op}" compares numbers and needs one number, e.g. 100`;
  }
}

/** A property counts as seen when the inventory has it, or its top-level key for "deal.amount". */
function seen(keys: readonly string[], property: string): boolean {
  return keys.includes(property) || keys.includes(property.split('.')[0] ?? property);
}

function checkAgainstTelemetry(
  model: ValueModel,
  knownProperties: Record<string, string[]>,
  errors: ModelIssue[],
  warnings: ModelIssue[],
): void {
  const known = new Map(Object.entries(knownProperties));
  const propertiesOn = (keys: string[]) =>
    keys.length > 0 ? `properties seen on it: ${keys.join(', ')}` : 'it has carried no properties';
  model.drivers.forEach((driver, index) => {
    const at = `drivers[${index}]`;
    const keys = known.get(driver.event);
    if (!keys) {
      const lookalike = [...known.keys()].find(
        (name) => name.toLowerCase() === driver.event.toLowerCase(),
      );
      warnings.push({
        path: `${at}.event`,
        message:
          `no "${driver.event}" events have arrived yet, so this driver shows zero until they do` +
          (lookalike ? `; did you mean "${lookalike}"? (names are case-sensitive)` : ''),
      });
      return;
    }
    const properties: Array<[string, string]> = driver.where.map((clause, clauseIndex) => [
      `${at}.where[${clauseIndex}].property`,
      clause.property,
    ]);
    if ('sum' in driver.quantity) properties.push([`${at}.quantity.sum`, driver.quantity.sum]);
    for (const [path, property] of properties) {
      if (seen(keys, property)) continue;
      errors.push({
        path,
        message: `no "${driver.event}" event has carried a "${property}" property; ${propertiesOn(keys)}`,
      });
    }
  });

  model.segments.forEach((segment, index) => {
    const withEvents = model.drivers.filter((driver) => known.has(driver.event));
    const missing = withEvents.filter(
      (driver) => !seen(known.get(driver.event) ?? [], segment.property),
    );
    if (missing.length === 0) return;
    const names = missing.map((driver) => `${driver.id} ("${driver.event}")`).join(', ');
    const issue = {
      path: `segments[${index}].property`,
      message:
        missing.length === withEvents.length
          ? `none of the drivers' events has carried a "${segment.property}" property, so nothing can be cut by ${segment.label}`
          : `these drivers' events have not carried a "${segment.property}" property, so cut by ${segment.label} they show everything as not set: ${names}`,
    };
    (missing.length === withEvents.length ? errors : warnings).push(issue);
  });
}
