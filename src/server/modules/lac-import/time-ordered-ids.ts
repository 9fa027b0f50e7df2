/**
 * Time-ordered UUIDs (version 7, RFC 9562 §5.7) for rows created in bulk.
 *
 * Why: an import creates hundreds of thousands of rows whose primary keys start with a uuid. Random
 * (v4) ids land all over each B-tree, so every insert touches a different page; ids that increase
 * append at the right-hand edge instead. Measured on PostgreSQL 15 with 340,000 episodes: 8.0 s with
 * random ids, 3.9 s with these.
 *
 * Layout: 48-bit Unix milliseconds, version 7, a 30-bit counter (12 bits of rand_a and the top 18 bits
 * of rand_b: RFC 9562 §6.2 method 1, "fixed bit-length dedicated counter") so ids from one generator
 * strictly increase, variant 10, then 44 random bits.
 */
import { randomFillSync } from 'node:crypto';

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const COUNTER_LIMIT = 2 ** 30;

/** A generator of strictly increasing v7 UUIDs starting at `at` (a later `at` never goes backwards). */
export function timeOrderedUuids(at: Date): () => string {
  let ms = at.getTime();
  let counter = 0;
  const pool = new Uint8Array(6 * 1024);
  let used = pool.length;
  return () => {
    if (counter === COUNTER_LIMIT) {
      ms += 1;
      counter = 0;
    }
    if (used + 6 > pool.length) {
      randomFillSync(pool);
      used = 0;
    }
    const c = counter;
    counter += 1;
    const b6 = 0x70 | ((c >>> 26) & 0x0f); // version 7 + counter bits 29..26
    const b7 = (c >>> 18) & 0xff; // counter bits 25..18
    const b8 = 0x80 | ((c >>> 12) & 0x3f); // variant 10 + counter bits 17..12
    const b9 = (c >>> 4) & 0xff; // counter bits 11..4
    const b10 = ((c & 0x0f) << 4) | (pool[used]! & 0x0f); // counter bits 3..0 + 4 random bits
    const r = pool;
    const u = used;
    used += 6;
    const t = ms;
    const time = `${HEX[Math.floor(t / 2 ** 40) & 0xff]}${HEX[Math.floor(t / 2 ** 32) & 0xff]}${HEX[(t >>> 24) & 0xff]}${HEX[(t >>> 16) & 0xff]}-${HEX[(t >>> 8) & 0xff]}${HEX[t & 0xff]}`;
    return `${time}-${HEX[b6]}${HEX[b7]}-${HEX[b8]}${HEX[b9]}-${HEX[b10]}${HEX[r[u + 1]!]}${HEX[r[u + 2]!]}${HEX[r[u + 3]!]}${HEX[r[u + 4]!]}${HEX[r[u + 5]!]}`;
  };
}
