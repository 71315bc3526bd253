import { z } from 'zod';
import type { Client } from '../../pixieset/schemas.js';
import { orNull } from './common.js';

// A client in a list: enough to recognise and pick them; get_client has the rest.
export const clientOut = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  type: z.string().nullable(),
  status: z.string().nullable(),
});

// "First Last", or the email, or the id: whatever names the client best.
export function clientName(c: {
  first_name?: string | null;
  last_name?: string | null;
  email?: string | null;
  id: string;
}): string {
  const name = [c.first_name, c.last_name]
    .filter((x) => x?.trim())
    .join(' ')
    .trim();
  return name || c.email || c.id;
}

export function toClientOut(c: Client): z.output<typeof clientOut> {
  return {
    id: c.id,
    name: clientName(c),
    email: orNull(c.email),
    phone: orNull(c.phone),
    type: orNull(c.type),
    status: orNull(c.status_name),
  };
}
