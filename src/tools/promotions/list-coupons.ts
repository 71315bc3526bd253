import { z } from 'zod';
import { formatMoney } from '../../pixieset/money.js';
import type { Coupon, CouponUse } from '../../pixieset/schemas.js';
import { defineTool, READ, type ToolContext } from '../define.js';
import { renderAll } from '../list-page.js';
import { clientName } from '../outputs/client.js';
import { int } from '../outputs/common.js';
import { plural, table } from '../render.js';
import { part, type Unavailable } from '../sections.js';

// The most uses one answer lists (newest first); the count and total cover them all.
const USES_SHOWN = 20;

const useOut = z.object({
  client_name: z.string(),
  client_id: z.string().nullable(),
  invoice_id: z.string().nullable(),
  discount_minor: int().nullable(),
  discount: z.string().nullable(),
  used_at: z.string().nullable(),
});

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
  endpoints: ['GET /coupons', 'GET /coupons/{coupon_id}/activity'],
  title: 'List coupons',
  description:
    'Coupon codes with their discount, status, expiry and use (times used of the limit); code? finds one and who used it ("is SPRING15 still active, who used it?").',
  inputSchema: z.object({
    status: z.enum(STATUS).default('all').describe('active, disabled, expired or all'),
    code: z.string().min(1).max(64).optional().describe('One code (any case)'),
  }),
  outputSchema: z.object({
    coupons: z.array(couponOut),
    count: int(),
    // With code, for the one coupon found: its uses, newest first (at most 20), how many were read in all, and
    // the discount they gave together.
    used_by: z.array(useOut).optional(),
    uses_read: int().optional(),
    discount_given_minor: int().optional(),
    discount_given: z.string().optional(),
    // Uses Pixieset gave without an amount: left out of discount_given.
    uses_without_amount: int().optional(),
    unavailable: z.array(z.object({ section: z.string(), reason: z.string() })).optional(),
  }),
  annotations: READ,
  async handler({ status, code }, ctx) {
    const { pixieset, signal, config, progress } = ctx;
    const all = await pixieset.promotions.coupons(status, { signal, onProgress: progress });
    const rows = all.items
      .map((c) => toCouponOut(c, config.currency))
      .filter((c) => code === undefined || c.code?.toLowerCase() === code.trim().toLowerCase());
    type Row = (typeof rows)[number];
    const what = code ? `coupon ${code}` : `${status === 'all' ? '' : `${status} `}coupon`;
    const listed = renderAll({
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
    const [only] = rows;
    if (!code || rows.length !== 1 || !only) return listed;
    const uses = await usesOf(only.id, ctx);
    return {
      structured: { ...listed.structured, ...uses.structured },
      text: [listed.text, uses.text].join('\n'),
    };
  },
});

// Who used one coupon: its uses newest first, at most USES_SHOWN, with the discount they gave in all. When the
// studio's API gives no activity, the coupon is still answered and the reason is said.
async function usesOf(id: string, { pixieset, signal, config, progress }: ToolContext) {
  const unavailable: Unavailable = [];
  const read = await part(
    'who used it',
    () => pixieset.promotions.couponUses(id, { signal, onProgress: progress }),
    unavailable,
  );
  if (!read) {
    return {
      structured: { unavailable },
      text: `Who used it: not available (${unavailable[0]?.reason ?? 'no answer'}).`,
    };
  }
  const at = (u: CouponUse) => Date.parse(u.used_at ?? '') || 0;
  const all = [...read.items].sort((a, b) => at(b) - at(a));
  const given = all.reduce((sum, u) => sum + (u.discount_applied ?? 0), 0);
  const unknown = all.filter((u) => u.discount_applied === null || u.discount_applied === undefined).length;
  const used_by = all.slice(0, USES_SHOWN).map((u) => ({
    client_name: u.client
      ? clientName({ ...u.client, id: u.client_id ?? 'a client' })
      : `${u.client_id ?? 'a client'} (name not given)`,
    client_id: u.client_id ?? null,
    invoice_id: u.invoice_id ?? null,
    discount_minor: u.discount_applied ?? null,
    discount: u.discount_applied == null ? null : formatMoney(u.discount_applied, config.currency),
    used_at: u.used_at ?? null,
  }));
  const total = formatMoney(given, config.currency);
  return {
    structured: {
      used_by,
      uses_read: all.length,
      discount_given_minor: given,
      discount_given: total,
      ...(unknown ? { uses_without_amount: unknown } : {}),
    },
    text: all.length
      ? [
          `Used ${plural(all.length, 'time')}, ${total} off in all${unknown ? ` (${unknown} with no amount given, not counted)` : ''}; newest first:`,
          table(
            ['client', 'invoice', 'discount', 'used'],
            used_by.map((u) => [u.client_name, u.invoice_id, u.discount, u.used_at?.slice(0, 10)]),
          ),
          ...(all.length > USES_SHOWN
            ? [`${plural(all.length - USES_SHOWN, 'earlier use')} not listed.`]
            : []),
        ].join('\n')
      : 'Nobody has used it yet.',
  };
}
