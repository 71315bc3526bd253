import { z } from 'zod';
import { formatMoney } from '../../pixieset/money.js';
import type { GiftCard } from '../../pixieset/schemas.js';
import { defineTool, READ } from '../define.js';
import { renderAll } from '../list-page.js';
import { int } from '../outputs/common.js';
import { plural } from '../render.js';

const STATUS = ['active', 'redeemed', 'expired', 'all'] as const;

const giftCardOut = z.object({
  id: z.string(),
  // Bearer money: only the last four characters, ever.
  code: z.string().nullable(),
  balance_minor: int().nullable(),
  balance: z.string().nullable(),
  initial_minor: int().nullable(),
  initial: z.string().nullable(),
  currency: z.string(),
  status: z.string().nullable(),
  expires_at: z.string().nullable(),
  // Who bought it, as Pixieset records it (purchased_by).
  recipient: z.object({ name: z.string().nullable(), email: z.string().nullable() }).nullable(),
});
type GiftCardOut = z.output<typeof giftCardOut>;

function toGiftCardOut(g: GiftCard, studioCurrency: string): GiftCardOut {
  const currency = (g.currency ?? studioCurrency).toLowerCase();
  const m = (n: number | null | undefined) =>
    n === null || n === undefined ? null : formatMoney(n, currency);
  const buyer = g.purchased_by;
  return {
    id: g.id,
    code: g.code ?? null,
    balance_minor: g.balance ?? null,
    balance: m(g.balance),
    initial_minor: g.amount ?? null,
    initial: m(g.amount),
    currency,
    status: g.status ?? null,
    expires_at: g.expires_at ?? null,
    recipient: buyer
      ? {
          name: [buyer.first_name, buyer.last_name].filter(Boolean).join(' ') || null,
          email: buyer.email ?? null,
        }
      : null,
  };
}

export const listGiftCards = defineTool({
  name: 'list_gift_cards',
  toolset: 'payments',
  endpoints: ['GET /gift_cards'],
  title: 'List gift cards',
  description:
    'Gift cards with their balance of the amount bought, status and buyer, and the total balance still outstanding per currency. Codes are shown by their last four characters only.',
  inputSchema: z.object({
    status: z.enum(STATUS).default('all').describe('active, redeemed, expired or all'),
  }),
  outputSchema: z.object({
    gift_cards: z.array(giftCardOut),
    count: int(),
    // The balance left on active cards, per currency.
    outstanding: z.array(z.object({ currency: z.string(), balance_minor: int(), balance: z.string() })),
  }),
  annotations: READ,
  async handler({ status }, { pixieset, signal, config, progress }) {
    const all = await pixieset.promotions.giftCards(status, { signal, onProgress: progress });
    const rows = all.items.map((g) => toGiftCardOut(g, config.currency));
    const sums = new Map<string, number>();
    for (const g of rows)
      if (g.status === 'active' && g.balance_minor !== null)
        sums.set(g.currency, (sums.get(g.currency) ?? 0) + g.balance_minor);
    const outstanding = [...sums].map(([currency, n]) => ({
      currency,
      balance_minor: n,
      balance: formatMoney(n, currency),
    }));
    type Row = (typeof rows)[number];
    return renderAll({
      key: 'gift_cards',
      rows,
      extra: { outstanding },
      head: `${plural(rows.length, `${status === 'all' ? '' : `${status} `}gift card`)}; outstanding on active cards: ${outstanding.length ? outstanding.map((o) => o.balance).join(', ') : 'nothing'}.`,
      columns: [
        ['code', (g: Row) => g.code],
        ['balance', (g: Row) => g.balance],
        ['of', (g: Row) => g.initial],
        ['status', (g: Row) => g.status],
        ['bought by', (g: Row) => g.recipient?.name ?? g.recipient?.email],
        ['expires', (g: Row) => g.expires_at],
        ['id', (g: Row) => g.id],
      ],
      empty: `No ${status === 'all' ? '' : `${status} `}gift cards.`,
    });
  },
});
