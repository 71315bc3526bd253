import { connect, type ToolResult } from './bridge.js';
import { bars, el, show, table } from './kit.js';

// revenue_report as a view: per currency, received per group (month, method or client) as bars, with net after
// fees and refunds beside each; the table holds every figure.

type Group = {
  label: string;
  received_minor: number;
  net_minor: number;
  received: string;
  net: string;
  count: number;
};
type Currency = {
  currency: string;
  received: string;
  refunded: string;
  fees: string;
  net: string;
  invoiced: string;
  groups: Group[];
  groups_left_out: number;
};

function render(r: ToolResult): void {
  const s = (r.structuredContent ?? {}) as {
    from?: string;
    to?: string;
    group_by?: string;
    currencies?: Currency[];
  };
  const by = s.group_by ?? 'month';
  show(
    el('h1', {}, `Money received ${s.from ?? ''} to ${s.to ?? ''}`),
    el(
      'div',
      { class: 'tabs', role: 'tablist' },
      el('button', { type: 'button', role: 'tab', 'aria-selected': 'true' }, `by ${by}`),
    ),
    ...(s.currencies ?? []).map((c) =>
      el(
        'section',
        { class: 'currency', 'data-currency': c.currency },
        el('h2', {}, `${c.currency.toUpperCase()}: `, el('span', { class: 'total' }, c.net), ' net'),
        el(
          'p',
          { class: 'muted' },
          `received ${c.received}, refunded ${c.refunded}, fees ${c.fees}; invoiced ${c.invoiced}`,
        ),
        el(
          'p',
          { class: 'muted' },
          'Bars: received. ',
          el('span', { class: 'legend-net' }, 'Line: net'),
          ' after fees and refunds.',
        ),
        bars(
          c.groups.map((g) => ({
            label: g.label,
            value: g.received_minor,
            shown: g.received,
            mark: g.net_minor,
          })),
        ),
        table(
          `Received and net by ${by}`,
          [by, 'payments', 'received', 'net'],
          c.groups.map((g) => [g.label, g.count, g.received, g.net]),
        ),
        c.groups_left_out ? el('p', { class: 'muted' }, `${c.groups_left_out} more not shown.`) : null,
      ),
    ),
  );
}

connect('pixieset-revenue', { result: render });
