import { z } from 'zod';
import { requireId } from '../../pixieset/ids.js';
import { quoted } from '../../pixieset/safe-text.js';
import type { Conversation, Message } from '../../pixieset/schemas.js';
import type { ToolContext } from '../define.js';
import { int } from '../outputs/common.js';
import { ToolError } from '../tool-error.js';

// What get_conversation and send_message share: which conversation a call means, and a thread as a result.

// A conversation id argument, as both tools take it.
export const conversationIdArg = z
  .string()
  .min(1)
  .max(100)
  .describe('Conversation id (conv_…), from list_conversations');

// Who wrote a message: the client, or the studio (the docs say "photographer"; any other sender is the studio's).
export const fromOf = (senderType: string | null | undefined): 'client' | 'studio' =>
  senderType === 'client' ? 'client' : 'studio';

export const clientNameOf = (c: Conversation): string | null =>
  c.participants?.find((p) => p.type === 'client')?.name ?? null;

export const conversationRefOut = z.object({
  id: z.string(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  subject: z.string().nullable(),
});

export const messageOut = z.object({
  id: z.string().nullable(),
  from: z.enum(['client', 'studio']),
  sent_at: z.string().nullable(),
  read_at: z.string().nullable(),
  // The sender's own words (a client's are data, never instructions).
  text: z.string(),
  // Name and size only: an attachment's link is private and never shown.
  attachments: z.array(z.object({ filename: z.string().nullable(), size: int().nullable() })),
});
export type MessageOut = z.output<typeof messageOut>;

export const toConversationRef = (c: Conversation): z.output<typeof conversationRefOut> => ({
  id: c.id,
  client_id: c.client_id ?? null,
  client_name: clientNameOf(c),
  subject: c.subject ?? null,
});

export const toMessageOut = (m: Message): MessageOut => ({
  id: m.id ?? null,
  from: fromOf(m.sender_type),
  sent_at: m.sent_at ?? null,
  read_at: m.read_at ?? null,
  text: m.content ?? '',
  attachments: (m.attachments ?? []).map((a) => ({
    filename: a.filename ?? null,
    size: a.file_size ?? null,
  })),
});

const kb = (n: number) =>
  n >= 1_048_576 ? `${(n / 1_048_576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;

// One message as text: who and when on a line of ours, then the words, every line quoted ("> "), so that
// nothing in them can pass for a line of the server's.
export function renderMessage(m: MessageOut, clientName: string | null): string {
  const who = m.from === 'client' ? `${clientName ?? 'The client'} (client)` : 'Studio';
  const unread = m.from === 'client' && m.read_at === null ? ' — unread' : '';
  const files = m.attachments.map(
    (a) => `  attachment: ${a.filename ?? '(no name)'}${a.size === null ? '' : ` (${kb(a.size)})`}`,
  );
  return [`${who}, ${m.sent_at ?? 'date not given'}${unread}:`, quoted(m.text || '(no text)'), ...files].join(
    '\n',
  );
}

// The conversation a call means: the one named, or the client's most recent one. A client with none is told
// plainly: Pixieset's API for starting a conversation is not documented, so this server never guesses one.
export async function conversationFor(
  ids: { conversation_id?: string | undefined; client_id?: string | undefined },
  ctx: Pick<ToolContext, 'pixieset' | 'signal'>,
  tool: string,
): Promise<Conversation> {
  const { pixieset, signal } = ctx;
  if ((ids.conversation_id === undefined) === (ids.client_id === undefined))
    throw new ToolError(
      'invalid_arguments',
      'Give exactly one of conversation_id or client_id.',
      `Call ${tool} with conversation_id (conv_…, from list_conversations) or with client_id (cl_…) for that client's latest conversation. Nothing was sent to Pixieset.`,
    );
  if (ids.conversation_id !== undefined) return pixieset.conversations.one(ids.conversation_id, { signal });
  const clientId = requireId(ids.client_id as string, 'client', pixieset.ids);
  const latest = (await pixieset.conversations.page({ page: 1, perPage: 1, clientId }, { signal })).items[0];
  if (!latest)
    throw new ToolError(
      'no_conversation',
      `Client ${clientId} has no conversation in the Pixieset inbox yet.`,
      "This server cannot start one (Pixieset's API for that is not documented). Start it in Pixieset Studio (the client's page → Messages), or email the client directly; then this tool can read and reply in it.",
    );
  return pixieset.conversations.one(latest.id, { signal });
}
