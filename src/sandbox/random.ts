// The sandbox's randomness: seeded, so the same seed always yields the same studio.

// Mulberry32: a tiny seeded PRNG, so the same seed always yields the same studio.
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

// A documented-format id: prefix + "_" + 30 alphanumerics.
export function makeId(prefix: string, rand: () => number): string {
  let s = `${prefix}_`;
  for (let i = 0; i < 30; i++) s += ALNUM[Math.floor(rand() * ALNUM.length)];
  return s;
}
