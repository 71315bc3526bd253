import { type Bridge, connect, type ToolResult } from './bridge.js';
import { bars, el, show, table } from './kit.js';

// get_receivables as a view: per currency, the aging buckets as bars with the totals; below, who owes most, each
// a button that asks the host to run get_client_overview for them.

type Row = Record<string, string | number | null>;
const BUCKETS: Array<[string, string]> = [
  ['current', 'not yet due'],
  ['days_1_30', '1–30 days'],
  ['days_31_60', '31–60 days'],
  ['days_61_90', '61–90 days'],
  ['days_over_90', '90+ days'],
];

function render(r: ToolResult, bridge: Bridge): void {
  const s = (r.structuredContent ?? {}) as { as_of?: string; totals?: Row[]; clients?: Row[] };
  const totals = s.totals ?? [];
  const clients = (s.clients ?? []).slice(0, 10);
  const detail = el('section', { 'aria-live': 'polite' });
  const parts = totals.map((t) =>
    el(
      'section',
      { class: 'currency', 'data-currency': String(t.currency) },
      el(
        'h2',
        {},
        `${String(t.currency).toUpperCase()}: `,
        el('span', { class: 'total' }, String(t.outstanding)),
        ' owed',
      ),
      el('p', { class: 'muted' }, `${t.overdue} overdue, ${t.invoice_count} invoices`),
      bars(
        BUCKETS.map(([k, label]) => ({ label, value: Number(t[`${k}_minor`] ?? 0), shown: String(t[k]) })),
      ),
      table(
        'Owed by how late',
        ['', 'owed'],
        BUCKETS.map(([k, label]) => [label, String(t[k])]),
      ),
    ),
  );
  const who = clients.map((c) => {
    const b = el('button', { type: 'button' }, String(c.name));
    b.addEventListener('click', () => {
      detail.replaceChildren(el('p', { class: 'muted' }, `Asking for ${c.name}…`));
      bridge
        .callTool('get_client_overview', { client_id: c.client_id })
        .then((o) =>
          detail.replaceChildren(el('pre', {}, (o.content ?? []).map((x) => x.text ?? '').join('\n'))),
        )
        .catch((e: Error) => detail.replaceChildren(el('p', { class: 'warn' }, e.message)));
    });
    return el(
      'tr',
      {},
      el('td', {}, c.client_id ? b : String(c.name)),
      el('td', {}, String(c.overdue)),
      el('td', {}, c.oldest_due_date === null ? '—' : String(c.oldest_due_date)),
      el('td', {}, String(c.outstanding)),
    );
  });
  show(
    el('h1', {}, `Who owes you, as of ${s.as_of ?? 'today'}`),
    ...(parts.length ? parts : [el('p', {}, 'Nothing is owed.')]),
    clients.length
      ? el(
          'table',
          { class: 'clients' },
          el('caption', {}, 'Who owes most (select a name for their overview)'),
          el(
            'thead',
            {},
            el(
              'tr',
              {},
              ...['client', 'overdue', 'oldest due', 'owed'].map((h) => el('th', { scope: 'col' }, h)),
            ),
          ),
          el('tbody', {}, ...who),
        )
      : null,
    detail,
  );
}

connect('pixieset-receivables', { result: render });
