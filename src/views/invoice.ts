import { type Bridge, connect, type ToolResult } from './bridge.js';
import { el, show, table } from './kit.js';

// create_invoice's dry run as a view: the invoice as the client would see it, with Create (and, for a preview
// made to be emailed, Create and email) calling create_invoice through the host with the preview's own details
// and token. The server's rules hold whatever a button sends: a token only allows the very invoice it was given
// for, and an identical create within 10 minutes returns the first.

type Line = { name: string; quantity: number; unit_price: string; total: string };
type Preview = {
  client_name: string;
  client_email: string | null;
  currency: string;
  line_items: Line[];
  total: string;
  due_date: string;
  send_email: boolean;
};

let input: Record<string, unknown> = {};
window.addEventListener('message', (e: MessageEvent) => {
  const m = e.data as { method?: string; params?: { arguments?: Record<string, unknown> } };
  if (e.source === window.parent && m?.method === 'ui/notifications/tool-input')
    input = m.params?.arguments ?? {};
});

function render(r: ToolResult, bridge: Bridge): void {
  const s = (r.structuredContent ?? {}) as {
    outcome?: string;
    preview?: Preview;
    warnings?: string[];
    confirmation_token?: string;
  };
  const p = s.preview;
  if (s.outcome !== 'dry_run' || !p) {
    show(el('p', {}, (r.content ?? []).map((c) => c.text ?? '').join('\n')));
    return;
  }
  const status = el('p', { 'aria-live': 'polite', class: 'status' });
  const button = (label: string, email: boolean) => {
    const b = el('button', { type: 'button' }, label) as HTMLButtonElement;
    b.addEventListener('click', () => {
      for (const x of document.querySelectorAll('button')) (x as HTMLButtonElement).disabled = true;
      status.textContent = 'Creating…';
      const args: Record<string, unknown> = { ...input, dry_run: false, send_email: email };
      if (email && s.confirmation_token) args.confirmation_token = s.confirmation_token;
      else delete args.confirmation_token;
      bridge
        .callTool('create_invoice', args)
        .then((o) => {
          status.textContent = (o.content ?? []).map((c) => c.text ?? '').join('\n');
          const done = (o.structuredContent as { outcome?: string } | undefined)?.outcome;
          if (o.isError || !done || !/^created|^sent|dedup/.test(done))
            for (const x of document.querySelectorAll('button')) (x as HTMLButtonElement).disabled = false;
        })
        .catch((e: Error) => {
          status.textContent = e.message;
          for (const x of document.querySelectorAll('button')) (x as HTMLButtonElement).disabled = false;
        });
    });
    return b;
  };
  show(
    el('h1', {}, 'Invoice preview'),
    el('p', {}, 'To ', el('strong', {}, p.client_name), p.client_email ? ` <${p.client_email}>` : ''),
    table(
      'Lines',
      ['item', 'qty', 'unit', 'total'],
      p.line_items.map((l) => [l.name, l.quantity, l.unit_price, l.total]),
    ),
    el(
      'p',
      {},
      'Total ',
      el('span', { class: 'total', 'data-total': '' }, p.total),
      ` (${p.currency.toUpperCase()}), due ${p.due_date}`,
    ),
    el('p', {}, `Will be emailed: ${p.send_email ? 'yes' : 'no'}`),
    ...(s.warnings ?? []).map((w) => el('p', { class: 'warn' }, w)),
    el('div', {}, button('Create', false), p.send_email ? button('Create and email', true) : null),
    status,
  );
}

connect('pixieset-invoice', { result: render });
