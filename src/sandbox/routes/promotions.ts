import { formatMoney as money } from '../../pixieset/money.js';
import { promotionsOf } from '../promotions.js';
import type { Route } from './route.js';

// Coupons (?filter=active|disabled|expired|all) and gift cards (?status=active|redeemed|expired|all), as the docs
// list them; gift card amounts with their formatted twins.
export const promotionRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/coupons$/,
    handler: ({ studio, q }) => {
      const filter = q.get('filter') ?? 'all';
      const all = promotionsOf(studio).coupons.filter((c) => filter === 'all' || c.status === filter);
      return studio.page(all, q, 'per_page', (c) => c);
    },
  },
  {
    method: 'GET',
    pattern: /^\/coupons\/([^/]+)\/activity$/,
    handler: ({ studio, q, match }) => {
      const { coupons, uses } = promotionsOf(studio);
      const coupon = coupons.find((c) => c.id === match[1]);
      if (!coupon) return { status: 404, body: { message: 'Coupon not found' } };
      const all = uses.get(coupon.id) ?? [];
      const body = studio.page(all, q, 'per_page', (u) => u);
      const given = all.reduce((sum, u) => sum + u.discount_applied, 0);
      const page = body.body as { meta?: Record<string, unknown> };
      // The docs' meta: the use and discount totals over every use, beside the paging.
      page.meta = {
        ...page.meta,
        total_usage: all.length,
        total_discount_given: given,
        total_discount_given_formatted: money(given, studio.invoices[0]?.currency ?? 'usd'),
      };
      return body;
    },
  },
  {
    method: 'GET',
    pattern: /^\/gift_cards$/,
    handler: ({ studio, q }) => {
      const status = q.get('status') ?? 'all';
      const currency = studio.invoices[0]?.currency ?? 'usd';
      const all = promotionsOf(studio).giftCards.filter((g) => status === 'all' || g.status === status);
      return studio.page(all, q, 'per_page', (g) => ({
        ...g,
        amount_formatted: money(g.amount, currency),
        balance_formatted: money(g.balance, currency),
      }));
    },
  },
];
