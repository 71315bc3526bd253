import { z } from 'zod';
import { isCalendarDate } from './dates.js';

// Argument schemas shared by several tools. Numbers are bounded, sets are enums, defaults live here.

// Some clients send numbers and booleans as strings ("25", "true"). Exactly those forms are accepted;
// anything else ("25 rows", "yes") still fails validation.
const intFromString = (v: unknown) => (typeof v === 'string' && /^\s*\d{1,9}\s*$/.test(v) ? Number(v) : v);
const boolFromString = (v: unknown) => (v === 'true' ? true : v === 'false' ? false : v);

// An integer argument from min to max.
export const intArg = (min: number, max: number) =>
  z.preprocess(intFromString, z.number().int().min(min).max(max));
// A true/false argument.
export const boolArg = () => z.preprocess(boolFromString, z.boolean());
// Text arguments: a number sent where text is expected (a phone number, a query of digits) is taken as its
// digits, just as "25" is taken for a number.
export const textArg = (schema: z.ZodString) =>
  z.preprocess((v) => (typeof v === 'number' && Number.isFinite(v) ? String(v) : v), schema);

export const clientIdArg = z.string().min(1).max(200).describe('Client id (cl_…), from search_clients');

export const pageArg = intArg(1, 10_000).default(1).describe('Page, from 1');
export const perPageArg = intArg(1, 100).default(25).describe('Rows per page');

export const invoiceStatusArg = z
  .enum(['all', 'paid', 'unpaid', 'overdue'])
  .default('all')
  .describe('unpaid: money still owed (overdue included); overdue: owed and past due');

// A calendar date argument, YYYY-MM-DD (the studio's dates, as the API writes them).
export const dateArg = (what: string) =>
  z
    .string()
    .trim()
    .refine(isCalendarDate, `${what} must be a real calendar date written YYYY-MM-DD, e.g. 2026-10-31`);
