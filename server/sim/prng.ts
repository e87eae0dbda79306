/**
 * Seeded pseudo-random numbers for the simulator: mulberry32 (Tommy Ettinger,
 * public domain), a 32-bit generator with a full 2^32 period that is more than
 * good enough for sensor noise and fault draws, and far faster than a
 * cryptographic source. Every stream is derived from the configured seed, so
 * the same seed gives byte-identical telemetry.
 *
 * @example
 *   const rng = new Prng(deriveSeed(1, 'faults'));
 *   rng.next();          // 0 ≤ x < 1
 *   rng.normal(0, 0.05); // Gaussian noise, σ = 0.05
 */
export class Prng {
  #state: number;
  /** Second Box–Muller value, kept so each pair of uniforms yields two normals. */
  #spareNormal: number | undefined;

  constructor(seed: number) {
    if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
    this.#state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Integer uniform in [min, max], both ends included. */
  integer(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** Gaussian with the given mean and standard deviation (Box–Muller). */
  normal(mean = 0, sigma = 1): number {
    if (this.#spareNormal !== undefined) {
      const z = this.#spareNormal;
      this.#spareNormal = undefined;
      return mean + sigma * z;
    }
    // 1 - next() is in (0, 1], so the logarithm is finite.
    const radius = Math.sqrt(-2 * Math.log(1 - this.next()));
    const angle = 2 * Math.PI * this.next();
    this.#spareNormal = radius * Math.sin(angle);
    return mean + sigma * radius * Math.cos(angle);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/**
 * A seed for an independent stream, mixed from the run's seed and labels
 * (satellite id, purpose), so adding a stream never shifts another one's draws.
 * FNV-1a over the label text, then a murmur3 finaliser to spread the bits.
 */
export function deriveSeed(seed: number, ...labels: ReadonlyArray<string | number>): number {
  let h = (0x811c9dc5 ^ (seed >>> 0)) >>> 0;
  for (const ch of labels.join('/')) {
    h ^= ch.charCodeAt(0);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}
