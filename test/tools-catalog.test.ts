import { describe, expect, it } from 'vitest';
import { sessionTypesOf } from '../src/sandbox/session-types.js';
import { connectMcp, textOf } from './helpers.js';

// The catalog (issue #27), through the wire: answers checked against the sandbox's own records.

interface TypesOut {
  session_types: Array<{
    id: string;
    name: string;
    status: string;
    duration_minutes: number;
    price_minor: number;
    price: string;
    deposit_minor?: number;
    deposit?: string;
    currency: string;
    location: string | null;
  }>;
  count: number;
}

describe('list_session_types', () => {
  it('the published offerings by default, each in its own currency, with a deposit only where one is taken', async () => {
    const { call, sb } = await connectMcp();
    const all = sessionTypesOf(sb.studio);
    const r = await call('list_session_types', {});
    expect(r.isError, textOf(r)).toBeFalsy();
    const s = r.structuredContent as unknown as TypesOut;
    const published = all.filter((x) => x.status === 'published');
    expect(s.session_types.map((x) => x.id)).toEqual(published.map((x) => x.id));
    const wedding = s.session_types.find((x) => x.name === 'Wedding');
    expect(wedding).toMatchObject({
      duration_minutes: 480,
      price_minor: 350_000,
      price: '$3,500.00',
      deposit_minor: 100_000,
      deposit: '$1,000.00',
      currency: 'usd',
    });
    const engagement = s.session_types.find((x) => x.name === 'Engagement session');
    expect(engagement).not.toHaveProperty('deposit_minor');
    expect(s.session_types.find((x) => x.name === 'Headshots')).toMatchObject({
      currency: 'gbp',
      price: '£120.00',
    });
    expect(textOf(r)).toMatch(/Newborn session \| published \| 180 \| \$600\.00 \| \$150\.00/);
    const drafts = (await call('list_session_types', { status: 'draft' }))
      .structuredContent as unknown as TypesOut;
    expect(drafts.session_types.map((x) => x.name)).toEqual(['Family mini']);
    const every = (await call('list_session_types', { status: 'all' }))
      .structuredContent as unknown as TypesOut;
    expect(every.count).toBe(all.length);
  });

  it('a studio without offerings in its API is told "not offered", and a repeat within the cache TTL sends nothing', async () => {
    const off = await connectMcp({ sandbox: { unavailable: ['sessions'] } });
    const r = await off.call('list_session_types', {});
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/does not offer session types at GET \/session_types\//);
    const { call, sb } = await connectMcp();
    await call('list_session_types', {});
    const before = sb.requests.length;
    await call('list_session_types', {});
    expect(sb.requests.length).toBe(before);
  });
});

interface AvailOut {
  session_type: { id: string; name: string; duration_minutes: number };
  date?: string;
  month?: string;
  available: string[];
  timezone: string;
  timezone_from: string;
}

