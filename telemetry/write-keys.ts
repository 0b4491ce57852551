import { createHash, randomBytes } from 'node:crypto';
import type { NewWriteKey } from './storage/interface.ts';

export const WRITE_KEY_PREFIX = 'vp_wk_';

export function hashKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A fresh write key; the plain key is shown once, only its hash is stored. */
export function generateWriteKey(): NewWriteKey & { key: string } {
  const key = `${WRITE_KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { key, id: newId('key'), hash: hashKey(key), prefix: `${key.slice(0, 12)}…` };
}

export function newId(kind: 'src' | 'key'): string {
  return `${kind}_${randomBytes(9).toString('base64url')}`;
}
