import { randomBytes } from 'node:crypto';
import {
  type Handoff,
  type HandoffBrief,
  type HandoffList,
  type HandoffReply,
  type HandoffStatus,
  handoffBriefSchema,
  handoffLimits,
  type NewHandoff,
} from '../../blueprint/api/handoffs.ts';
import type { RepQueue, RepReplyRequest } from '../../blueprint/api/rep.ts';
import type {
  HandoffRow,
  HandoffStore,
  PendingHandoffEvent,
  StoredHandoff,
  StoredHandoffReply,
} from '../../telemetry/storage/interface.ts';
import type { ScenarioService } from '../scenarios/scenario-service.ts';
import type { AccountContext } from '../value/figures.ts';
import type { ValueService } from '../value/value-service.ts';
import type { WebhookDispatcher } from '../webhooks/dispatcher.ts';
import { newWebhookId } from '../webhooks/signature.ts';
import { type BriefSources, briefPeriod, buildBrief } from './brief.ts';
import { briefLink, briefLinkValid } from './brief-link.ts';
import {
  AccountOutOfScope,
  BriefLinkRefused,
  HandoffNotFound,
  HandoffRateLimited,
} from './errors.ts';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;
/** Pending webhook events moved to the outbox in one pass. */
const RELAY_BATCH = 50;

/** Who asks: the embed token's user, and the language they read. */
export interface Asker {
  userId: string;
  locale?: string | undefined;
}

/** The accounts a rep token names: every one ("*"), or these. */
export interface RepScope {
  accounts: '*' | readonly string[];
}

export interface Rep {
  repId: string;
  name: string;
}

export interface HandoffServiceOptions {
  /** Derived from the secret key (brief-link.ts); without one no link is signed or accepted. */
  linkKey: string | undefined;
  /** Where links point (VALUEPRINT_PUBLIC_URL); else the origin of the request that made it. */
  publicUrl?: string | undefined;
  /** UTC milliseconds; tests set the clock. */
  now?: () => number;
}

/**
 * Hand-offs: a customer asks their success manager, and the brief (what they saw and did) goes
 * with the question, to the store and, as `handoff.created`, to the vendor's systems; reps read the
 * queue, change the status and answer, pushing a plan back into the customer's account.
 */
