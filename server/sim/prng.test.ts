import { describe, expect, it } from 'vitest';
import { Prng, deriveSeed } from './prng';

describe('Sim > Prng', () => {
  it('reproduces the reference mulberry32 sequence for seed 1', () => {
    const rng = new Prng(1);
    expect([rng.next(), rng.next(), rng.next()]).toEqual([0.6270739405881613, 0.002735721180215478, 0.5274470399599522]);
  });

  it('gives the same stream for the same seed and a different one for another seed', () => {
    const a = new Prng(42);
    const b = new Prng(42);
    const c = new Prng(43);
    const first = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(first);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(first);
  });

  it('draws integers over the whole inclusive range and nothing outside it', () => {
    const rng = new Prng(7);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.integer(2, 4));
    expect([...seen].sort()).toEqual([2, 3, 4]);
  });

  it('draws normals with the requested mean and standard deviation', () => {
    const rng = new Prng(3);
    const xs = Array.from({ length: 20_000 }, () => rng.normal(5, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(5, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('rejects a non-finite seed', () => {
    expect(() => new Prng(Number.NaN)).toThrow(RangeError);
  });
});

describe('Sim > deriveSeed', () => {
  it('is a pure function of the seed and labels', () => {
    expect(deriveSeed(1, 'faults')).toBe(3529878032);
    expect(deriveSeed(1, 101, 'sensors')).toBe(3235346403);
  });

  it('separates streams by label and by seed', () => {
    const seeds = new Set([deriveSeed(1, 101, 'sensors'), deriveSeed(1, 102, 'sensors'), deriveSeed(1, 101, 'models'), deriveSeed(2, 101, 'sensors')]);
    expect(seeds.size).toBe(4);
  });
});
