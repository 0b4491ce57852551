import type { BriefPart, HandoffChannel, HandoffTiming, HandoffTopic } from '../api/types.ts';

/**
 * The hand-off's lists and its request, pure. The lists repeat blueprint/api/handoffs.ts (the
 * bundle imports no zod); test/widget/handoff-model.test.ts holds them equal.
 */

export const CHANNELS: readonly HandoffChannel[] = ['meeting', 'call', 'chat', 'email'];
export const TIMINGS: readonly HandoffTiming[] = ['today', 'this_week', 'next_week', 'any_time'];
export const BRIEF_PARTS: readonly BriefPart[] = [
  'value',
  'story',
  'journey',
  'scenarios',
  'offers',
];
/** The customer's message (handoffLimits.maxMessageChars). */
export const MAX_MESSAGE_CHARS = 2_000;

export type Included = Record<BriefPart, boolean>;

export function includeAll(): Included {
  return { value: true, story: true, journey: true, scenarios: true, offers: true };
}

/** The API's `include`: only the parts left out (each defaults to shared), none when all go. */
export function includeParam(included: Included): Partial<Record<BriefPart, false>> | undefined {
  const left = BRIEF_PARTS.filter((part) => !included[part]);
  return left.length > 0 ? Object.fromEntries(left.map((part) => [part, false])) : undefined;
}

export interface HandoffForm {
  topic: HandoffTopic;
  message: string;
  channel: HandoffChannel;
  when: HandoffTiming;
  included: Included;
}

/** The body of `POST /v1/handoffs` (and, without a message, of its preview). */
export function handoffBody(form: HandoffForm, withMessage = true) {
  const include = includeParam(form.included);
  const message = form.message.trim();
  return {
    topic: form.topic,
    ...(withMessage || message ? { message } : {}),
    channel: form.channel,
    when: form.when,
    ...(include ? { include } : {}),
  };
}

/** Whole minutes to wait for a Retry-After in seconds (at least 1), or undefined when unknown. */
export function minutesToWait(retryAfterSeconds: number | undefined): number | undefined {
  if (retryAfterSeconds === undefined || !Number.isFinite(retryAfterSeconds)) return undefined;
  return Math.max(1, Math.ceil(retryAfterSeconds / 60));
}

/** One key per topic, so a preview is asked again only when the topic really changed. */
export function topicKey(topic: HandoffTopic): string {
  return `${topic.kind}:${topic.ref ?? ''}:${topic.period?.from ?? ''}:${topic.period?.to ?? ''}`;
}
