import { z } from 'zod';
import { formatMoney } from '../../pixieset/money.js';
import type { Coupon } from '../../pixieset/schemas.js';
import { defineTool, READ } from '../define.js';
import { renderAll } from '../list-page.js';
import { int } from '../outputs/common.js';
import { plural } from '../render.js';

const STATUS = ['active', 'disabled', 'expired', 'all'] as const;

const couponOut = z.object({
  id: z.string(),
  code: z.string().nullable(),
  // percent: value is the percentage; fixed: value is minor units of the studio's currency.
  discount: z.object({
    type: z.enum(['percent', 'fixed']).nullable(),
    value: int().nullable(),
    formatted: z.string().nullable(),
  }),
  status: z.string().nullable(),
  valid_until: z.string().nullable(),
  times_used: int().nullable(),
  // null: no limit.
  max_uses: int().nullable(),
});
type CouponOut = z.output<typeof couponOut>;

function toCouponOut(c: Coupon, currency: string): CouponOut {
  const type =
    c.discount_type === 'percentage' ? 'percent' : c.discount_type?.startsWith('fixed') ? 'fixed' : null;
  const value = c.discount_value ?? null;
  return {
    id: c.id,
    code: c.code ?? null,
    discount: {
      type,
      value,
      formatted:
        value === null || type === null
          ? null
          : type === 'percent'
            ? `${value}%`
            : formatMoney(value, currency),
    },
    status: c.status ?? null,
    valid_until: c.expires_at ?? null,
    times_used: c.usage_count ?? null,
    max_uses: c.usage_limit ?? null,
  };
}

export const listCoupons = defineTool({
  name: 'list_coupons',
  toolset: 'payments',
  endpoints: ['GET /coupons'],
  title: 'List coupons',
  description:
    'Coupon codes with their discount, status, expiry and use (times used of the limit); code? finds one ("is SPRING15 still active?").',
  inputSchema: z.object({
    status: z.enum(STATUS).default('all').describe('active, disabled, expired or all'),
    code: z.string().min(1).max(64).optional().describe('One code (any case)'),
  }),
  outputSchema: z.object({ coupons: z.array(couponOut), count: int() }),
  annotations: READ,
  async handler({ status, code }, { pixieset, signal, config, progress }) {
    const all = await pixieset.promotions.coupons(status, { signal, onProgress: progress });
    const rows = all.items
      .map((c) => toCouponOut(c, config.currency))
      .filter((c) => code === undefined || c.code?.toLowerCase() === code.trim().toLowerCase());
    type Row = (typeof rows)[number];
    const what = code ? `coupon ${code}` : `${status === 'all' ? '' : `${status} `}coupon`;
    return renderAll({
      key: 'coupons',
      rows,
      head: code ? (rows.length === 1 ? 'Found:' : `${rows.length} found:`) : `${plural(rows.length, what)}.`,
      columns: [
        ['code', (c: Row) => c.code],
        ['discount', (c: Row) => c.discount.formatted],
        ['status', (c: Row) => c.status],
        [
          'used',
          (c: Row) =>
            c.max_uses === null
              ? `${c.times_used ?? '?'} (no limit)`
              : `${c.times_used ?? '?'} of ${c.max_uses}`,
        ],
        ['valid until', (c: Row) => c.valid_until ?? 'no end'],
        ['id', (c: Row) => c.id],
      ],
      empty: code
        ? `No ${status === 'all' ? '' : `${status} `}coupon has the code ${code}.`
        : `No ${status === 'all' ? '' : `${status} `}coupons.`,
    });
  },
});
