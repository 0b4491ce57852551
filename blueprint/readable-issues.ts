import type { z } from 'zod';

/**
 * Zod's issues in words a product manager reads: paths as "drivers[2].quantity", and plainer
 * wording wherever a schema has no message of its own.
 */

export interface ModelIssue {
  path: string;
  message: string;
}

/** "drivers[2].quantity" from ["drivers", 2, "quantity"]; odd keys in brackets. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key))
      text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

export function toModelIssue(issue: z.core.$ZodIssue): ModelIssue {
  const missing = issue.code === 'invalid_type' && issue.input === undefined;
  const message =
    missing && !issue.message.startsWith('is missing')
      ? `is missing (${issue.message})`
      : issue.message;
  return { path: formatPath(issue.path), message };
}

/**
 * Zod's own wording ("Invalid input: expected string, received undefined") in plainer words. Only
 * used where the schema has no message of its own; zod gives a schema's message precedence.
 */
export function readableMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? `is missing; expected ${kind(issue.expected)}`
        : `expected ${kind(issue.expected)}, got ${describe(issue.input)}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? 'at least' : 'at most';
      const limit = Number(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      if (issue.origin === 'string') {
        return limit === 1 && issue.code === 'too_small'
          ? 'must not be empty'
          : `must be ${bound} ${limit} characters long`;
      }
      if (issue.origin === 'array')
        return `must list ${bound} ${limit} item${limit === 1 ? '' : 's'}`;
      return `must be ${bound} ${limit}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((value) => JSON.stringify(value)).join(' or ')}`;
    case 'unrecognized_keys': {
      const allowed = allowedKeys(issue.inst);
      const hints = issue.keys.map((key) => {
        const lookalike = allowed.find((name) => name.toLowerCase() === key.toLowerCase());
        return lookalike ? `"${key}" (did you mean "${lookalike}"?)` : `"${key}"`;
      });
      return (
        `unknown field${issue.keys.length === 1 ? '' : 's'} ${hints.join(', ')}` +
        (allowed.length > 0 ? `; the fields here are: ${allowed.join(', ')}` : '')
      );
    }
    case 'invalid_union':
      return 'does not match any of the accepted forms';
    case 'invalid_format':
      return 'is not in the expected format';
    default:
      return undefined;
  }
}

function allowedKeys(schema: unknown): string[] {
  const def = (schema as { _zod?: { def?: { shape?: Record<string, unknown> } } })?._zod?.def;
  return def?.shape ? Object.keys(def.shape) : [];
}

function kind(expected: string): string {
  const words: Record<string, string> = {
    string: 'text',
    number: 'a number',
    boolean: 'true or false',
    object: 'an object { … }',
    array: 'a list [ … ]',
  };
  return words[expected] ?? expected;
}

function describe(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'an object';
  if (typeof input === 'string') return `text ${JSON.stringify(input)}`;
  return `${typeof input === 'number' ? 'the number ' : ''}${String(input)}`;
}
