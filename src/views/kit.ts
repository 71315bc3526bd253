// What every view shares: elements built with text only (never HTML from data), a table (the text alternative of
// every chart), horizontal bars drawn as SVG, and the theme the host asks for.

type Child = Node | string | null | undefined | false;

export function el(tag: string, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) if (c) e.append(c);
  return e;
}

export function table(
  caption: string,
  head: string[],
  rows: Array<Array<string | number | null>>,
): HTMLElement {
  return el(
    'table',
    {},
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))),
    el(
      'tbody',
      {},
      ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c === null ? '—' : String(c))))),
    ),
  );
}

const SVG = 'http://www.w3.org/2000/svg';

// Bars of non-negative values, each labelled with the server's formatted figure; hidden from screen readers,
// which read the table beside it.
// `mark`, when given, is a second figure drawn as a line across the rows (the net beside what was received).
export function bars(
  items: Array<{ label: string; value: number; shown: string; mark?: number }>,
): SVGElement {
  const max = Math.max(1, ...items.map((i) => Math.max(i.value, i.mark ?? 0)));
  const rowH = 26;
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', `0 0 600 ${items.length * rowH}`);
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('class', 'bars');
  items.forEach((it, n) => {
    const y = n * rowH;
    const label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', '0');
    label.setAttribute('y', String(y + 17));
    label.textContent = it.label;
    const bar = document.createElementNS(SVG, 'rect');
    bar.setAttribute('x', '150');
    bar.setAttribute('y', String(y + 5));
    bar.setAttribute('height', '16');
    bar.setAttribute('width', String(Math.max(it.value > 0 ? 2 : 0, (it.value / max) * 330)));
    bar.setAttribute('class', 'bar');
    const value = document.createElementNS(SVG, 'text');
    value.setAttribute('x', '590');
    value.setAttribute('y', String(y + 17));
    value.setAttribute('text-anchor', 'end');
    value.textContent = it.shown;
    svg.append(label, bar, value);
  });
  const marks = items.map((it, n) =>
    it.mark === undefined ? undefined : [150 + (Math.max(0, it.mark) / max) * 330, n * rowH + 13],
  );
  if (marks.every(Boolean) && marks.length) {
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', marks.map((m) => (m as number[]).join(',')).join(' '));
    line.setAttribute('class', 'mark');
    svg.append(line);
  }
  return svg;
}

export function show(...children: Child[]): void {
  document.body.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}

export const CSS = `
:root{color-scheme:light dark;--fg:#1d1d1f;--bg:#fff;--muted:#6b6b70;--bar:#3b6fd8;--line:#e0e0e4;--warn:#b3261e}
[data-theme=dark]{--fg:#ececf0;--bg:#1c1c1e;--muted:#a0a0a8;--bar:#7aa2f7;--line:#3a3a3e;--warn:#f2b8b5}
body{margin:0;padding:12px;font:14px/1.4 system-ui,sans-serif;color:var(--fg);background:var(--bg)}
h1{font-size:16px;margin:0 0 8px}h2{font-size:14px;margin:12px 0 4px}
table{border-collapse:collapse;width:100%;margin:6px 0}caption{text-align:left;color:var(--muted);padding:2px 0}
th,td{text-align:left;padding:3px 6px;border-bottom:1px solid var(--line)}td:last-child,th:last-child{text-align:right}
.bars{width:100%;max-width:600px}.bars text{fill:var(--fg);font-size:13px}.bar{fill:var(--bar)}
.mark{fill:none;stroke:var(--warn);stroke-width:2}.legend-net{color:var(--warn)}
button{font:inherit;padding:6px 12px;margin:8px 8px 0 0;border-radius:6px;border:1px solid var(--line);background:var(--bg);color:var(--fg);cursor:pointer}
button:focus-visible{outline:2px solid var(--bar);outline-offset:2px}button[disabled]{opacity:.5;cursor:default}
.total{font-size:18px;font-weight:600}.muted{color:var(--muted)}.warn{color:var(--warn)}
.tabs button[aria-selected=true]{border-color:var(--bar)}
`;

document.head.append(el('style', {}, CSS));
