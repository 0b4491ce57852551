import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { briefLink, briefLinkKey, briefLinkValid } from '../../../server/handoffs/brief-link.ts';

/** A brief's signed link, checked against an HMAC computed here by hand. */

const SECRET = 'test-secret-key-0123456789abcdefghij';
const key = briefLinkKey(SECRET);
const EXPIRES = 1_796_491_898;

describe('brief links', () => {
  it('derive their key from the secret key, apart from any other key', () => {
    expect(key).toBe(
      createHmac('sha256', SECRET).update('valueprint brief links v1').digest('hex'),
    );
    expect(briefLinkKey(`${SECRET}x`)).not.toBe(key);
  });

  it('sign "{id}.{expires}" with HMAC-SHA256 (base64url) under the base given', () => {
    const signature = createHmac('sha256', key).update(`hof_1.${EXPIRES}`).digest('base64url');
    expect(briefLink(key, 'https://value.example.com/vp/', 'hof_1', EXPIRES)).toBe(
      `https://value.example.com/vp/v1/briefs/hof_1?expires=${EXPIRES}&signature=${signature}`,
    );
    const now = (EXPIRES - 60) * 1000;
    expect(briefLinkValid(key, 'hof_1', String(EXPIRES), signature, now)).toBe('ok');
    expect(briefLinkValid(key, 'hof_1', String(EXPIRES), signature, EXPIRES * 1000)).toBe(
      'expired',
    );
    expect(briefLinkValid(key, 'hof_2', String(EXPIRES), signature, now)).toBe('bad_signature');
    expect(briefLinkValid(key, 'hof_1', String(EXPIRES + 1), signature, now)).toBe('bad_signature');
    expect(
      briefLinkValid(briefLinkKey(`${SECRET}x`), 'hof_1', String(EXPIRES), signature, now),
    ).toBe('bad_signature');
    for (const [expires, given] of [
      ['1e9', signature],
      [String(EXPIRES), `${signature}=`],
      [String(EXPIRES), signature.slice(1)],
      [String(EXPIRES), ''],
    ]) {
      expect(briefLinkValid(key, 'hof_1', String(expires), String(given), now)).toBe(
        'bad_signature',
      );
    }
  });
});
