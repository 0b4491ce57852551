import type { WhereClause } from './value-model.ts';

/**
 * A `where` clause read in JavaScript exactly as the DuckDB store's SQL reads it (the in-memory
 * store filters events with it; offers check account traits with it).
 */

/** A top-level property as text, the way DuckDB's json_extract_string reads it; null when absent. */
export function textOf(properties: Record<string, unknown>, property: string): string | null {
  if (!Object.hasOwn(properties, property)) return null;
  const value = properties[property];
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The property's text as a number, as DuckDB's TRY_CAST(… AS DOUBLE) reads it; else null. */
export function numberOf(properties: Record<string, unknown>, property: string): number | null {
  const text = textOf(properties, property)?.trim();
  if (!text) return null;
  if (/^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text)) return Number(text);
  if (/^[+-]?inf(?:inity)?$/i.test(text)) return text.startsWith('-') ? -Infinity : Infinity;
  return null;
}

/** One `where` clause; a missing property matches only `neq`, as SQL's IS DISTINCT FROM does. */
export function matchesWhere(properties: Record<string, unknown>, clause: WhereClause): boolean {
  const { property, op, value } = clause;
  const text = () => textOf(properties, property);
  const number = () => numberOf(properties, property);
  switch (op) {
    case 'exists':
      return text() !== null;
    case 'eq':
      return typeof value === 'number' ? number() === value : text() === String(value);
    case 'neq':
      return typeof value === 'number' ? number() !== value : text() !== String(value);
    case 'in': {
      const list = Array.isArray(value) ? value : [value ?? ''];
      if (list.every((item) => typeof item === 'number')) {
        const subject = number();
        return subject !== null && list.includes(subject);
      }
      const subject = text();
      return subject !== null && list.map(String).includes(subject);
    }
    default: {
      const subject = number();
      const bound = Number(value);
      if (subject === null) return false;
      if (op === 'gt') return subject > bound;
      if (op === 'gte') return subject >= bound;
      if (op === 'lt') return subject < bound;
      return subject <= bound;
    }
  }
}
