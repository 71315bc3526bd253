import { asciiKey, type SandboxClient } from '../data.js';
import { type Answer, asRecord, NOT_OFFERED, nowStamp, type Studio } from '../studio.js';
import type { Route } from './route.js';

// /clients: list, search, one, create.
export const clientRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/clients$/,
    handler: ({ studio, q }) =>
      studio.page(studio.listedClients(q.get('types')), q, 'per_page', (c) => studio.clientJson(c)),
  },
  {
    method: 'GET',
    pattern: /^\/clients\/search$/,
    handler: ({ studio, q }) => {
      if (studio.opts.searchEndpoint === false) return { status: 404, body: { message: 'Not Found' } };
      const needle = asciiKey(q.get('q') ?? '');
      const types = q.get('types');
      const pool = studio.listedClients(types === 'all' || !types ? null : types);
      const hits = needle
        ? pool.filter((c) =>
            [`${c.first_name} ${c.last_name}`, c.email, c.phone ?? '', c.company ?? ''].some((f) =>
              asciiKey(f).includes(needle),
            ),
          )
        : [];
      return studio.page(hits, q, 'pageSize', (c) => studio.clientJson(c));
    },
  },
  { method: 'POST', pattern: /^\/clients$/, handler: ({ studio, body }) => createClient(studio, body) },
  {
    method: 'GET',
    pattern: /^\/clients\/([^/]+)\/cgCollections$/,
    handler: ({ studio, q, match }) => {
      if (!studio.offers('cgCollections')) return NOT_OFFERED;
      if (!studio.clients.some((c) => c.id === match[1]))
        return { status: 404, body: { message: 'Client not found.' } };
      const mine = studio.collections.filter((c) => c.client_id === match[1]);
      // Only what the client's page shows: never the gallery's password or PIN.
      return studio.page(mine, q, 'page_size', (c) => ({
        id: c.id,
        name: c.name,
        photo_count: c.photo_count,
        video_count: c.video_count,
        expiry_date: c.expiry_date,
        created_at: c.created_at,
      }));
    },
  },
  {
    method: 'PUT',
    pattern: /^\/clients\/([^/]+)$/,
    handler: ({ studio, body, match }) => updateClient(studio, match[1] ?? '', body),
  },
  {
    method: 'GET',
    pattern: /^\/clients\/([^/]+)$/,
    handler: ({ studio, match }) => {
      const c = studio.clients.find((x) => x.id === match[1]);
      return c
        ? { status: 200, body: { data: studio.clientJson(c) } }
        : { status: 404, body: { message: 'Client not found.' } };
    },
  },
];

function createClient(studio: Studio, body: unknown): Answer {
  const b = asRecord(body);
  const errors: Record<string, string[]> = {};
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : '');
  if (!str('first_name')) errors.first_name = ['The first name field is required.'];
  const email = str('email');
  if (!email) errors.email = ['The email field is required.'];
  else if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
    errors.email = ['The email must be a valid email address.'];
  else if (studio.clients.some((c) => c.email.toLowerCase() === email.toLowerCase())) {
    errors.email = ['The email has already been taken.'];
  }
  if (Object.keys(errors).length) return studio.invalid(errors);
  const client: SandboxClient = {
    id: studio.newId('cl'),
    first_name: str('first_name'),
    last_name: str('last_name'),
    email,
    phone: str('phone') || null,
    company: null,
    type: 'client',
    status_name: 'Active',
    notes: null,
    created_at: nowStamp(),
    currency: 'usd',
  };
  studio.clients.unshift(client);
  studio.created(client.id);
  return { status: 201, body: { data: studio.clientJson(client) } };
}

// PUT /clients/{id}: the whole client comes back with the changes applied; the same rules as POST.
function updateClient(studio: Studio, id: string, body: unknown): Answer {
  const client = studio.clients.find((c) => c.id === id);
  if (!client) return { status: 404, body: { message: 'Client not found.' } };
  const b = asRecord(body);
  const errors: Record<string, string[]> = {};
  const str = (k: string) => (typeof b[k] === 'string' ? (b[k] as string).trim() : undefined);
  if (str('first_name') === '') errors.first_name = ['The first name field is required.'];
  const email = str('email');
  if (email !== undefined) {
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))
      errors.email = ['The email must be a valid email address.'];
    else if (studio.clients.some((c) => c.id !== id && c.email.toLowerCase() === email.toLowerCase()))
      errors.email = ['The email has already been taken.'];
  }
  const type = str('type');
  if (type !== undefined && !['client', 'lead', 'other'].includes(type))
    errors.type = ['The selected type is invalid.'];
  if (Object.keys(errors).length) return studio.invalid(errors);
  for (const k of ['first_name', 'last_name', 'email', 'phone', 'company', 'notes'] as const) {
    if (k in b) {
      const v = str(k);
      if (k === 'first_name' || k === 'last_name' || k === 'email') {
        if (v !== undefined) client[k] = v;
      } else client[k] = v === undefined || v === '' ? null : v;
    }
  }
  if (type !== undefined) client.type = type as typeof client.type;
  studio.updates.push({ id, body: b });
  return { status: 200, body: { data: studio.clientJson(client) } };
}
