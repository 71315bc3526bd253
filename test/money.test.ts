import { describe, expect, it } from 'vitest';
import { COMMON, formatMoney, minorDigits, shareOf, toMinorUnits } from '../src/pixieset/money.js';

// The hand-formatted currencies must read exactly as Intl writes them for en-US, on every Node CI runs.
const intl = (minor: number, code: string) => {
  const f = new Intl.NumberFormat('en-US', { style: 'currency', currency: code });
  const digits = f.resolvedOptions().maximumFractionDigits ?? 2;
  return { text: f.format(minor / 10 ** digits), digits };
};
// Deterministic spread of amounts: every length from 1 to 13 digits, both signs.
const amounts = [
  0, -0, 1, 5, 9, 10, 99, 100, 101, 999, 1000, 1001, 99_999, 100_000, 123_456_789, 987_654_321_012,
];
for (let n = 7, i = 0; i < 200; i++) {
  n = (n * 48_271) % 2_147_483_647;
  amounts.push(n * 10 ** (i % 5), -n);
}

describe('money', () => {
  it.each(Object.keys(COMMON))('%s reads as Intl writes it for en-US, in either case', (code) => {
    for (const minor of amounts) {
      const want = intl(minor, code);
      expect(formatMoney(minor, code)).toBe(want.text);
      expect(formatMoney(minor, code.toLowerCase())).toBe(want.text);
      expect(minorDigits(code.toLowerCase())).toBe(want.digits);
    }
  });

  it('formats other codes Intl knows through Intl, and unknown codes plainly', () => {
    expect(formatMoney(1_234_567, 'bhd')).toBe(intl(1_234_567, 'BHD').text);
    expect(minorDigits('bhd')).toBe(3);
    expect(formatMoney(1_234_567, 'isk')).toBe(intl(1_234_567, 'ISK').text);
    expect(formatMoney(250_00, 'not a code')).toBe('250.00 NOT A CODE');
    expect(minorDigits('not a code')).toBe(2);
  });

  it('passes an amount that is not a whole number of minor units to Intl, which rounds it', () => {
    expect(formatMoney(12.5, 'usd')).toBe('$0.13');
    expect(formatMoney(2 ** 60, 'usd')).toBe(intl(2 ** 60, 'USD').text);
  });

  it('turns prices into minor units with the currency’s digits', () => {
    expect(toMinorUnits('2500', 'usd')).toBe(250_000);
    expect(toMinorUnits(450.5, 'eur')).toBe(45_050);
    expect(toMinorUnits('5000', 'jpy')).toBe(5_000);
    expect(() => toMinorUnits('5000.5', 'jpy')).toThrow(/more decimal places than JPY allows \(0\)/);
  });
});

describe('shareOf: a percent of minor units, rounded half up to the smallest unit', () => {
  it('rounds exactly at and beside every half', () => {
    const table: Array<[number, number, number]> = [
      // [minor, percent, expected]
      [1, 50, 1], // 0.5 → 1
      [3, 50, 2], // 1.5 → 2
      [5, 10, 1], // 0.5 → 1
      [4, 10, 0], // 0.4 → 0
      [33_333, 30, 10_000], // 9,999.9
      [33_333, 50, 16_667], // 16,666.5
      [15_001, 33.33, 5_000], // 4,999.8333
      [199, 12.5, 25], // 24.875
      [1_000_000, 0.01 * 100, 10_000], // 1%
      [Number.MAX_SAFE_INTEGER, 100, Number.MAX_SAFE_INTEGER],
    ];
    for (const [minor, percent, want] of table)
      expect(shareOf(minor, percent), `${percent}% of ${minor}`).toBe(want);
  });

  it('a percent written with two decimals is taken as written, not as its floating point neighbour', () => {
    // 0.29 * 100 is 28.999999999999996 in floating point; 1.005 is not two decimals (refused by the tool).
    expect(shareOf(10_000, 0.29)).toBe(29);
    expect(shareOf(10_000, 14.35)).toBe(1_435);
  });
});
