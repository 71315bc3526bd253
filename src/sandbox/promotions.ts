// Coupons and gift cards (docs/studio-api/coupons.md, graded D?: its examples use Bearer auth). Coupons of
// both discount types in every status, with usage; gift cards bought by demo clients, some partly spent. A
// gift card's code is bearer money: the sandbox serves it, as the API does; no tool may show it whole.
import { formatMoney } from '../pixieset/money.js';
import { makeId, rng } from './random.js';
import type { Studio } from './studio.js';

export interface SandboxCoupon {
  id: string;
  code: string;
  discount_type: 'percentage' | 'fixed_amount';
  discount_value: number;
  status: 'active' | 'disabled' | 'expired' | 'exhausted';
  usage_count: number;
  usage_limit: number | null;
  expires_at: string | null;
  created_at: string;
}

// One use of a coupon, as GET /coupons/{id}/activity gives it. One use's client was since deleted: the docs do
// not say what the API gives then, so the sandbox gives no client object (a tool must still answer).
export interface SandboxCouponUse {
  id: string;
  coupon_id: string;
  invoice_id: string;
  client_id: string;
  discount_applied: number;
  discount_applied_formatted: string;
  used_at: string;
  client?: { first_name: string; last_name: string; email: string };
  invoice: { amount: number; amount_formatted: string };
}

export interface SandboxGiftCard {
  id: string;
  code: string;
  amount: number;
  balance: number;
  status: 'active' | 'redeemed' | 'expired';
  expires_at: string;
  purchased_by: { first_name: string; last_name: string; email: string } | null;
  created_at: string;
}

const day = 86_400_000;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000Z');

export function seedPromotions(studio: Studio): {
  coupons: SandboxCoupon[];
  giftCards: SandboxGiftCard[];
  uses: Map<string, SandboxCouponUse[]>;
} {
  const rand = rng(studio.seed.seed ^ 0xc0de);
  const now = Date.parse(`${studio.seed.today}T12:00:00Z`);
  const coupon = (c: Omit<SandboxCoupon, 'id' | 'created_at'>): SandboxCoupon => ({
    id: makeId('cou', rand),
    created_at: stamp(now - 200 * day),
    ...c,
  });
  const coupons = [
    coupon({
      code: 'SPRING15',
      discount_type: 'percentage',
      discount_value: 15,
      status: 'active',
      usage_count: 7,
      usage_limit: 50,
      expires_at: stamp(now + 90 * day),
    }),
    coupon({
      code: 'WELCOME50',
      discount_type: 'fixed_amount',
      discount_value: 5_000,
      status: 'active',
      usage_count: 12,
      usage_limit: null,
      expires_at: null,
    }),
    coupon({
      code: 'MINIS10',
      discount_type: 'percentage',
      discount_value: 10,
      status: 'disabled',
      usage_count: 3,
      usage_limit: 20,
      expires_at: stamp(now + 30 * day),
    }),
    coupon({
      code: 'SUMMER20',
      discount_type: 'percentage',
      discount_value: 20,
      status: 'expired',
      usage_count: 41,
      usage_limit: 100,
      expires_at: stamp(now - 60 * day),
    }),
    coupon({
      code: 'FIRST25',
      discount_type: 'fixed_amount',
      discount_value: 2_500,
      status: 'exhausted',
      usage_count: 25,
      usage_limit: 25,
      expires_at: null,
    }),
  ];
  const buyers = studio.clients.filter((c) => c.type === 'client').slice(0, 6);
  const giftCards = buyers.map((b, i): SandboxGiftCard => {
    const amount = [15_000, 25_000, 50_000][i % 3] as number;
    const status: SandboxGiftCard['status'] = i === 4 ? 'redeemed' : i === 5 ? 'expired' : 'active';
    const balance =
      status === 'redeemed'
        ? 0
        : i % 2
          ? Math.round((amount * (20 + Math.floor(rand() * 60))) / 100)
          : amount;
    return {
      id: makeId('gc', rand),
      code: `GC-${2025 + (i % 2)}-${String(100 + Math.floor(rand() * 900))}${String.fromCharCode(65 + i)}`,
      amount,
      balance,
      status,
      expires_at: stamp(status === 'expired' ? now - 10 * day : now + 300 * day),
      purchased_by: i === 3 ? null : { first_name: b.first_name, last_name: b.last_name, email: b.email },
      created_at: stamp(now - (30 + i * 20) * day),
    };
  });
  return { coupons, giftCards, uses: new Map(coupons.map((c) => [c.id, usesOf(studio, c, rand, now)])) };
}

// As many uses as the coupon's count, newest first, each on a real invoice of a real client: a percentage takes
// its share of the invoice (rounded half up), a fixed amount at most the invoice.
function usesOf(studio: Studio, c: SandboxCoupon, rand: () => number, now: number): SandboxCouponUse[] {
  const billed = studio.invoices.filter((i) => i.status !== 'draft' && i.line_items.length);
  const currency = studio.invoices[0]?.currency ?? 'usd';
  return Array.from({ length: c.usage_count }, (_, n) => {
    const inv = billed[Math.floor(rand() * billed.length)];
    if (!inv) throw new Error('the sandbox has no billed invoice for a coupon use');
    const amount = inv.line_items.reduce((sum, l) => sum + l.amount * l.quantity, 0);
    const off =
      c.discount_type === 'percentage'
        ? Math.floor((amount * c.discount_value + 50) / 100)
        : Math.min(c.discount_value, amount);
    const who = studio.clients.find((x) => x.id === inv.client_id);
    return {
      id: makeId('ca', rand),
      coupon_id: c.id,
      invoice_id: inv.id,
      client_id: inv.client_id,
      discount_applied: off,
      discount_applied_formatted: formatMoney(off, currency),
      used_at: stamp(now - (n * 9 + 2) * day - Math.floor(rand() * 8) * 3_600_000),
      ...(who && n !== 1
        ? { client: { first_name: who.first_name, last_name: who.last_name, email: who.email } }
        : {}),
      invoice: { amount, amount_formatted: formatMoney(amount, currency) },
    };
  });
}

export const promotionsOf = (studio: Studio) => studio.area('promotions', seedPromotions);
