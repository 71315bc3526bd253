import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { connectMcp, textOf } from '../helpers.js';

// Property-based: arguments a confused model (or a hostile prompt) might send. Every one must be an isError
// result — no crash, no request for an invalid id, no POST for an invalid create, no request outside the API.
const RUNS = 60;
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const body = (n: number) => fc.string({ unit: fc.constantFrom(...ALNUM), minLength: n, maxLength: n });

// Ids that must never reach Pixieset: paths, encodings, look-alikes, wrong lengths, huge strings.
const badId = (prefix: string) =>
  fc.oneof(
    body(30).map((b) => `${prefix}_${b.slice(0, 27)}/..`),
    body(30).map((b) => `${prefix}_${b.slice(0, 26)}%2e%2e`),
    body(30).map((b) => `${prefix}_${b}/../../admin`),
    body(30).map((b) => `${prefix}_${b}?page=2`),
    body(30).map((b) => `${prefix}_${b}#x`),
    // Inside the id (surrounding whitespace is trimmed on purpose: only the clean id is ever sent).
    body(30).map((b) => `${prefix}_${b.slice(0, 15)}\n${b.slice(15)}`),
    body(30).map((b) => `${prefix.replace('c', 'с').replace('i', 'і')}_${b}`), // Cyrillic look-alikes
    body(30).map((b) => `${prefix}_${b.slice(0, 29)}é`),
    body(30).map((b) => `${prefix}_${b.slice(0, 20)}０１２３４５６７８９`), // full-width digits
    fc.integer({ min: 0, max: 29 }).chain((n) => body(n).map((b) => `${prefix}_${b}`)),
    fc.integer({ min: 31, max: 60 }).chain((n) => body(n).map((b) => `${prefix}_${b}`)),
    body(30).map((b) => `xx_${b}`),
    fc.string({ minLength: 201, maxLength: 3000 }),
    fc.constantFrom('', ' ', '..', '/', '%2e', 'null', 'undefined', `${prefix}_`),
  );

// Values that are neither text nor a number (a number is taken as its digits where text is expected).
const notTextOrNumber = fc.oneof(
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string()),
  fc.dictionary(fc.string(), fc.string()),
);

// Values of the wrong JSON type for a string field.
const notAString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string()),
  fc.dictionary(fc.string(), fc.string()),
);
// Numbers no page, per_page or limit accepts.
const badCount = (max: number) =>
  fc.oneof(
    fc.integer({ max: 0 }),
    fc.integer({ min: max + 1 }),
    fc.double({ noInteger: true, noNaN: true }),
    fc.constantFrom('ten', '1e2', '', '5 rows', null, true, [], {}),
  );
const badPrice = fc.oneof(
  fc.double({ max: -0.01, noNaN: true }),
  fc.integer({ min: 1, max: 10_000 }).map((n) => `${n}.${'5'.repeat(3)}`),
  fc.constantFrom(
    '$2,500',
    '2,500.00',
    '1e3',
    '-5',
    '',
    ' ',
    'free',
    '2500 USD',
    '0x10',
    '１２',
    'Infinity',
    null,
    true,
    [],
    {},
  ),
);
const badDate = fc.constantFrom(
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '26-1-1',
  '2026-1-1',
  'tomorrow',
  '2026-12-31T00:00:00Z',
  '31/12/2026',
  '',
  20261231,
);
const hugeText = fc.string({ minLength: 1000, maxLength: 20_000 });

