import { z } from 'zod';
import { formatMoney } from '../../pixieset/money.js';
import type { SessionType } from '../../pixieset/schemas.js';
import { defineTool, READ } from '../define.js';
import { renderAll } from '../list-page.js';
import { int } from '../outputs/common.js';
import { plural } from '../render.js';

const STATUS = ['published', 'draft', 'all'] as const;

export const sessionTypeOut = z.object({
  id: z.string(),
  name: z.string().nullable(),
  status: z.string().nullable(),
  duration_minutes: int().nullable(),
  // In the offering's own currency: minor units and formatted.
  price_minor: int().nullable(),
  price: z.string().nullable(),
  // Only when the offering takes a deposit.
  deposit_minor: int().optional(),
  deposit: z.string().optional(),
  currency: z.string(),
  location: z.string().nullable(),
});
export type SessionTypeOut = z.output<typeof sessionTypeOut>;

export function toSessionTypeOut(s: SessionType, studioCurrency: string): SessionTypeOut {
  const currency = (s.currency ?? studioCurrency).toLowerCase();
  const price = s.payment_amount_full ?? null;
  const deposit = s.payment_amount_partial ?? undefined;
  return {
    id: s.id,
    name: s.name ?? null,
    status: s.status ?? null,
    duration_minutes: s.duration ?? null,
    price_minor: price,
    price: price === null ? null : formatMoney(price, currency),
    ...(deposit !== undefined && deposit > 0
      ? { deposit_minor: deposit, deposit: formatMoney(deposit, currency) }
      : {}),
    currency,
    location: s.location ?? null,
  };
}

export const listSessionTypes = defineTool({
  name: 'list_session_types',
  toolset: 'sessions',
  endpoints: ['GET /session_types/'],
  gives: ['session_type'],
  title: 'List offerings',
  description:
    'What the studio sells: session types with price, deposit, duration, location, in their own currency. "What\'s the deposit on a newborn session?" Ids (set_…) for check_availability, create_invoice.',
  inputSchema: z.object({
    status: z.enum(STATUS).default('published').describe('published (on sale), draft or all'),
  }),
  outputSchema: z.object({ session_types: z.array(sessionTypeOut), count: int() }),
  annotations: READ,
  async handler({ status }, { pixieset, signal, config, progress }) {
    const all = await pixieset.sessionTypes.all({ signal, onProgress: progress });
    const rows = all.items
      .map((s) => toSessionTypeOut(s, config.currency))
      .filter((s) => status === 'all' || s.status === status);
    type Row = (typeof rows)[number];
    return renderAll({
      key: 'session_types',
      rows,
      head: `${plural(rows.length, status === 'all' ? 'session type' : `${status} session type`)}.`,
      columns: [
        ['name', (s: Row) => s.name],
        ['status', (s: Row) => s.status],
        ['minutes', (s: Row) => s.duration_minutes],
        ['price', (s: Row) => s.price],
        ['deposit', (s: Row) => s.deposit ?? '—'],
        ['location', (s: Row) => s.location],
        ['id', (s: Row) => s.id],
      ],
      empty: `No ${status === 'all' ? '' : `${status} `}session types.`,
    });
  },
});
