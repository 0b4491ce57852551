import { describe, expect, it } from 'vitest';
import {
  generateWebhookSecret,
  hasValidSignature,
  newWebhookId,
  signedHeaders,
  signingKey,
  signWebhook,
} from '../../../server/webhooks/signature.ts';

/**
 * The known answer shared by the Standard Webhooks reference libraries' tests
 * (github.com/standard-webhooks/standard-webhooks, libraries/*: "TestWebhookSign"): this secret,
 * id, timestamp and payload sign to this value.
 */
const VECTOR = {
  secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
  timestamp: 1614265330,
  payload: '{"test": 2432232314}',
  signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};

describe('Standard Webhooks signatures', () => {
  it('match the specification’s test vector', () => {
    expect(signWebhook(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.payload)).toBe(
      VECTOR.signature,
    );
    expect(signedHeaders(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.payload)).toEqual({
      'webhook-id': VECTOR.id,
      'webhook-timestamp': '1614265330',
      'webhook-signature': VECTOR.signature,
    });
  });

  it('are keyed with the bytes after whsec_, not its text', () => {
    expect(signingKey(VECTOR.secret)).toEqual(
      Buffer.from('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw', 'base64'),
    );
    expect(signingKey(VECTOR.secret).length).toBe(24);
  });

  it('verify only the exact body, id and timestamp they were made for', () => {
    const headers = signedHeaders(VECTOR.secret, VECTOR.id, VECTOR.timestamp, VECTOR.payload);
    expect(hasValidSignature(VECTOR.secret, headers, VECTOR.payload)).toBe(true);
    // The same JSON, serialized again without the space, is another body.
    expect(hasValidSignature(VECTOR.secret, headers, '{"test":2432232314}')).toBe(false);
    expect(
      hasValidSignature(
        VECTOR.secret,
        { ...headers, 'webhook-timestamp': '1614265331' },
        VECTOR.payload,
      ),
    ).toBe(false);
    expect(hasValidSignature(generateWebhookSecret(), headers, VECTOR.payload)).toBe(false);
    // A list of signatures (during a rotation) verifies when one of them does.
    const rotated = { ...headers, 'webhook-signature': `v1,bm9wZQ== ${VECTOR.signature}` };
    expect(hasValidSignature(VECTOR.secret, rotated, VECTOR.payload)).toBe(true);
  });

  it('uses fresh secrets of 32 random bytes and ids without a dot', () => {
    const secret = generateWebhookSecret();
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(signingKey(secret).length).toBe(32);
    expect(generateWebhookSecret()).not.toBe(secret);
    const id = newWebhookId();
    expect(id).toMatch(/^msg_[A-Za-z0-9_-]+$/);
    expect(newWebhookId()).not.toBe(id);
  });
});
