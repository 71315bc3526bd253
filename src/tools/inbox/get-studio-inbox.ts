import { z } from 'zod';
import { formatMoney } from '../../pixieset/money.js';
import { byText } from '../../pixieset/order.js';
import type { ConversationsApi } from '../../pixieset/resources/conversations.js';
import { daysFromToday } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { int } from '../outputs/common.js';
import { toQuestionnaireOut } from '../outputs/records.js';
import { plural } from '../render.js';
import { part, type Unavailable } from '../sections.js';
import { clientNameOf } from './thread.js';

// The unread conversations are looked for among this many of the most recently active (the API has no unread
// filter); the unread count itself is Pixieset's own, for the whole inbox.
const RECENT_PAGES = 3;
const PAGE = 50;
const SHOWN = 10;

const unreadRow = z.object({
  conversation_id: z.string(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  subject: z.string().nullable(),
  unread_count: int(),
  last_message_at: z.string().nullable(),
});

const inboxOut = z.object({
  unread: z
    .object({
      messages: int().nullable(),
      conversations: int().nullable(),
      // From the most recently active conversations (newest first), at most 10.
      from: z.array(unreadRow),
      looked_at: int(),
    })
    .nullable(),
  session_inquiries: int().nullable(),
  disputed_payments: z
    .object({ count: int(), total_minor: int().nullable(), total: z.string().nullable() })
    .nullable(),
  questionnaires_completed: z
    .object({
      since: z.string(),
      count: int(),
      recent: z.array(
        z.object({
          id: z.string(),
          name: z.string().nullable(),
          client_id: z.string().nullable(),
          client_name: z.string().nullable(),
          completed_date: z.string().nullable(),
        }),
      ),
    })
    .nullable(),
  unavailable: z.array(z.object({ section: z.string(), reason: z.string() })),
});
type Inbox = z.output<typeof inboxOut>;

export const getStudioInbox = defineTool({
  name: 'get_studio_inbox',
  toolset: 'inbox',
  endpoints: [
    'GET /conversations/unread/count',
    'GET /conversations/',
    'GET /sessions/inquiry/count',
    'GET /invoices/payments/disputed,needs-response/count',
    'GET /questionnaires/',
  ],
  title: "The studio's morning view",
  description:
    'What needs the photographer today: unread client messages (how many, from whom), new session inquiries, disputed payments to answer, questionnaires completed in the last 7 days. Parts Pixieset cannot give are listed in unavailable.',
  inputSchema: z.object({}),
  outputSchema: inboxOut,
  annotations: READ,
  async handler(_args, { pixieset, signal, config }) {
    const unavailable: Unavailable = [];
    const failures: unknown[] = [];
    const read = <T>(name: string, fn: () => Promise<T>) =>
      part(
        name,
        () =>
          fn().catch((e: unknown) => {
            failures.push(e);
            throw e;
          }),
        unavailable,
      );
    const since = daysFromToday(-7);
    const [unread, inquiries, disputes, questionnaires] = await Promise.all([
      read('unread messages', async () => {
        const [counts, rows] = await Promise.all([
          pixieset.conversations.unreadCount({ signal }),
          recentUnread(pixieset.conversations, signal),
        ]);
        return { messages: counts.messages ?? null, conversations: counts.conversations ?? null, ...rows };
      }),
      read('session inquiries', () => pixieset.records.inquiryCount({ signal })),
      read('disputed payments', () => pixieset.payments.needsResponse({ signal })),
      read('questionnaires completed', async () => {
        const all = await pixieset.records.questionnaires({ signal });
        const done = all.items
          .map(toQuestionnaireOut)
          .filter((q) => q.status === 'completed' && (q.completed_date ?? '') >= since)
          .sort((a, b) => byText(b.completed_date ?? '', a.completed_date ?? ''));
        const recent = done.slice(0, SHOWN).map(({ id, name, client_id, client_name, completed_date }) => ({
          id,
          name,
          client_id,
          client_name,
          completed_date,
        }));
        return { since, count: done.length, recent };
      }),
    ]);
    // Nothing could be read (signed out, Pixieset down): that is the answer, not four "unavailable" lines.
    if (failures.length === 4) throw failures[0];
    const disputed = disputes && {
      count: disputes.count,
      total_minor: disputes.totalMinor ?? null,
      total:
        disputes.total ??
        (disputes.totalMinor === undefined ? null : formatMoney(disputes.totalMinor, config.currency)),
    };
    const structured = {
      unread,
      session_inquiries: inquiries,
      disputed_payments: disputed,
      questionnaires_completed: questionnaires,
      unavailable,
    };
    return { structured, text: render(structured) };
  },
});

// The conversations with unread client messages among the most recently active, newest first (at most SHOWN).
async function recentUnread(inbox: ConversationsApi, signal: AbortSignal) {
  const from: z.output<typeof unreadRow>[] = [];
  let lookedAt = 0;
  for (let page = 1; page <= RECENT_PAGES && from.length < SHOWN; page++) {
    const p = await inbox.page({ page, perPage: PAGE }, { signal });
    lookedAt += p.items.length;
    for (const c of p.items)
      if ((c.unread_count ?? 0) > 0 && from.length < SHOWN)
        from.push({
          conversation_id: c.id,
          client_id: c.client_id ?? null,
          client_name: clientNameOf(c),
          subject: c.subject ?? null,
          unread_count: c.unread_count ?? 0,
          last_message_at: c.last_message_at ?? c.updated_at ?? null,
        });
    if (p.items.length < PAGE) break;
  }
  return { from, looked_at: lookedAt };
}

// One short section per line; what could not be read, said plainly.
function render(s: Inbox): string {
  const lines: string[] = ["Today's inbox:"];
  if (s.unread) {
    const total =
      s.unread.messages === null
        ? 'Unread messages: Pixieset did not give the count'
        : `Unread messages: ${s.unread.messages}${s.unread.conversations === null ? '' : ` in ${plural(s.unread.conversations, 'conversation')}`}`;
    const who = s.unread.from.map(
      (r) => `${r.client_name ?? r.client_id ?? '?'} (${r.unread_count}, ${r.conversation_id})`,
    );
    lines.push(
      `${total}${who.length ? `; from ${who.join(', ')}` : ''}${who.length ? ` — among the ${s.unread.looked_at} most recently active conversations` : ''}. Read one with get_conversation.`,
    );
  }
  if (s.session_inquiries !== null)
    lines.push(`New session inquiries: ${s.session_inquiries} (answer them in Pixieset Studio).`);
  if (s.disputed_payments)
    lines.push(
      `Disputed payments needing a response: ${s.disputed_payments.count}${s.disputed_payments.total ? `, ${s.disputed_payments.total}` : ''}${s.disputed_payments.count ? ' (list_payments with status disputed shows them)' : ''}.`,
    );
  const q = s.questionnaires_completed;
  if (q)
    lines.push(
      `Questionnaires completed since ${q.since}: ${q.count}${q.recent.length ? ` — ${q.recent.map((r) => `${r.client_name ?? r.client_id ?? '?'}: ${r.name ?? r.id} (${r.completed_date ?? '?'}, ${r.id})`).join('; ')}` : ''}${q.count > q.recent.length ? ` and ${q.count - q.recent.length} more` : ''}. Read one with get_questionnaire.`,
    );
  for (const u of s.unavailable) lines.push(`Not available — ${u.section}: ${u.reason}`);
  return lines.join('\n');
}
