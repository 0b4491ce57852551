import { hash } from 'node:crypto';

/**
 * A message id's 64-bit fingerprint, as two unsigned 32-bit halves: the first 8 bytes of
 * md5(sourceId + "\n" + messageId), little-endian, which is what DuckDB's `md5_number_upper`
 * computes (the migration that moved the old id table over relies on it). Source ids never hold a
 * newline, so the pair is unambiguous.
 */
export interface Fingerprint {
  high: number;
  low: number;
}

export function fingerprintOf(sourceId: string, messageId: string): Fingerprint {
  const digest = hash('md5', `${sourceId}\n${messageId}`, 'buffer');
  return { low: digest.readUInt32LE(0), high: digest.readUInt32LE(4) };
}

const INITIAL_SLOTS = 1024;

/**
 * A set of fingerprints in one flat typed array (open addressing, linear probing, at most 3/4 full):
 * 8 bytes a slot, 11 to 21 bytes an id as it fills and doubles, against ~80 for a Set of strings,
 * and nothing for the garbage collector to walk.
 * (0, 0) marks an empty slot, so that one fingerprint is stored as (0, 1): a 2^-64 coincidence.
 */
export class FingerprintSet {
  private slots = new Uint32Array(INITIAL_SLOTS * 2);
  private count = 0;

  get size(): number {
    return this.count;
  }

  has({ high, low }: Fingerprint): boolean {
    const mask = this.slots.length / 2 - 1;
    const wantLow = high === 0 && low === 0 ? 1 : low;
    for (let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
      const h = this.slots[slot * 2] as number;
      const l = this.slots[slot * 2 + 1] as number;
      if (h === 0 && l === 0) return false;
      if (h === high && l === wantLow) return true;
    }
  }

  /** Adds the fingerprint; false when it was there already. */
  add(fingerprint: Fingerprint): boolean {
    if ((this.count + 1) * 4 > (this.slots.length / 2) * 3) this.grow();
    const added = place(this.slots, fingerprint.high, fingerprint.low);
    if (added) this.count++;
    return added;
  }

  private grow(): void {
    const old = this.slots;
    this.slots = new Uint32Array(old.length * 2);
    for (let index = 0; index < old.length; index += 2) {
      const high = old[index] as number;
      const low = old[index + 1] as number;
      if (high !== 0 || low !== 0) place(this.slots, high, low);
    }
  }
}

function place(slots: Uint32Array, high: number, low: number): boolean {
  const mask = slots.length / 2 - 1;
  const storedLow = high === 0 && low === 0 ? 1 : low;
  for (let slot = (low ^ Math.imul(high, 0x9e3779b1)) & mask; ; slot = (slot + 1) & mask) {
    const h = slots[slot * 2] as number;
    const l = slots[slot * 2 + 1] as number;
    if (h === 0 && l === 0) {
      slots[slot * 2] = high;
      slots[slot * 2 + 1] = storedLow;
      return true;
    }
    if (h === high && l === storedLow) return false;
  }
}

/**
 * The fingerprints of every message id inside the de-duplication window, one set per day of first
 * sight, so forgetting a day drops its set whole. Holds only committed ids: the store adds a
 * commit's ids after its COMMIT succeeded.
 */
export class RecentMessageIds {
  private readonly days = new Map<number, FingerprintSet>();

  has(fingerprint: Fingerprint): boolean {
    for (const set of this.days.values()) if (set.has(fingerprint)) return true;
    return false;
  }

  add(fingerprint: Fingerprint, firstSeen: Date): void {
    const day = Math.floor(firstSeen.getTime() / DAY_MS);
    let set = this.days.get(day);
    if (!set) {
      set = new FingerprintSet();
      this.days.set(day, set);
    }
    set.add(fingerprint);
  }

  /** Forgets the days that ended before `before`; ids of its own day stay until that day ends. */
  forgetBefore(before: Date): void {
    const firstKept = Math.floor(before.getTime() / DAY_MS);
    for (const day of this.days.keys()) if (day < firstKept) this.days.delete(day);
  }

  get size(): number {
    let size = 0;
    for (const set of this.days.values()) size += set.size;
    return size;
  }
}

const DAY_MS = 86_400_000;
