const NUL = '\u0000';
/** Escapes in JSON text, read from the start of each: `\\` or the escape of U+0000. */
const NUL_ESCAPE = /\\(?:\\|u0000)/g;

/**
 * PostgreSQL's text holds no U+0000 (DuckDB's does, and JSON can carry one): it is kept as U+FFFD,
 * the replacement character, so a NUL in an id, a name or a raw payload is stored readably
 * instead of failing the whole commit. Every text parameter goes through this.
 */
export function textForPostgres(text: string): string {
  return text.includes(NUL) ? text.replaceAll(NUL, '\uFFFD') : text;
}

/**
 * JSON text for a JSONB column, which refuses the escape of U+0000: it becomes U+FFFD's, which
 * is as long, so offsets into the text still hold.
 */
export function jsonForPostgres(json: string): string {
  if (!json.includes('\\u0000')) return json;
  return json.replace(NUL_ESCAPE, (found) => (found === '\\\\' ? found : '\\ufffd'));
}