describe('check_availability', () => {
  const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

  it('a booked slot is never offered: the free starts of a day agree with list_sessions', async () => {
    const { call, sb } = await connectMcp();
    const family = sessionTypesOf(sb.studio).find((x) => x.name === 'Family portraits');
    const soon = Date.now() + 3 * 86_400_000;
    const booked = sb.studio.sessions.find((s) => s.status === 'confirmed' && Date.parse(s.start) > soon);
    if (!family || !booked) throw new Error('no offering or booking');
    const day = booked.start.slice(0, 10);
    const r = await call('check_availability', { session_type_id: family.id, date: day, timezone: 'UTC' });
    expect(r.isError, textOf(r)).toBeFalsy();
    const s = r.structuredContent as unknown as AvailOut;
    expect(s).toMatchObject({
      date: day,
      timezone: 'UTC',
      timezone_from: 'given',
      session_type: { id: family.id, duration_minutes: 60 },
    });
    expect(s.available.length).toBeGreaterThan(0);
    // Every session that day, as list_sessions gives it: no offered hour overlaps one.
    const sessions = (await call('list_sessions', { from: day, to: day, per_page: 50 }))
      .structuredContent as {
      sessions: Array<{ start: string; end: string; status: string }>;
    };
    expect(sessions.sessions.length).toBeGreaterThan(0);
    for (const t of s.available) {
      const start = Date.parse(`${day}T${t}:00Z`);
      const end = start + 60 * 60_000;
      for (const x of sessions.sessions.filter((y) => y.status !== 'cancelled'))
        expect(start < Date.parse(x.end) && Date.parse(x.start) < end, `${t} overlaps ${x.start}`).toBe(
          false,
        );
    }
    expect(s.available).not.toContain(hhmm(Date.parse(booked.start)));
    expect(textOf(r)).toMatch(/Family portraits \(60 min\) on \d{4}-\d{2}-\d{2}, UTC: \d+ free starts? — /);
  });

  it('the path is as the docs write it: unpadded month and day, the zone with its slashes; times come in that zone', async () => {
    const { call, sb } = await connectMcp();
    const family = sessionTypesOf(sb.studio).find((x) => x.name === 'Family portraits');
    const y = new Date().getUTCFullYear() + 1;
    const r = await call('check_availability', {
      session_type_id: family?.id,
      date: `${y}-06-09`,
      timezone: 'Europe/London',
    });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(sb.requests.map((q) => q.path)).toContain(
      `/session_types/${family?.id}/check-day-avail/${y}-6-9-Europe/London`,
    );
    // June in London is UTC+1: the studio's 09:00 UTC opening is 10:00 there.
    expect((r.structuredContent as unknown as AvailOut).available[0]).toBe('10:00');
    const m = await call('check_availability', {
      session_type_id: family?.id,
      month: `${y}-03`,
      timezone: 'America/Argentina/Buenos_Aires',
    });
    expect(m.isError, textOf(m)).toBeFalsy();
    expect(sb.requests.map((q) => q.path)).toContain(
      `/session_types/${family?.id}/check-month-avail/${y}-3-America/Argentina/Buenos_Aires`,
    );
    const days = (m.structuredContent as unknown as AvailOut).available;
    // Sundays are closed: every day but those has free time that far ahead.
    expect(days.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() !== 0)).toBe(true);
    expect(days.length).toBeGreaterThan(20);
  });

  it('no zone given: the offering names none, so UTC, and the answer says so', async () => {
    const { call, sb } = await connectMcp();
    const family = sessionTypesOf(sb.studio).find((x) => x.name === 'Family portraits');
    const y = new Date().getUTCFullYear() + 1;
    const r = await call('check_availability', { session_type_id: family?.id, date: `${y}-06-09` });
    expect(r.structuredContent).toMatchObject({ timezone: 'UTC', timezone_from: 'default_utc' });
    expect(textOf(r)).toMatch(/UTC \(no zone given, and the offering names none\)/);
  });

  it('a zone that is not real, a date that is not, or neither/both of date and month: refused, nothing sent', async () => {
    const { call, sb } = await connectMcp();
    const id = sessionTypesOf(sb.studio)[0]?.id;
    for (const args of [
      { session_type_id: id, date: '2030-06-09', timezone: 'Mars/Olympus_Mons' },
      { session_type_id: id, date: '2030-06-09', timezone: 'Europe/../../clients' },
      { session_type_id: id, date: '2030-02-30' },
      { session_type_id: id, month: '2030-13' },
      { session_type_id: id },
      { session_type_id: id, date: '2030-06-09', month: '2030-06' },
      { session_type_id: 'cl_123456789', date: '2030-06-09' },
    ]) {
      const r = await call('check_availability', args);
      expect(r.isError, JSON.stringify(args)).toBe(true);
    }
    expect(sb.requests).toHaveLength(0);
    const bad = await call('check_availability', {
      session_type_id: id,
      date: '2030-06-09',
      timezone: 'Mars/Olympus_Mons',
    });
    expect(textOf(bad)).toMatch(/is not an IANA time zone/);
  });
});

