import { ingestLimits } from '../../blueprint/api/limits.ts';

/** Where an event holds something that could not be stored exactly as it was sent, and why. */
export interface InexactValue {
  path: string;
  message: string;
}

const MAX_EXACT = Number.MAX_SAFE_INTEGER;
/** With the u flag a surrogate pair is one code point, so only an unpaired half matches. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The first value in `event` that storing would change: a `__proto__` key (JavaScript objects
 * drop it), a number JSON.parse already changed (1e400 became Infinity, 12345678901234567890 lost
 * its last digits), or text with a lone UTF-16 surrogate (not Unicode; UTF-8 storage replaces it).
 * Such an event is refused with the reason rather than acknowledged and changed. Iterative and
 * bounded by the depth limit, so hostile nesting costs nothing.
 */
export function inexactValueIn(event: unknown): InexactValue | null {
  return allExact(event) ? null : firstInexact(event);
}

/**
 * inexactValueIn's question without the answer's path: no path is built for the values that are
 * fine, which are nearly all (building one for every value was most of the time this took).
 */
function allExact(event: unknown): boolean {
  const values: unknown[] = [event];
  const depths: number[] = [0];
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop() as number;
    if (typeof value === 'string') {
      if (!value.isWellFormed()) return false;
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value) || Math.abs(value) > MAX_EXACT) return false;
      continue;
    }
    if (typeof value !== 'object' || value === null || depth > ingestLimits.maxDepth) continue;
    if (Array.isArray(value)) {
      for (const item of value) {
        values.push(item);
        depths.push(depth + 1);
      }
      continue;
    }
    for (const key of Object.keys(value)) {
      if (key === '__proto__' || !key.isWellFormed()) return false;
      values.push((value as Record<string, unknown>)[key]);
      depths.push(depth + 1);
    }
  }
  return true;
}

/** The first inexact value, with its path. */
function firstInexact(event: unknown): InexactValue | null {
  const stack: Array<[value: unknown, path: string, depth: number]> = [[event, '', 0]];
  while (stack.length > 0) {
    const [value, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof value === 'string') {
      if (LONE_SURROGATE.test(value)) {
        return {
          path,
          message: `${label(path)} holds a lone UTF-16 surrogate, which is not valid Unicode; send well-formed text`,
        };
      }
      continue;
    }
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        return {
          path,
          message: `${label(path)} is not a finite number (JSON such as 1e400 overflows); send it as a string`,
        };
      }
      if (Math.abs(value) > MAX_EXACT) {
        return {
          path,
          message: `${label(path)} is beyond ±9,007,199,254,740,991, where numbers lose digits; send it as a string`,
        };
      }
      continue;
    }
    if (typeof value !== 'object' || value === null || depth > ingestLimits.maxDepth) continue;
    if (Array.isArray(value)) {
      value.forEach((item, index) => {
        stack.push([item, join(path, String(index)), depth + 1]);
      });
      continue;
    }
    for (const key of Object.keys(value)) {
      const at = join(path, key);
      if (key === '__proto__') {
        return {
          path: at,
          message: `the key "__proto__" at ${label(path)} cannot be stored; rename it`,
        };
      }
      if (LONE_SURROGATE.test(key)) {
        return {
          path: at,
          message: `a key at ${label(path)} holds a lone UTF-16 surrogate, which is not valid Unicode`,
        };
      }
      stack.push([(value as Record<string, unknown>)[key], at, depth + 1]);
    }
  }
  return null;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function label(path: string): string {
  return path === '' ? 'the event' : path;
}
