import { z } from 'zod';

// An integer in a result. Checked like z.int(), but advertised as a plain number: z.int() would add
// ±9007199254740991 bounds to every field of tools/list, which every model pays for in context.
export const int = () => z.number().refine(Number.isInteger, 'expected an integer');

// An empty or missing text as null.
export const orNull = (v: string | null | undefined): string | null =>
  v === undefined || v === null || v === '' ? null : v;
