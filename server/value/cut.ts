import type { ValueModel } from '../../blueprint/value-model.ts';
import type { FactFilter } from '../../telemetry/storage/interface.ts';
import { InvalidFilter, UnknownSegment } from './errors.ts';

/** The by-name of the cut that keeps a feature's drivers; the model's segments are the others. */
export const FEATURE = 'feature';
/** Longest segment value a filter may name (segment values come from event properties). */
export const MAX_FILTER_VALUE = 200;

/** A customer's cut, as echoed in answers: `{"by": "team", "value": "Finance"}`. */
export interface Cut {
  by: string;
  value: string;
}

/** A cut checked against the model, with the filter the store applies. */
export interface ResolvedCut extends Cut {
  facts: FactFilter;
}

/** `filter=<by>:<value>`, split at the first colon (values may hold colons). */
export function parseFilter(text: string | undefined): Cut | undefined {
  if (text === undefined) return undefined;
  const colon = text.indexOf(':');
  const by = colon === -1 ? '' : text.slice(0, colon);
  const value = colon === -1 ? '' : text.slice(colon + 1);
  if (by === '' || value === '') {
    throw new InvalidFilter(
      'filter must be "<segment>:<value>", e.g. "team:Finance" or "feature:automations"',
    );
  }
  if (by.length > 64 || value.length > MAX_FILTER_VALUE) {
    throw new InvalidFilter(
      `a filter names a segment of at most 64 characters and a value of at most ${MAX_FILTER_VALUE}`,
    );
  }
  return { by, value };
}

/** The ways a model lets customers cut: its segments, then "feature". */
export function cutNames(model: ValueModel): string[] {
  return [...model.segments.map((segment) => segment.id), FEATURE];
}

/** Checks the cut's segment against the model; a feature keeps the drivers that have it. */
export function resolveCut(model: ValueModel, cut: Cut): ResolvedCut {
  const segment = model.segments.findIndex((candidate) => candidate.id === cut.by);
  if (segment !== -1) return { ...cut, facts: { segment, value: cut.value } };
  if (cut.by === FEATURE) {
    const drivers = model.drivers.filter((driver) => driver.feature === cut.value);
    return { ...cut, facts: { drivers: drivers.map((driver) => driver.id) } };
  }
  throw new UnknownSegment(
    `there is no segment "${cut.by}" to filter by; the segments are ${cutNames(model).join(', ')}`,
  );
}

/** The model as a cut sees it: under a feature cut, only that feature's drivers. */
export function modelUnder(model: ValueModel, cut: ResolvedCut | undefined): ValueModel {
  if (!cut || !('drivers' in cut.facts)) return model;
  const kept = new Set(cut.facts.drivers);
  return { ...model, drivers: model.drivers.filter((driver) => kept.has(driver.id)) };
}

/** `{filter: {by, value}}` for an answer under a cut, nothing otherwise. */
export function filterEcho(cut: Cut | undefined): { filter?: Cut } {
  return cut ? { filter: { by: cut.by, value: cut.value } } : {};
}
