import { describe, expect, it } from 'vitest';
import { connectMcp, textOf } from './helpers.js';

describe('list_clients', () => {
  it('returns one page in the API order with paging fields and a compact table', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('list_clients', { page: 2, per_page: 10 });
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as { clients: Array<{ id: string; name: string }>; [k: string]: unknown };
    expect(s.clients.map((c) => c.id)).toEqual(sb.clients.slice(10, 20).map((c) => c.id));
    expect(s).toMatchObject({
      page: 2,
      per_page: 10,
      total: sb.clients.length,
      last_page: 32,
      has_more: true,
    });
    expect(textOf(r)).toMatch(/^10 clients and leads of 320, page 2 of 32\./);
    expect(textOf(r)).not.toContain('{');
    expect(sb.requests[0]?.query).toEqual({ page: '2', per_page: '10' });
  });

  it('maps type to the API types filter and reports the last page', async () => {
    const { call, sb } = await connectMcp();
    const leads = sb.clients.filter((c) => c.type === 'lead');
    const r = await call('list_clients', { type: 'lead', per_page: 60 });
    const s = r.structuredContent as {
      clients: Array<{ type: string }>;
      has_more: boolean;
      total: number;
      per_page: number;
    };
    expect(sb.requests[0]?.query.types).toBe('lead');
    // 60 is the most per_page advertises (one answer holds that many rows), and the paging fields say so.
    expect(sb.requests[0]?.query.per_page).toBe('60');
    expect(s.per_page).toBe(60);
    expect(s.total).toBe(leads.length);
    expect(s.has_more).toBe(leads.length > 60);
    expect(s.clients).toHaveLength(Math.min(60, leads.length));
    // Above it: refused as the schema says, never silently capped (issue 24).
    const over = await call('list_clients', { type: 'lead', per_page: 61 });
    expect(over.isError).toBe(true);
    expect(textOf(over)).toMatch(/per_page/);
    expect(sb.requests).toHaveLength(1);
    expect(s.clients.every((c) => c.type === 'lead')).toBe(true);
  });

  it('says has_more from a full page when the API gives no totals', async () => {
    const { call } = await connectMcp({ sandbox: { omitTotals: true } });
    const r = await call('list_clients', { per_page: 25 });
    expect(r.structuredContent).toMatchObject({ total: null, last_page: null, has_more: true });
  });

  it('rejects per_page above 100 before sending anything', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('list_clients', { per_page: 500 });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/per_page/);
    expect(sb.requests).toHaveLength(0);
  });
});

describe('search_clients', () => {
  it('is case- and accent-insensitive', async () => {
    const { call, sb } = await connectMcp();
    const expected = sb.clients.filter((c) => c.first_name === 'José').length;
    expect(expected).toBeGreaterThan(1);
    const r = await call('search_clients', { query: 'JOSE', limit: 50 });
    const s = r.structuredContent as { clients: Array<{ name: string }>; total_matches: number };
    expect(s.total_matches).toBeGreaterThanOrEqual(expected);
    expect(s.clients.filter((c) => c.name.startsWith('José '))).toHaveLength(expected);
    const back = await call('search_clients', { query: 'Núñez' });
    expect((back.structuredContent as { total_matches: number }).total_matches).toBe(
      sb.clients.filter((c) => c.last_name === 'Núñez').length,
    );
  });

  it('uses GET /clients/search when the API has it', async () => {
    const { call, sb } = await connectMcp();
    await call('search_clients', { query: 'doe' });
    expect(sb.requests.map((r) => r.path)).toEqual(['/clients/search']);
    expect(sb.requests[0]?.query).toMatchObject({ q: 'doe', pageSize: '100', page: '1' });
  });

  it('falls back to scanning every /clients/ page when the search endpoint is missing, finding late pages', async () => {
    const { call, sb } = await connectMcp({ sandbox: { searchEndpoint: false } });
    const last = sb.clients.at(-1);
    const r = await call('search_clients', { query: last?.email ?? '' });
    const s = r.structuredContent as { clients: Array<{ id: string }>; total_matches: number };
    expect(s.clients[0]?.id).toBe(last?.id);
    expect(sb.requests[0]?.path).toBe('/clients/search');
    expect(
      sb.requests
        .filter((q) => q.path === '/clients/')
        .map((q) => q.query.page)
        .sort(),
    ).toEqual(['1', '2', '3', '4']);
  });

  it('ranks an exact email match first', async () => {
    const { call, sb } = await connectMcp();
    const jane = sb.clients[0];
    if (!jane) throw new Error('no seed');
    sb.clients.unshift({ ...jane, id: `cl_${'A'.repeat(30)}`, first_name: 'Ajane', email: `a${jane.email}` });
    const r = await call('search_clients', { query: jane.email });
    const s = r.structuredContent as { clients: Array<{ id: string }>; total_matches: number };
    expect(s.total_matches).toBe(2);
    expect(s.clients.map((c) => c.id)).toEqual([jane.id, `cl_${'A'.repeat(30)}`]);
  });

  it('finds a phone number typed with other punctuation', async () => {
    const { call, sb } = await connectMcp();
    const withPhone = sb.clients.find((c) => c.phone);
    const digits = (withPhone?.phone ?? '').replace(/\D/g, '').slice(-7);
    const r = await call('search_clients', { query: `${digits.slice(0, 3)}-${digits.slice(3)}`, limit: 50 });
    const s = r.structuredContent as { clients: Array<{ id: string }> };
    expect(s.clients.map((c) => c.id)).toContain(withPhone?.id);
  });

  it('caps the result at limit but counts every match', async () => {
    const { call } = await connectMcp();
    const r = await call('search_clients', { query: 'example', limit: 5 });
    const s = r.structuredContent as { clients: unknown[]; total_matches: number };
    expect(s.clients).toHaveLength(5);
    expect(s.total_matches).toBe(320);
    expect(textOf(r)).toMatch(/320 matches for "example", showing 5/);
  });

  it('says plainly when nothing matches', async () => {
    const { call } = await connectMcp();
    const r = await call('search_clients', { query: 'zzzz-nobody' });
    expect(r.isError).toBeFalsy();
    expect(r.structuredContent).toEqual({ clients: [], total_matches: 0 });
    expect(textOf(r)).toMatch(/No client matches/);
  });
});

