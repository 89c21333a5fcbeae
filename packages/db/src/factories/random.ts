/**
 * A small seedable PRNG (sfc32, seeded through splitmix32) so a demo seed always yields the
 * same data; Math.random and crypto would make two runs differ.
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number | string) {
    let state = typeof seed === "number" ? seed >>> 0 : hashString(seed);
    const next = () => {
      state = (state + 0x9e3779b9) >>> 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** An independent stream for one concern, so adding draws elsewhere does not shift it. */
  fork(label: string | number): Random {
    return new Random(hashString(`${this.uint32()}:${label}`));
  }

  uint32(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) >>> 0;
    return t;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return itemAt(items, Math.floor(this.next() * items.length));
  }

  /** One of `entries` with probability proportional to its weight. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, weight] of entries) total += weight;
    let roll = this.next() * total;
    for (const [value, weight] of entries) {
      roll -= weight;
      if (roll < 0) return value;
    }
    return itemAt(entries, entries.length - 1)[0];
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** Log-normal around `median`: latencies, byte sizes and activity levels are skewed like this. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** A UUID v7 for time `ms` whose random bits come from this stream (deterministic ids). */
  uuid7(ms: number): string {
    const time = Math.max(0, Math.floor(ms));
    const high = Math.floor(time / 4294967296);
    const low = time >>> 0;
    const r1 = this.uint32();
    const r2 = this.uint32();
    const r3 = this.uint32();
    // version 7 in the top nibble of r1's upper half, RFC 4122 variant (10xx) in its lower half.
    const versioned = 0x7000 | (r1 >>> 20);
    const variant = 0x8000 | ((r1 >>> 4) & 0x3fff);
    return `${byteHex(high >>> 8)}${byteHex(high)}${byteHex(low >>> 24)}${byteHex(low >>> 16)}-${byteHex(low >>> 8)}${byteHex(low)}-${byteHex(versioned >>> 8)}${byteHex(versioned)}-${byteHex(variant >>> 8)}${byteHex(variant)}-${byteHex(r2 >>> 24)}${byteHex(r2 >>> 16)}${byteHex(r2 >>> 8)}${byteHex(r2)}${byteHex(r3 >>> 24)}${byteHex(r3 >>> 16)}`;
  }
}

const BYTE_HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

function byteHex(value: number): string {
  return BYTE_HEX[value & 0xff] ?? "00";
}

/** FNV-1a: turns a string seed into 32 bits. */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** `items[index]`, throwing instead of returning undefined (the index is always in range here). */
export function itemAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} outside 0..${items.length - 1}`);
  return item;
}
