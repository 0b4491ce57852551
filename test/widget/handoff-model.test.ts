import { describe, expect, it } from 'vitest';
import {
  briefParts,
  handoffChannels,
  handoffLimits,
  handoffPreviewRequestSchema,
  handoffTimings,
  newHandoffSchema,
} from '../../blueprint/api/handoffs.ts';
import {
  BRIEF_PARTS,
  CHANNELS,
  handoffBody,
  includeAll,
  includeParam,
  MAX_MESSAGE_CHARS,
  minutesToWait,
  TIMINGS,
  topicKey,
} from '../../widget/handoff/handoff-model.ts';

describe('the hand-off model (widget)', () => {
  it('repeats the contract’s lists exactly (the bundle imports no zod)', () => {
    expect(CHANNELS).toEqual(handoffChannels);
    expect(TIMINGS).toEqual(handoffTimings);
    expect(BRIEF_PARTS).toEqual(briefParts);
    expect(MAX_MESSAGE_CHARS).toBe(handoffLimits.maxMessageChars);
  });

  it('sends only the parts left out, as false, and nothing when all are shared', () => {
    expect(includeParam(includeAll())).toBeUndefined();
    expect(includeParam({ ...includeAll(), journey: false, offers: false })).toEqual({
      journey: false,
      offers: false,
    });
  });

  it('builds bodies the routes accept: the hand-off with its trimmed message, the preview without one', () => {
    const form = {
      topic: { kind: 'scenario' as const, ref: 'scn_4f1c2a9e0b7d4c21' },
      message: '  By March?  ',
      channel: 'meeting' as const,
      when: 'this_week' as const,
      included: { ...includeAll(), offers: false },
    };
    const body = handoffBody(form);
    expect(body).toEqual({
      topic: form.topic,
      message: 'By March?',
      channel: 'meeting',
      when: 'this_week',
      include: { offers: false },
    });
    expect(newHandoffSchema.parse(body)).toEqual(body);
    const preview = handoffBody({ ...form, message: '' }, false);
    expect(preview).not.toHaveProperty('message');
    expect(handoffPreviewRequestSchema.safeParse(preview).success).toBe(true);
    // A message typed before the preview is asked goes with it (the brief then carries it).
    expect(handoffBody(form, false)).toHaveProperty('message', 'By March?');
  });

  it('says a Retry-After in whole minutes, at least one', () => {
    expect(minutesToWait(541)).toBe(10);
    expect(minutesToWait(600)).toBe(10);
    expect(minutesToWait(601)).toBe(11);
    expect(minutesToWait(3)).toBe(1);
    expect(minutesToWait(0)).toBe(1);
    expect(minutesToWait(undefined)).toBeUndefined();
    expect(minutesToWait(Number.NaN)).toBeUndefined();
  });

  it('keys a topic by kind and ref, so another topic asks for another preview', () => {
    expect(topicKey({ kind: 'story', ref: 'a' })).not.toBe(topicKey({ kind: 'offer', ref: 'a' }));
    expect(topicKey({ kind: 'general' })).toBe(topicKey({ kind: 'general' }));
  });
});
