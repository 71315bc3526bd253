import { z } from 'zod';
import { INVOICE_FILTERS } from '../pixieset/invoice-math.js';
import { isCalendarDate } from './dates.js';

// Argument schemas shared by several tools. Numbers are bounded, sets are enums, defaults live here.

// Arguments are taken exactly as their advertised JSON Schema types say: "25" where an integer is expected is
// refused with the usual argument error, like any other value of the wrong type, and nothing is sent.

// An integer argument from min to max (the advertised minimum and maximum).
export const intArg = (min: number, max: number) => z.number().int().min(min).max(max);
// A true/false argument.
export const boolArg = () => z.boolean();

// Ids carry no length cap of their own: the id check (ids.ts) refuses any id not of its kind's shape and
// length before anything is sent, with a message saying what an id looks like.
export const clientIdArg = z.string().min(1).describe('Client id (cl_…), from search_clients');

export const pageArg = intArg(1, 10_000).default(1).describe('Page, from 1');
// Rows per page, up to the most one answer of that tool holds (advertised, so never silently capped).
export const perPageArg = (max: number, byDefault = 25) =>
  intArg(1, max).default(byDefault).describe('Rows per page');

export const invoiceStatusArg = z
  .enum(INVOICE_FILTERS)
  .default('all')
  .describe('unpaid: money still owed (overdue included); overdue: owed and past due');

// A calendar date argument, YYYY-MM-DD (the studio's dates, as the API writes them).
export const dateArg = (what: string) =>
  z
    .string()
    .trim()
    .refine(isCalendarDate, `${what} must be a real calendar date written YYYY-MM-DD, e.g. 2026-10-31`);

// A date range (inclusive, YYYY-MM-DD) with the defaults the tool states, and an optional client.
export const rangeArgs = (from: string, to: string) => ({
  from: dateArg('from').optional().describe(from),
  to: dateArg('to').optional().describe(to),
  client_id: clientIdArg.optional(),
});
