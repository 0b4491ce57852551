import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  createdHandoffSchema,
  handoffBriefSchema,
  handoffLimits,
  handoffListSchema,
  handoffPreviewRequestSchema,
  handoffSchema,
  newHandoffSchema,
} from '../../blueprint/api/handoffs.ts';
import { embedAuth } from '../auth/embed.ts';
import { auth, define, errors, json, jsonRequest, routes } from '../openapi/define.ts';
import { contextOf } from './account-context.ts';

/**
 * Hand-offs, customer-facing: the brief as it would go, sending it, and the account's hand-offs
 * with their status and replies. The account and the user always come from the embed token.
 */
export const handoffRoutes = routes();
handoffRoutes.use('*', embedAuth());

const tags = ['Hand-offs (embed token)'];

const handoffId = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .meta({ description: 'The hand-off.', example: 'hof_4f1c2a9e0b7d4c21' }),
});

const BRIEF_WORDS =
  'The brief carries the value summary of the last 90 complete days, the story in the asker’s language, their journey digest, the saved plans they refer to (the topic’s first, then the newest they see, at most 5) and the offers considered, each number a fact with the API call that reproduces it. Parts left out with `include` are absent and listed under `omitted`. A topic ref names something the asker sees now (an insight of the current story, a saved plan, an offer, a driver or "total"); else 400 `unknown_topic`.';

define(
  handoffRoutes,
  createRoute({
    method: 'post',
    path: '/preview',
    tags,
    summary: 'The brief exactly as it would be shared now; nothing is stored or sent',
    description: BRIEF_WORDS,
    security: auth.embedToken,
    request: { body: jsonRequest(handoffPreviewRequestSchema) },
    responses: {
      200: json(handoffBriefSchema, 'The brief; `handoffId` is empty until it is sent.'),
      ...errors(400, 401, 403, 409, 413),
    },
  }),
  async (c) => {
    const { userId, locale } = c.get('embed');
    const context = await contextOf(c);
    const brief = await c
      .get('services')
      .handoffs.preview(context, { userId, locale }, c.req.valid('json'));
    return c.json(brief, 200);
  },
);

define(
  handoffRoutes,
  createRoute({
    method: 'post',
    path: '/',
    tags,
    summary: 'Ask your success manager: store the hand-off and send it with its brief',
    description: `${BRIEF_WORDS} The message is at most ${handoffLimits.maxMessageChars.toLocaleString('en')} characters. At most ${handoffLimits.perUserPerHour} hand-offs per user an hour: beyond, 429 with \`Retry-After\` (the seconds until the oldest of the hour's ${handoffLimits.perUserPerHour} leaves the hour). The vendor's systems get \`handoff.created\` by webhook, with the brief inline, or, when the body would pass 20 KB, a signed link to it (valid ${handoffLimits.briefLinkDays} days).`,
    security: auth.embedToken,
    request: { body: jsonRequest(newHandoffSchema) },
    responses: {
      201: json(createdHandoffSchema, 'Stored and on its way to the vendor’s systems.'),
      ...errors(400, 401, 403, 409, 413, 429),
    },
  }),
  async (c) => {
    const { userId, locale } = c.get('embed');
    const context = await contextOf(c);
    const created = await c
      .get('services')
      .handoffs.create(context, { userId, locale }, c.req.valid('json'), new URL(c.req.url).origin);
    return c.json(created, 201);
  },
);

define(
  handoffRoutes,
  createRoute({
    method: 'get',
    path: '/',
    tags,
    summary: 'The account’s hand-offs, newest first, with status and replies (no briefs)',
    description: '`mine` is true on the ones the token’s user sent.',
    security: auth.embedToken,
    responses: { 200: json(handoffListSchema, 'The hand-offs.'), ...errors(401, 403) },
  }),
  async (c) => {
    const { accountId, userId } = c.get('embed');
    return c.json(await c.get('services').handoffs.list(accountId, userId), 200);
  },
);

define(
  handoffRoutes,
  createRoute({
    method: 'get',
    path: '/{id}',
    tags,
    summary: 'One of the account’s hand-offs, with its brief and replies',
    security: auth.embedToken,
    request: { params: handoffId },
    responses: { 200: json(handoffSchema, 'The hand-off.'), ...errors(400, 401, 403, 404) },
  }),
  async (c) => {
    const { accountId, userId } = c.get('embed');
    const handoff = await c
      .get('services')
      .handoffs.get(accountId, userId, c.req.valid('param').id);
    return c.json(handoff, 200);
  },
);

/**
 * A brief by its signed link, for the vendor's systems when it was too large to travel in the
 * webhook: no credentials, the signature and its expiry are the proof.
 */
export const briefRoutes = routes();

define(
  briefRoutes,
  createRoute({
    method: 'get',
    path: '/{id}',
    tags: ['Hand-offs (signed link)'],
    security: auth.none,
    summary: 'A hand-off’s brief, by the signed link in its handoff.created webhook',
    description: `No credentials: \`expires\` (Unix seconds) and \`signature\` (HMAC-SHA256, base64url) are the proof; a link works ${handoffLimits.briefLinkDays} days. A wrong or expired signature is 403.`,
    request: {
      params: handoffId,
      query: z.object({
        expires: z.string().max(12).meta({ description: 'Unix seconds the link works until.' }),
        signature: z.string().max(128).meta({ description: 'The link’s signature.' }),
      }),
    },
    responses: { 200: json(handoffBriefSchema, 'The brief.'), ...errors(400, 403, 404) },
  }),
  async (c) => {
    const { expires, signature } = c.req.valid('query');
    const brief = await c
      .get('services')
      .handoffs.briefByLink(c.req.valid('param').id, expires, signature);
    return c.json(brief, 200);
  },
);