describe('list_coupons and list_gift_cards', () => {
  it('coupons of both kinds in every status, with use; one found by its code in any case', async () => {
    const { call, sb } = await connectMcp();
    const { promotionsOf } = await import('../src/sandbox/promotions.js');
    const coupons = promotionsOf(sb.studio).coupons;
    const all = (await call('list_coupons', {})).structuredContent as {
      coupons: Array<{
        code: string;
        discount: { type: string; value: number; formatted: string };
        status: string;
        times_used: number;
        max_uses: number | null;
      }>;
      count: number;
    };
    expect(all.count).toBe(coupons.length);
    expect(all.coupons.find((c) => c.code === 'SPRING15')).toMatchObject({
      discount: { type: 'percent', value: 15, formatted: '15%' },
      status: 'active',
      times_used: 7,
      max_uses: 50,
    });
    expect(all.coupons.find((c) => c.code === 'WELCOME50')).toMatchObject({
      discount: { type: 'fixed', value: 5_000, formatted: '$50.00' },
      max_uses: null,
    });
    const active = (await call('list_coupons', { status: 'active' })).structuredContent as {
      coupons: Array<{ status: string }>;
    };
    expect(active.coupons.map((c) => c.status)).toEqual(['active', 'active']);
    // The API filters by status.
    expect(sb.requests.some((r) => r.path === '/coupons' && r.query.filter === 'active')).toBe(true);
    const one = await call('list_coupons', { code: 'spring15' });
    expect(
      (one.structuredContent as { coupons: Array<{ code: string }> }).coupons.map((c) => c.code),
    ).toEqual(['SPRING15']);
    expect(textOf(one)).toMatch(/SPRING15 \| 15% \| active \| 7 of 50/);
    const none = await call('list_coupons', { code: 'NOPE' });
    expect(textOf(none)).toMatch(/No coupon has the code NOPE/);
  });

  it('a code found: who used it, newest first, with the discount given in all; a repeat sends nothing', async () => {
    const { call, sb } = await connectMcp();
    const { promotionsOf } = await import('../src/sandbox/promotions.js');
    const { coupons, uses } = promotionsOf(sb.studio);
    const spring = coupons.find((c) => c.code === 'SPRING15');
    const mine = [...(uses.get(spring?.id ?? '') ?? [])].sort((a, b) => b.used_at.localeCompare(a.used_at));
    expect(mine).toHaveLength(7);
    const r = await call('list_coupons', { code: 'spring15' });
    expect(r.isError, textOf(r)).toBeFalsy();
    const s = r.structuredContent as {
      used_by: Array<{ client_name: string; client_id: string; invoice_id: string; discount_minor: number }>;
      uses_read: number;
      discount_given_minor: number;
      discount_given: string;
    };
    expect(s.uses_read).toBe(7);
    expect(s.used_by.map((u) => u.invoice_id)).toEqual(mine.map((u) => u.invoice_id));
    const given = mine.reduce((sum, u) => sum + u.discount_applied, 0);
    expect(s.discount_given_minor).toBe(given);
    // Each discount is 15% of its invoice, as the sandbox applied it.
    for (const [i, u] of mine.entries()) expect(s.used_by[i]?.discount_minor).toBe(u.discount_applied);
    // A use whose client Pixieset does not name is still listed, by the client's id.
    const nameless = mine.find((u) => !u.client);
    expect(s.used_by.find((u) => u.invoice_id === nameless?.invoice_id)?.client_name).toBe(
      `${nameless?.client_id} (name not given)`,
    );
    const named = mine.find((u) => u.client);
    expect(textOf(r)).toContain(
      `${named?.client?.first_name} ${named?.client?.last_name} | ${named?.invoice_id}`,
    );
    expect(textOf(r)).toMatch(/Used 7 times, \$[\d,.]+ off in all; newest first:/);
    expect(sb.requests.some((q) => q.path === `/coupons/${spring?.id}/activity`)).toBe(true);
    const before = sb.requests.length;
    await call('list_coupons', { code: 'SPRING15' });
    expect(sb.requests.length).toBe(before);
    // More uses than one answer lists: the newest 20, the rest counted.
    const summer = await call('list_coupons', { code: 'SUMMER20' });
    const ss = summer.structuredContent as { used_by: unknown[]; uses_read: number };
    expect(ss.used_by).toHaveLength(20);
    expect(ss.uses_read).toBe(41);
    expect(textOf(summer)).toMatch(/21 earlier uses not listed/);
  });

  it('a studio whose API gives no coupon activity: the coupon is answered, and who used it says why it is missing', async () => {
    const { call, sb } = await connectMcp();
    sb.inject({ kind: 'status', status: 404, path: /\/coupons\/[^/]+\/activity$/, times: Infinity });
    const r = await call('list_coupons', { code: 'SPRING15' });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(r.structuredContent).toMatchObject({
      coupons: [{ code: 'SPRING15' }],
      unavailable: [{ section: 'who used it' }],
    });
    expect(textOf(r)).toMatch(
      /SPRING15 \| 15% \| active[\s\S]*Who used it: not available \(.*coupon activity/,
    );
  });

  it('gift cards: balances of what was bought, the outstanding total, and never a whole code anywhere', async () => {
    const { call, sb } = await connectMcp();
    const { promotionsOf } = await import('../src/sandbox/promotions.js');
    const cards = promotionsOf(sb.studio).giftCards;
    const r = await call('list_gift_cards', {});
    expect(r.isError, textOf(r)).toBeFalsy();
    const s = r.structuredContent as {
      gift_cards: Array<{
        id: string;
        code: string;
        balance_minor: number;
        initial_minor: number;
        status: string;
        recipient: { name: string } | null;
      }>;
      outstanding: Array<{ currency: string; balance_minor: number }>;
    };
    expect(s.gift_cards).toHaveLength(cards.length);
    for (const g of s.gift_cards) {
      const real = cards.find((c) => c.id === g.id);
      expect(g.code).toBe(`••••${real?.code.slice(-4)}`);
      expect(g).toMatchObject({
        balance_minor: real?.balance,
        initial_minor: real?.amount,
        status: real?.status,
      });
    }
    expect(s.outstanding).toEqual([
      {
        currency: 'usd',
        balance_minor: cards.filter((c) => c.status === 'active').reduce((n, c) => n + c.balance, 0),
        balance: expect.stringMatching(/^\$/),
      },
    ]);
    expect(s.gift_cards.some((g) => g.balance_minor > 0 && g.balance_minor < g.initial_minor)).toBe(true);
    // Not the whole code, nor the part before the last four, in any result of any status.
    for (const status of ['all', 'active', 'redeemed', 'expired']) {
      const x = JSON.stringify(await call('list_gift_cards', { status }));
      for (const c of cards) {
        expect(x).not.toContain(c.code);
        expect(x).not.toContain(c.code.slice(0, -4));
      }
    }
  });

  it('a studio without them in its API is told "not offered"', async () => {
    const { call, sb } = await connectMcp();
    sb.inject({ kind: 'status', status: 404, path: '/gift_cards', times: 5 });
    const r = await call('list_gift_cards', {});
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/does not offer gift cards at GET \/gift_cards/);
  });
});