export class HandoffService {
  private readonly now: () => number;
  private relaying: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly sources: BriefSources & {
      value: Pick<ValueService, 'summary' | 'context'>;
      scenarios: Pick<ScenarioService, 'savedPlans' | 'pushPlan'>;
    },
    private readonly store: HandoffStore,
    private readonly outbox: Pick<WebhookDispatcher, 'enqueue'>,
    private readonly options: HandoffServiceOptions,
  ) {
    this.now = options.now ?? Date.now;
  }

  // -------------------------------------------------------------------------------------------
  // The customer's side: the account always comes from the context (the embed token's).

  /** The brief as it would be sent now; nothing is stored or sent. */
  preview(
    context: AccountContext,
    asker: Asker,
    input: Omit<NewHandoff, 'message'> & { message?: string | undefined },
    now = this.now(),
  ): Promise<HandoffBrief> {
    return buildBrief(this.sources, { handoffId: '', context, asker, input, now });
  }

  /**
   * Stores the hand-off with its brief and puts `handoff.created` in the webhook outbox: the brief
   * inline while the body stays under 20 KB, else a signed link to it under `origin` (or the public
   * URL). At most 5 per user an hour, counted from the store: beyond, HandoffRateLimited.
   */
  async create(
    context: AccountContext,
    asker: Asker,
    input: NewHandoff,
    origin: string,
    now = this.now(),
  ): Promise<{ id: string; status: 'new'; brief: HandoffBrief }> {
    const { accountId } = context;
    const since = new Date(now - HOUR_MS).toISOString();
    // Checked before the brief is built (it costs a story), and again as it is stored.
    await this.checkRate(accountId, asker.userId, since, now);
    const id = `hof_${randomBytes(8).toString('hex')}`;
    const brief = await buildBrief(this.sources, { handoffId: id, context, asker, input, now });
    const at = new Date(now).toISOString();
    const stored: StoredHandoff = {
      accountId,
      id,
      askedBy: asker.userId,
      status: 'new',
      topic: { kind: input.topic.kind, ref: input.topic.ref ?? null, label: brief.topic.label },
      message: input.message,
      channel: input.channel,
      timing: input.when ?? null,
      brief: JSON.stringify(brief),
      createdAt: at,
      updatedAt: at,
    };
    const limit = { max: handoffLimits.perUserPerHour, since };
    const data = this.createdData(stored, brief, origin, now);
    const event = eventOf(stored, 'handoff.created', data, at);
    if (!(await this.store.create(stored, limit, event))) {
      await this.checkRate(accountId, asker.userId, since, now);
      throw new HandoffRateLimited('you just sent a hand-off; please try again', 1);
    }
    await this.relay();
    return { id, status: 'new', brief };
  }

  /** The account's hand-offs, newest first, with their replies; `mine`: this user asked. */
  async list(accountId: string, userId: string): Promise<HandoffList> {
    const [rows, replies] = await Promise.all([
      this.store.list(accountId),
      this.store.replies(accountId),
    ]);
    return {
      handoffs: rows.map((row) => ({
        ...handoffOf(row, replies),
        mine: row.askedBy === userId,
      })),
    };
  }

  /** One of the account's hand-offs with its brief; another account's is not found, as a missing one. */
  async get(accountId: string, userId: string, id: string): Promise<Handoff> {
    const stored = await this.store.get(accountId, id);
    if (!stored) throw notFound(id);
    return { ...(await this.whole(stored)), mine: stored.askedBy === userId };
  }

  /** The brief behind a signed link, while the link works; else BriefLinkRefused. */
  async briefByLink(
    id: string,
    expires: string,
    signature: string,
    now = this.now(),
  ): Promise<HandoffBrief> {
    const { linkKey } = this.options;
    const verdict = linkKey
      ? briefLinkValid(linkKey, id, expires, signature, now)
      : 'bad_signature';
    if (verdict === 'expired') {
      throw new BriefLinkRefused(
        'this brief link has expired; the hand-off is still in the rep console',
      );
    }
    if (verdict !== 'ok') throw new BriefLinkRefused('this brief link is not valid');
    const stored = await this.store.find(id);
    if (!stored) throw notFound(id);
    return briefOf(stored);
  }

  // -------------------------------------------------------------------------------------------
  // The rep's side: only the accounts in the rep's token.

  /**
   * The hand-offs of the rep's accounts (one account, with `filter.account`, which must be one of
   * them), open ones oldest first, then the rest newest first, each with its account's value at a
   * glance (the last 90 complete days).
   */
  async queue(
    scope: RepScope,
    filter: { status?: HandoffStatus | undefined; account?: string | undefined } = {},
  ): Promise<RepQueue> {
    if (filter.account !== undefined && !inScope(scope, filter.account)) {
      throw new AccountOutOfScope(
        `your rep session does not include the account "${filter.account}"`,
      );
    }
    const accounts = filter.account === undefined ? scope.accounts : [filter.account];
    const rows = await this.store.queue({ accounts, status: filter.status });
    const open = (row: HandoffRow) => row.status === 'new' || row.status === 'accepted';
    const ordered = [...rows.filter(open).reverse(), ...rows.filter((row) => !open(row))];
    const byAccount = [...new Set(ordered.map((row) => row.accountId))];
    const [replies, glances] = await Promise.all([
      Promise.all(byAccount.map((accountId) => this.store.replies(accountId))),
      Promise.all(byAccount.map((accountId) => this.glance(accountId))),
    ]);
    const repliesOf = new Map(byAccount.map((accountId, i) => [accountId, replies[i] ?? []]));
    const glanceOf = new Map(byAccount.map((accountId, i) => [accountId, glances[i] ?? null]));
    return {
      handoffs: ordered.map((row) => ({
        ...handoffOf(row, repliesOf.get(row.accountId) ?? []),
        glance: glanceOf.get(row.accountId) ?? null,
      })),
    };
  }

  /** One hand-off with its brief and replies, when its account is the rep's; else not found. */
  async getForRep(scope: RepScope, id: string): Promise<Handoff> {
    return this.whole(await this.forRep(scope, id));
  }

  /** Moves the hand-off on (accepted, answered, closed) and tells the vendor (`handoff.updated`). */
  async setStatus(
    scope: RepScope,
    _rep: Rep,
    id: string,
    status: Exclude<HandoffStatus, 'new'>,
  ): Promise<Handoff> {
    const found = await this.forRep(scope, id);
    const at = new Date(this.now()).toISOString();
    const replies = await this.store.replies(found.accountId, [id]);
    const handoff = handoffOf({ ...found, status, updatedAt: at }, replies);
    const event = eventOf(found, 'handoff.updated', { handoff }, at);
    if (!(await this.store.setStatus(found.accountId, id, status, at, event))) throw notFound(id);
    await this.relay();
    return handoff;
  }

  /**
   * The rep's answer: kept, the hand-off answered, and `handoff.replied` sent. With a plan, the
   * plan is saved into the customer's account, shared, authored `rep:<repId>`, and named on the reply.
   */
  async reply(scope: RepScope, rep: Rep, id: string, body: RepReplyRequest): Promise<HandoffReply> {
    const found = await this.forRep(scope, id);
    const { accountId } = found;
    let scenario: StoredHandoffReply['scenario'] = null;
    if (body.scenario) {
      const context = await this.sources.value.context(accountId, undefined, briefOf(found).locale);
      const saved = await this.sources.scenarios.pushPlan(
        context,
        { repId: rep.repId, name: rep.name, handoffId: id },
        body.scenario,
      );
      scenario = { id: saved.id, name: saved.name };
    }
    const stored: StoredHandoffReply = {
      accountId,
      handoffId: id,
      id: `rpl_${randomBytes(8).toString('hex')}`,
      at: new Date(this.now()).toISOString(),
      repId: rep.repId,
      repName: rep.name,
      message: body.message,
      scenario,
    };
    const reply = replyOf(stored);
    const replies = await this.store.replies(accountId, [id]);
    const handoff = handoffOf({ ...found, status: 'answered', updatedAt: stored.at }, [
      ...replies,
      stored,
    ]);
    const event = eventOf(found, 'handoff.replied', { handoff, reply }, stored.at);
    if (!(await this.store.addReply(stored, event))) throw notFound(id);
    await this.relay();
    return reply;
  }

  /**
   * Moves the webhook events hand-off changes stored with them into the webhook outbox, each with
   * its own webhook-id (so a relay after a crash sends nothing twice), oldest first. Runs after
   * every change, at start and now and then; one relay at a time.
   */
  relay(): Promise<number> {
    const run = this.relaying.then(async () => {
      let relayed = 0;
      for (;;) {
        const pending = await this.store.pendingEvents(RELAY_BATCH);
        let moved = 0;
        for (const event of pending) {
          try {
            await this.outbox.enqueue(event.type, JSON.parse(event.data), { id: event.id });
            await this.store.eventRelayed(event.accountId, event.id);
            moved += 1;
          } catch (error) {
            console.error(
              `relaying ${event.type} ${event.id} to the webhook outbox failed:`,
              error,
            );
          }
        }
        relayed += moved;
        if (pending.length < RELAY_BATCH || moved === 0) return relayed;
      }
    });
    this.relaying = run.catch(() => 0);
    return run;
  }

  // -------------------------------------------------------------------------------------------

  /** Throws HandoffRateLimited when the user asked 5 times in the hour before `now`. */
  private async checkRate(accountId: string, userId: string, since: string, now: number) {
    const asked = await this.store.askedSince(accountId, userId, since);
    const max = handoffLimits.perUserPerHour;
    if (asked.length < max) return;
    // The next one may go once the oldest of the hour's last five leaves the window.
    const leaving = Date.parse(asked[asked.length - max] as string) + HOUR_MS;
    const seconds = Math.max(1, Math.ceil((leaving - now) / 1000));
    throw new HandoffRateLimited(
      `you can send ${max} hand-offs an hour; the next one can go in ${minutesOf(seconds)}`,
      seconds,
    );
  }

  private createdData(stored: StoredHandoff, brief: HandoffBrief, origin: string, now: number) {
    const handoff = handoffOf(stored, []);
    const briefBytes = Buffer.byteLength(stored.brief);
    const inline = { handoff, brief, briefBytes };
    // The body as the outbox writes it; a timestamp is always 24 characters.
    const body = JSON.stringify({
      type: 'handoff.created',
      timestamp: new Date(now).toISOString(),
      data: inline,
    });
    if (Buffer.byteLength(body) <= handoffLimits.maxInlineBriefBytes) return inline;
    const { linkKey, publicUrl } = this.options;
    if (!linkKey) return { handoff, briefBytes };
    const expires = Math.floor((now + handoffLimits.briefLinkDays * DAY_MS) / 1000);
    return {
      handoff,
      briefUrl: briefLink(linkKey, publicUrl ?? origin, stored.id, expires),
      briefBytes,
    };
  }

  /** The account's value at a glance: its last 90 complete days; null without any value. */
  private async glance(accountId: string): Promise<RepQueue['handoffs'][number]['glance']> {
    let summary: Awaited<ReturnType<ValueService['summary']>>;
    try {
      const context = await this.sources.value.context(accountId);
      summary = await this.sources.value.summary(context, briefPeriod(this.now()));
    } catch {
      // No value model yet: no value to glance at.
      return null;
    }
    if (!(summary.total.money > 0)) return null;
    return {
      currency: summary.currency,
      period: summary.period,
      total: summary.total.money,
      estimated: summary.total.modelled > 0,
      roi: summary.roi?.multiple ?? null,
      behindPromises: (summary.promises ?? []).filter((p) => p.status === 'behind').length,
    };
  }

  private async forRep(scope: RepScope, id: string): Promise<StoredHandoff> {
    const found = await this.store.find(id);
    if (!found || !inScope(scope, found.accountId)) throw notFound(id);
    return found;
  }

  private async whole(stored: StoredHandoff): Promise<Handoff> {
    const replies = await this.store.replies(stored.accountId, [stored.id]);
    return { ...handoffOf(stored, replies), brief: briefOf(stored) };
  }
}