describe('bad input never crashes, never reaches Pixieset, and is always explained', () => {
  it('every generated invalid call is an isError result with no request for it', async () => {
    const { call, sb } = await connectMcp();
    const good = sb.clients[0]?.id as string;
    const cases = fc.oneof(
      badId('cl').map((id) => ['get_client', { client_id: id }] as const),
      badId('in').map((id) => ['get_invoice', { invoice_id: id }] as const),
      badId('cl').map((id) => ['get_client_invoices', { client_id: id }] as const),
      badId('cl').map((id) => ['list_invoices', { client_id: id }] as const),
      badId('cl').map((id) => ['summarize_invoices', { client_id: id }] as const),
      notAString.map((v) => ['get_client', { client_id: v }] as const),
      badCount(10_000).map((v) => ['list_clients', { page: v }] as const),
      badCount(100).map((v) => ['list_invoices', { per_page: v }] as const),
      fc
        .string()
        .filter((s) => !['client', 'lead', 'all'].includes(s))
        .map((v) => ['list_clients', { type: v }] as const),
      fc
        .string()
        .filter((s) => !['all', 'paid', 'unpaid', 'overdue'].includes(s))
        .map((v) => ['summarize_invoices', { status: v }] as const),
      fc
        .oneof(hugeText, fc.constantFrom('', '   '), notTextOrNumber)
        .map((q) => ['search_clients', { query: q }] as const),
      badCount(50).map((v) => ['search_clients', { query: 'jo', limit: v }] as const),
      fc.oneof(hugeText, notAString).map((v) => ['validate_id', { id: v }] as const),
    );
    let tried = 0;
    await fc.assert(
      fc.asyncProperty(cases, async ([tool, args]) => {
        tried++;
        sb.resetStats();
        const r = await call(tool, args as Record<string, unknown>);
        expect(r.isError, `${tool} ${JSON.stringify(args).slice(0, 200)} → ${textOf(r).slice(0, 200)}`).toBe(
          true,
        );
        expect(textOf(r).length).toBeGreaterThan(10);
        expect(sb.requests, `${tool} sent a request for ${JSON.stringify(args).slice(0, 100)}`).toHaveLength(
          0,
        );
      }),
      { numRuns: RUNS * 13, seed: 20261125 },
    );
    expect(tried).toBeGreaterThanOrEqual(RUNS * 13);
    // Still up and answering.
    expect((await call('get_client', { client_id: good })).isError).toBeFalsy();
  });

  it('no invalid create ever sends a POST', async () => {
    const { call, sb } = await connectMcp();
    const good = sb.clients[0]?.id as string;
    const line = { name: 'Session', unit_price: '100' };
    const cases = fc.oneof(
      badId('cl').map((id) => ({ client_id: id, line_items: [line] })),
      badPrice.map((p) => ({ client_id: good, line_items: [{ name: 'x', unit_price: p }] })),
      badDate.map((d) => ({ client_id: good, line_items: [line], due_date: d })),
      badCount(10_000).map((q) => ({ client_id: good, line_items: [{ ...line, quantity: q }] })),
      fc
        .constantFrom([], null, 'not json', '[{"name": }]', '{}', [{}], [{ name: '', unit_price: 1 }])
        .map((l) => ({ client_id: good, line_items: l })),
      fc
        .array(fc.constant(line), { minLength: 51, maxLength: 80 })
        .map((l) => ({ client_id: good, line_items: l })),
      hugeText.map((n) => ({ client_id: good, line_items: [{ name: n, unit_price: 1 }] })),
      fc
        .constantFrom('yes', 1, 'TRUE', null)
        .map((b) => ({ client_id: good, line_items: [line], send_email: b })),
    );
    const clientCases = fc.oneof(
      fc
        .constantFrom('not-an-email', 'a@b', '@example.com', 'jane@', 'jane doe@example.com', '')
        .map((email) => ({ first_name: 'A', last_name: 'B', email })),
      fc
        .oneof(hugeText, fc.constantFrom('', '  '))
        .map((first_name) => ({ first_name, last_name: 'B', email: 'ab@example.net' })),
      notAString.map((last_name) => ({ first_name: 'A', last_name, email: 'ab@example.net' })),
      hugeText.map((phone) => ({ first_name: 'A', last_name: 'B', email: 'ab@example.net', phone })),
    );
    await fc.assert(
      fc.asyncProperty(cases, async (args) => {
        const r = await call('create_invoice', args);
        expect(r.isError, `${JSON.stringify(args).slice(0, 200)} → ${textOf(r).slice(0, 200)}`).toBe(true);
        expect(sb.count('POST')).toBe(0);
      }),
      { numRuns: RUNS * 4, seed: 7 },
    );
    await fc.assert(
      fc.asyncProperty(clientCases, async (args) => {
        const r = await call('create_client', args);
        expect(r.isError, `${JSON.stringify(args).slice(0, 200)} → ${textOf(r).slice(0, 200)}`).toBe(true);
        expect(sb.count('POST')).toBe(0);
      }),
      { numRuns: RUNS * 2, seed: 8 },
    );
    // Every request made (client look-ups for otherwise valid calls) stayed on the API's own paths.
    const allowed = /^\/(clients\/(search|cl_[A-Za-z0-9]{30})?|invoices\/(in_[A-Za-z0-9]{30})?)$/;
    for (const r of sb.requests) expect(r.path).toMatch(allowed);
  });

  it('line_items sent as JSON text is parsed, as advertised; scalars of another type are refused (issue 24)', async () => {
    const { call, sb } = await connectMcp();
    const page = await call('list_clients', { page: 2, per_page: 10 });
    expect(page.structuredContent).toMatchObject({ page: 2, per_page: 10 });
    const preview = await call('create_invoice', {
      client_id: sb.clients[0]?.id,
      line_items: '[{"name":"Prints","unit_price":"12.50","quantity":4}]',
      send_email: false,
      dry_run: true,
    });
    expect(preview.structuredContent).toMatchObject({
      dry_run: true,
      total_minor: 5000,
      preview: { send_email: false },
    });
    expect(sb.count('POST')).toBe(0);
    // Advertised as an integer, a boolean: a string is refused, as anything else of another type is.
    expect((await call('list_clients', { page: '2', per_page: '10' })).isError).toBe(true);
    expect((await call('list_clients', { page: '2 please' })).isError).toBe(true);
    for (const dry of ['yes', 'true'])
      expect(
        (
          await call('create_invoice', {
            client_id: sb.clients[0]?.id,
            line_items: [{ name: 'x', unit_price: 1 }],
            dry_run: dry,
          })
        ).isError,
      ).toBe(true);
    // JSON text that is not the list: refused, with what was wrong.
    const bad = await call('create_invoice', {
      client_id: sb.clients[0]?.id,
      line_items: '[{"name":',
      dry_run: true,
    });
    expect(bad.isError).toBe(true);
    expect(textOf(bad)).toMatch(/line_items/);
    expect(sb.count('POST')).toBe(0);
  });
});