describe('list_templates and get_template', () => {
  it('every kind lists, the default marked, with what each kind carries', async () => {
    const { call, sb } = await connectMcp();
    const { templatesOf } = await import('../src/sandbox/templates.js');
    const t = templatesOf(sb.studio);
    const inv = (await call('list_templates', { kind: 'invoice' })).structuredContent as {
      templates: Array<{ id: string; is_default: boolean; payment_terms_days?: number; currency?: string }>;
    };
    expect(inv.templates.map((x) => x.id)).toEqual(t.invoices.map((x) => x.id));
    expect(inv.templates[0]).toMatchObject({ is_default: true, payment_terms_days: 14, currency: 'usd' });
    expect(inv.templates[1]).toMatchObject({ is_default: false, payment_terms_days: 30 });
    for (const kind of ['quote', 'contract', 'questionnaire', 'email']) {
      const r = await call('list_templates', { kind });
      expect(r.isError, `${kind}: ${textOf(r)}`).toBeFalsy();
      expect((r.structuredContent as { count: number }).count).toBeGreaterThan(0);
    }
    const q = await call('list_templates', { kind: 'questionnaire' });
    expect(textOf(q)).toMatch(/Family session questions \| default \| active \| 8 questions/);
  });

  it("a quote template's packages and items; a contract body by its length only; an email body by a short excerpt", async () => {
    const { call, sb } = await connectMcp();
    const { templatesOf } = await import('../src/sandbox/templates.js');
    const t = templatesOf(sb.studio);
    const quote = await call('get_template', { template_id: t.quotes[0]?.id });
    const qs = quote.structuredContent as {
      template: { kind: string };
      items: Array<{ package: string; name: string; price_minor: number; price: string }>;
    };
    expect(qs.template.kind).toBe('quote');
    expect(qs.items).toContainEqual({
      package: 'Signature',
      name: 'Album',
      price_minor: 65_000,
      price: '$650.00',
      quantity: 1,
    });
    expect(qs.items).toHaveLength(4);
    const contract = await call('get_template', { template_id: t.contracts[0]?.id });
    const body = String(t.contracts[0]?.content);
    expect((contract.structuredContent as { template: { body_chars: number } }).template.body_chars).toBe(
      body.length,
    );
    expect(JSON.stringify(contract)).not.toContain('Terms of the agreement');
    const email = await call('get_template', { template_id: t.emails[0]?.id });
    expect(email.structuredContent).toMatchObject({
      template: {
        subject: 'Your {{session_type}} session is tomorrow!',
        body_excerpt: 'Hi {{client_name}},\n\nSee you tomorrow at {{session_time}}.',
      },
    });
  });

  it('an id of no template kind, or of the wrong form, sends nothing; an unknown one names list_templates', async () => {
    const { call, sb } = await connectMcp();
    for (const id of ['cl_123456789', 'itp_', 'qp_has space']) {
      const r = await call('get_template', { template_id: id });
      expect(r.isError, id).toBe(true);
    }
    expect(sb.requests).toHaveLength(0);
    const missing = await call('get_template', { template_id: `itp_${'Z'.repeat(30)}` });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/list_templates/);
  });
});

