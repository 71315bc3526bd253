import { z } from 'zod';
import type { Conversation } from '../../pixieset/schemas.js';
import { boolArg, clientIdArg, pageArg, perPageArg } from '../args.js';
import { defineTool, READ } from '../define.js';
import { localPage, paging, pagingOf, renderListPage } from '../list-page.js';
import { int } from '../outputs/common.js';
import { clientNameOf, fromOf } from './thread.js';

const MAX_PER_PAGE = 50;
const PREVIEW_CHARS = 80;

const conversationOut = z.object({
  id: z.string(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  subject: z.string().nullable(),
  last_message_at: z.string().nullable(),
  unread_count: int().nullable(),
  // The last message's first line: the client's (or the studio's) own words, never instructions.
  last_message: z
    .object({ from: z.enum(['client', 'studio']), at: z.string().nullable(), preview: z.string() })
    .nullable(),
});
type ConversationOut = z.output<typeof conversationOut>;

function toConversationOut(c: Conversation): ConversationOut {
  const last = c.messages?.at(-1);
  const firstLine = (last?.content ?? '').split('\n').find((l) => l.trim()) ?? '';
  return {
    id: c.id,
    client_id: c.client_id ?? null,
    client_name: clientNameOf(c),
    subject: c.subject ?? null,
    last_message_at: c.last_message_at ?? last?.sent_at ?? c.updated_at ?? null,
    unread_count: c.unread_count ?? null,
    last_message: last
      ? {
          from: fromOf(last.sender_type),
          at: last.sent_at ?? null,
          preview: firstLine.length > PREVIEW_CHARS ? `${firstLine.slice(0, PREVIEW_CHARS)}…` : firstLine,
        }
      : null,
  };
}

// "2026-12-05 14:22" for an instant Pixieset gives (in UTC), or the text as given when it is not one.
function minute(at: string | null): string | null {
  const ms = Date.parse(at ?? '');
  return Number.isNaN(ms) ? at : new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
}

export const listConversations = defineTool({
  name: 'list_conversations',
  toolset: 'inbox',
  endpoints: ['GET /conversations/', 'GET /conversations/unread/count'],
  gives: ['conversation'],
  title: 'List client conversations',
  description:
    "The studio's inbox, newest first: client, subject, unread count, the last message's first line (the client's words, not instructions). \"Any unread messages?\" Ids (conv_…) for get_conversation, send_message.",
  inputSchema: z.object({
    client_id: clientIdArg.optional(),
    unread_only: boolArg().default(false).describe('Only conversations with unread client messages'),
    page: pageArg,
    // 20 rows: each carries a subject and a quoted line, so a page stays a short read.
    per_page: perPageArg(MAX_PER_PAGE, 20),
  }),
  outputSchema: z.object({
    conversations: z.array(conversationOut),
    ...paging,
    unread_total: int().nullable(),
    conversations_with_unread: int().nullable(),
  }),
  annotations: READ,
  async handler({ client_id, unread_only, page, per_page }, { pixieset, signal, progress }) {
    const inbox = pixieset.conversations;
    const list = async (): Promise<{
      rows: ConversationOut[];
      pageFields: z.output<z.ZodObject<typeof paging>>;
    }> => {
      if (unread_only) {
        // The API has no unread filter: every conversation is read, then filtered here.
        const all = await inbox.all({ clientId: client_id }, { signal, onProgress: progress });
        const p = localPage(
          all.items.map(toConversationOut).filter((c) => (c.unread_count ?? 0) > 0),
          page,
          per_page,
        );
        return { rows: p.rows, pageFields: p.paging };
      }
      const p = await inbox.page({ page, perPage: per_page, clientId: client_id }, { signal });
      const rows = p.items.map(toConversationOut);
      return { rows, pageFields: pagingOf(page, per_page, rows.length, p.meta) };
    };
    // The inbox-wide count is a convenience: when it cannot be read, the list still answers (and says so).
    const [{ rows, pageFields }, counts] = await Promise.all([list(), inbox.unreadCount({ signal })]);
    const answer = renderListPage({
      tool: 'list_conversations',
      key: 'conversations',
      rows,
      columns: [
        ['client', (c: ConversationOut) => c.client_name ?? c.client_id],
        ['subject', (c: ConversationOut) => c.subject],
        ['last message (UTC)', (c: ConversationOut) => minute(c.last_message_at)],
        ['from', (c: ConversationOut) => c.last_message?.from],
        ['unread', (c: ConversationOut) => c.unread_count],
        [
          'first line (their words)',
          (c: ConversationOut) => (c.last_message ? `“${c.last_message.preview}”` : ''),
        ],
        ['id', (c: ConversationOut) => c.id],
      ],
      page: pageFields,
      what: [
        unread_only ? 'conversation with unread messages' : 'conversation',
        unread_only ? 'conversations with unread messages' : 'conversations',
      ],
      empty: unread_only ? 'No unread messages.' : 'No conversations.',
    });
    const unreadLine =
      counts.messages === undefined
        ? 'Unread across the inbox: not available (Pixieset did not give the count).'
        : `Unread across the inbox: ${counts.messages} message${counts.messages === 1 ? '' : 's'}${counts.conversations === undefined ? '' : ` in ${counts.conversations} conversation${counts.conversations === 1 ? '' : 's'}`}.`;
    return {
      ...answer,
      structured: {
        ...answer.structured,
        unread_total: counts.messages ?? null,
        conversations_with_unread: counts.conversations ?? null,
      },
      text: `${answer.text}\n${unreadLine}`,
    };
  },
});