/** A change's webhook event, stored with the change and relayed to the outbox after. */
function eventOf(
  handoff: { accountId: string; id: string },
  type: PendingHandoffEvent['type'],
  data: Record<string, unknown>,
  at: string,
): PendingHandoffEvent {
  return {
    accountId: handoff.accountId,
    id: newWebhookId(),
    handoffId: handoff.id,
    type,
    data: JSON.stringify(data),
    createdAt: at,
  };
}

function inScope(scope: RepScope, accountId: string): boolean {
  return scope.accounts === '*' || scope.accounts.includes(accountId);
}

function notFound(id: string) {
  return new HandoffNotFound(`there is no hand-off "${id}" here`);
}

function minutesOf(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? 'a minute' : `${minutes} minutes`;
}

function briefOf(stored: StoredHandoff): HandoffBrief {
  return handoffBriefSchema.parse(JSON.parse(stored.brief));
}

function replyOf(reply: StoredHandoffReply): HandoffReply {
  return {
    id: reply.id,
    at: reply.at,
    rep: { id: reply.repId, name: reply.repName },
    message: reply.message,
    ...(reply.scenario ? { scenario: reply.scenario } : {}),
  };
}

/** A stored hand-off as the API shows it (no brief, no `mine`), with its replies. */
function handoffOf(row: HandoffRow, replies: readonly StoredHandoffReply[]): Handoff {
  const { topic } = row;
  return {
    id: row.id,
    accountId: row.accountId,
    askedBy: row.askedBy,
    status: row.status,
    topic:
      topic.kind === 'general'
        ? { kind: 'general', label: topic.label }
        : { kind: topic.kind, ref: topic.ref ?? '', label: topic.label },
    message: row.message,
    channel: row.channel,
    ...(row.timing ? { when: row.timing } : {}),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    replies: replies.filter((reply) => reply.handoffId === row.id).map(replyOf),
  };
}