interface InvoiceOut {
  outcome: string;
  total_minor: number;
  lines_from: Array<{ line: string; from: string }>;
  due_date_from: string;
  preview?: {
    line_items: Array<{ name: string; unit_price_minor: number; quantity: number }>;
    due_date: string;
  };
  warnings?: string[];
  invoice?: { id: string };
}

// A date `days` from today on this machine's calendar, as the server counts its defaults.
const inDays = (days: number) => {
  const n = new Date();
  const d = new Date(n.getFullYear(), n.getMonth(), n.getDate() + days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

describe('create_invoice from the catalog', () => {
  const offering = (sb: { studio: Parameters<typeof sessionTypesOf>[0] }, name: string) => {
    const o = sessionTypesOf(sb.studio).find((x) => x.name === name);
    if (!o) throw new Error(`no ${name} in the sandbox`);
    return o;
  };
  const posts = (sb: { requests: Array<{ method: string }> }) =>
    sb.requests.filter((r) => r.method !== 'GET').length;

  it("an offering's full price, then its deposit, as the first line; the body Pixieset gets and where each line came from", async () => {
    const { call, sb } = await connectMcp();
    const wedding = offering(sb, 'Wedding');
    const client = sb.clients[0]?.id;
    const full = await call('create_invoice', {
      client_id: client,
      from_session_type_id: wedding.id,
      line_items: [{ name: 'Album', unit_price: 650 }],
    });
    expect(full.isError, textOf(full)).toBeFalsy();
    const f = full.structuredContent as unknown as InvoiceOut;
    expect(f.outcome).toBe('created');
    expect(f.total_minor).toBe(350_000 + 65_000);
    expect(f.lines_from).toEqual([
      { line: 'Wedding', from: `session type ${wedding.id} (Wedding): price` },
      { line: 'Album', from: 'given' },
    ]);
    expect(f.due_date_from).toBe('default: 30 days');
    const post = sb.requests.find((r) => r.method === 'POST');
    expect(post?.body).toMatchObject({
      client_id: client,
      due_date: inDays(30),
      line_items: [
        { name: 'Wedding', amount: 350_000, quantity: 1 },
        { name: 'Album', amount: 65_000, quantity: 1 },
      ],
    });
    expect(textOf(full)).toContain(`"Wedding" from session type ${wedding.id} (Wedding): price.`);

    const deposit = await call('create_invoice', {
      client_id: client,
      from_session_type_id: wedding.id,
      deposit_only: true,
      dry_run: true,
    });
    const d = deposit.structuredContent as unknown as InvoiceOut;
    expect(d.preview?.line_items).toMatchObject([{ name: 'Wedding — deposit', unit_price_minor: 100_000 }]);
    expect(d.lines_from[0]?.from).toBe(`session type ${wedding.id} (Wedding): deposit`);
    expect(textOf(deposit)).toMatch(/Wedding — deposit \| 1 \| \$1,000\.00/);
  });

  it('a percent retainer is rounded half up to the cent, as the table says', async () => {
    const { call, sb } = await connectMcp();
    // Family mini costs $150.01: every share below lands on or beside a half cent.
    const mini = offering(sb, 'Family mini');
    expect(mini.payment_amount_full).toBe(15_001);
    const table: Array<[number, number]> = [
      [1, 150], // 150.01
      [10, 1_500], // 1,500.1
      [12.5, 1_875], // 1,875.125
      [15, 2_250], // 2,250.15
      [30, 4_500], // 4,500.3
      [33.33, 5_000], // 4,999.8333
      [50, 7_501], // 7,500.5: the half goes up
      [99.99, 14_999], // 14,999.4999
      [100, 15_001],
    ];
    for (const [percent, want] of table) {
      const r = await call('create_invoice', {
        client_id: sb.clients[0]?.id,
        from_session_type_id: mini.id,
        percent,
        dry_run: true,
      });
      const s = r.structuredContent as unknown as InvoiceOut;
      expect(s.preview?.line_items[0]?.unit_price_minor, `${percent}%`).toBe(want);
      expect(s.preview?.line_items[0]?.name).toBe(`Family mini — ${percent}% retainer`);
      expect(s.lines_from[0]?.from).toBe(
        `session type ${mini.id} (Family mini): ${percent}% of its $150.01 price, rounded half up`,
      );
      // A draft offering is pointed out before anyone says yes.
      expect(s.warnings).toContain('Family mini is a draft offering, not on sale.');
    }
    const wedding = offering(sb, 'Wedding');
    const retainer = await call('create_invoice', {
      client_id: sb.clients[0]?.id,
      from_session_type_id: wedding.id,
      percent: 30,
      dry_run: true,
    });
    expect((retainer.structuredContent as unknown as InvoiceOut).total_minor).toBe(105_000);
    expect(posts(sb)).toBe(0);
  });

  it('what cannot be built is refused with the reason, and nothing is written', async () => {
    const { call, sb } = await connectMcp();
    const client = sb.clients[0]?.id;
    const headshots = offering(sb, 'Headshots');
    const engagement = offering(sb, 'Engagement session');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ from_session_type_id: headshots.id }, /Headshots is sold in GBP, and this studio invoices in USD/],
      [{ from_session_type_id: engagement.id, deposit_only: true }, /Engagement session takes no deposit/],
      [{}, /An invoice needs at least one line/],
      [{ line_items: [{ name: 'x', unit_price: 1 }], deposit_only: true }, /no from_session_type_id/],
      [{ from_session_type_id: engagement.id, deposit_only: true, percent: 30 }, /not both/],
      [{ from_session_type_id: engagement.id, percent: 30.005 }, /two decimal places/],
      [{ from_session_type_id: engagement.id, percent: 0.5 }, /percent/],
      [{ from_session_type_id: engagement.id, percent: 101 }, /percent/],
      [
        { line_items: [{ name: 'x', unit_price: 1 }], template_id: 'qp_abc123def456' },
        /not an invoice template/,
      ],
    ];
    for (const [args, why] of cases) {
      const r = await call('create_invoice', { client_id: client, ...args });
      expect(r.isError, JSON.stringify(args)).toBe(true);
      expect(textOf(r)).toMatch(why);
    }
    expect(posts(sb)).toBe(0);
    // Only the offerings were read: no refusal above needed anything else, and the shapes refused sent nothing.
    expect(new Set(sb.requests.map((r) => r.path))).toEqual(
      new Set([`/session_types/${headshots.id}`, `/session_types/${engagement.id}`]),
    );
    const off = await connectMcp({ sandbox: { unavailable: ['sessions'] } });
    const r = await off.call('create_invoice', {
      client_id: off.sb.clients[0]?.id,
      from_session_type_id: offering(off.sb, 'Wedding').id,
    });
    // Its detail answers 404 there, as an unknown id does: the next step is the list, which says "not offered".
    expect(r.isError).toBe(true);
    expect(textOf(r)).toMatch(/was not found\.\nWhat to do: .*list_session_types/);
    expect(posts(off.sb)).toBe(0);
  });

  it("an invoice template's payment terms set the due date, unless one is given; one without terms says so", async () => {
    const { call, sb } = await connectMcp();
    const { templatesOf } = await import('../src/sandbox/templates.js');
    const t = templatesOf(sb.studio).invoices;
    const [standard, , prints] = t;
    expect(standard?.payment_terms_days).toBe(14);
    const base = { client_id: sb.clients[0]?.id, line_items: [{ name: 'Prints', unit_price: 40 }] };
    const r = await call('create_invoice', { ...base, template_id: standard?.id });
    const s = r.structuredContent as unknown as InvoiceOut;
    expect(s.outcome).toBe('created');
    expect(sb.requests.find((x) => x.method === 'POST')?.body).toMatchObject({ due_date: inDays(14) });
    expect(s.due_date_from).toBe(`template ${standard?.id} (Standard invoice): due 14 days after issue`);
    expect(textOf(r)).toContain(`Due date from template ${standard?.id}`);
    const given = await call('create_invoice', {
      ...base,
      template_id: standard?.id,
      due_date: '2030-01-31',
      dry_run: true,
    });
    expect(given.structuredContent).toMatchObject({
      due_date_from: 'given',
      preview: { due_date: '2030-01-31' },
    });
    const none = await call('create_invoice', { ...base, template_id: prints?.id, dry_run: true });
    expect(none.structuredContent).toMatchObject({
      due_date_from: `default: 30 days (template ${prints?.id} gives no payment terms)`,
      preview: { due_date: inDays(30) },
    });
    expect(sb.requests.filter((x) => x.method === 'POST')).toHaveLength(1);
    // A template billed in another currency is refused, even with a due date given (a new server: the first
    // one holds the template as it was read, for the cache TTL).
    const other = await connectMcp();
    const euroTemplate = templatesOf(other.sb.studio).invoices[0];
    if (euroTemplate) euroTemplate.currency = 'EUR';
    const euro = await other.call('create_invoice', {
      ...base,
      client_id: other.sb.clients[0]?.id,
      template_id: euroTemplate?.id,
      due_date: '2030-01-31',
    });
    expect(euro.isError).toBe(true);
    expect(textOf(euro)).toMatch(/is in EUR, and this studio invoices in USD/);
    expect(other.sb.requests.filter((x) => x.method === 'POST')).toHaveLength(0);
  });
});
