import type { MiddlewareHandler } from 'hono';
import { today } from '../../blueprint/days.ts';
import type { AppEnv } from '../context.ts';

/** Answers kept at most; a few KB each. */
const MAX_ANSWERS = 2_000;
/** …and at most this many bytes of them together. */
const MAX_BYTES = 32 * 1024 * 1024;

interface Answer {
  version: string;
  body: string;
  contentType: string;
}

/**
 * Finished value answers, least recently used first out, each kept with the version of its
 * account's data it was computed under (AccountFreshness). A hit is served only while that version
 * is still current, so a commit, a refresh, a promise, an assumption or a model change makes the
 * next read compute afresh.
 */
export class AnswerCache {
  private readonly answers = new Map<string, Answer>();
  private bytes = 0;

  get(key: string, version: string): Answer | undefined {
    const answer = this.answers.get(key);
    if (!answer) return undefined;
    this.answers.delete(key);
    if (answer.version !== version) {
      this.bytes -= answer.body.length;
      return undefined;
    }
    this.answers.set(key, answer);
    return answer;
  }

  set(key: string, answer: Answer): void {
    if (answer.body.length > MAX_BYTES / 16) return;
    const old = this.answers.get(key);
    if (old) {
      this.answers.delete(key);
      this.bytes -= old.body.length;
    }
    this.answers.set(key, answer);
    this.bytes += answer.body.length;
    for (const [oldest, evicted] of this.answers) {
      if (this.answers.size <= MAX_ANSWERS && this.bytes <= MAX_BYTES) break;
      this.answers.delete(oldest);
      this.bytes -= evicted.body.length;
    }
  }

  get size(): number {
    return this.answers.size;
  }
}

/**
 * Serves a GET of the value API from the cache when the account's data has not changed since the
 * answer was computed. The key holds everything an answer depends on besides the data: the account,
 * the reader's role and token language (not the user: no answer names its reader, so an account's
 * users share them), the day (periods default to "up to yesterday") and the whole query. Only 200
 * answers are kept.
 */
export function cachedAnswers(): MiddlewareHandler<AppEnv> {
  return async function cachedAnswers(c, next) {
    if (c.req.method !== 'GET') return next();
    const { value, answers } = c.get('services');
    const embed = c.get('embed');
    const query = new URL(c.req.url).searchParams;
    query.sort();
    const key = [
      embed.accountId,
      embed.role,
      embed.locale ?? '',
      today(),
      c.req.path,
      query.toString(),
    ].join('\u0000');
    // Read before computing: a change that lands meanwhile leaves the stored answer stale at once.
    const version = value.freshness.versionOf(embed.accountId);
    const hit = answers.get(key, version);
    if (hit) {
      c.header('content-type', hit.contentType);
      return c.body(hit.body, 200);
    }
    await next();
    if (c.res.status !== 200) return;
    const contentType = c.res.headers.get('content-type') ?? 'application/json';
    answers.set(key, { version, body: await c.res.clone().text(), contentType });
  };
}