describe('get_client', () => {
  it('returns one client in full', async () => {
    const { call, sb } = await connectMcp();
    const c = sb.clients[7];
    const r = await call('get_client', { client_id: c?.id });
    expect(r.structuredContent).toMatchObject({
      client: {
        id: c?.id,
        email: c?.email,
        first_name: c?.first_name,
        name: `${c?.first_name} ${c?.last_name}`,
      },
    });
    expect(textOf(r)).toContain(c?.email ?? '');
  });

  it('names the id and says not found for a client that does not exist', async () => {
    const { call } = await connectMcp();
    const missing = `cl_${'0'.repeat(30)}`;
    const r = await call('get_client', { client_id: missing });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain(missing);
    expect(textOf(r)).toMatch(/not found/);
    expect(textOf(r)).toMatch(/search_clients/);
  });

  it.each([
    ['too short', 'cl_abc'],
    ['the wrong kind', `in_${'a'.repeat(30)}`],
    ['a path', `cl_${'a'.repeat(27)}/..`],
    ['no prefix', 'jane doe'],
  ])(
    'refuses a malformed id (%s) without any request, saying what a valid one looks like',
    async (_why, id) => {
      const { call, sb } = await connectMcp();
      const r = await call('get_client', { client_id: id });
      expect(r.isError).toBe(true);
      expect(textOf(r)).toMatch(/cl_ followed by 30 letters and digits/);
      expect(textOf(r)).toMatch(/search_clients or list_clients/);
      expect(sb.requests).toHaveLength(0);
    },
  );

  it('accepts other id lengths with PIXIESET_ID_CHECK=lenient', async () => {
    const { call, sb } = await connectMcp({ env: { PIXIESET_ID_CHECK: 'lenient' } });
    const r = await call('get_client', { client_id: 'cl_abc12345' });
    expect(textOf(r)).toMatch(/not found/);
    expect(sb.requests).toHaveLength(1);
  });
});

describe('create_client', () => {
  it('creates a client and returns its id', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('create_client', {
      first_name: 'Maëlle',
      last_name: 'Ørsted',
      email: 'maelle@example.net',
      phone: '+44 20 7946 0000',
    });
    expect(r.isError).toBeFalsy();
    const s = r.structuredContent as { created: boolean; client: { id: string; name: string } };
    expect(s.created).toBe(true);
    expect(s.client.name).toBe('Maëlle Ørsted');
    expect(sb.clients[0]?.id).toBe(s.client.id);
    const post = sb.requests.find((q) => q.method === 'POST');
    expect(post?.body).toEqual({
      first_name: 'Maëlle',
      last_name: 'Ørsted',
      email: 'maelle@example.net',
      phone: '+44 20 7946 0000',
    });
  });

  it('dry_run previews and sends no POST', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('create_client', {
      first_name: 'Ana',
      last_name: 'Lima',
      email: 'ana@example.net',
      dry_run: true,
    });
    expect(r.structuredContent).toMatchObject({
      created: false,
      dry_run: true,
      preview: { email: 'ana@example.net' },
    });
    expect(sb.count('POST')).toBe(0);
  });

  it('refuses an email an existing client has, naming that client, with no POST', async () => {
    const { call, sb } = await connectMcp();
    const existing = sb.clients[3];
    const r = await call('create_client', {
      first_name: 'X',
      last_name: 'Y',
      email: existing?.email.toUpperCase(),
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain(existing?.id ?? '');
    expect(sb.count('POST')).toBe(0);
  });

  it('refuses an invalid email before sending anything', async () => {
    const { call, sb } = await connectMcp();
    const r = await call('create_client', { first_name: 'X', last_name: 'Y', email: 'not-an-email' });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/email/);
    expect(sb.requests).toHaveLength(0);
  });

  it("passes the API's 422 field messages through verbatim", async () => {
    const { call, sb } = await connectMcp({ sandbox: { validationStyle: 'docs' } });
    sb.inject({ kind: 'invalid', method: 'POST', fields: { phone: ['The phone format is invalid.'] } });
    const r = await call('create_client', {
      first_name: 'X',
      last_name: 'Y',
      email: 'xy@example.net',
      phone: '12',
    });
    expect(r.isError).toBe(true);
    expect(textOf(r)).toContain('phone: The phone format is invalid.');
  });
});
