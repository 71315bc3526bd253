import { z } from 'zod';
import { safeBlock } from '../../pixieset/safe-text.js';
import type { Conversation } from '../../pixieset/schemas.js';
import { boolArg, clientIdArg } from '../args.js';
import { CREATE, defineTool, type ToolContext } from '../define.js';
import { clientName } from '../outputs/client.js';
import { ToolError } from '../tool-error.js';
import { userOrToken } from '../writes/confirmation-tokens.js';
import { performWrite } from '../writes/perform-write.js';
import { writeKey } from '../writes/write-journal.js';
import { conversationFor, conversationIdArg, messageOut, toConversationRef, toMessageOut } from './thread.js';

const MAX_TEXT = 5_000;
// Lists and threads lag, and clocks differ: a message sent this long before the attempt still counts as its.
const CLOCK_SKEW_MS = 2 * 60_000;
const DUPLICATE_WINDOW_MS = 10 * 60_000;

const previewOut = z.object({
  conversation_id: z.string(),
  subject: z.string().nullable(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  client_email: z.string().nullable(),
  // Exactly what Pixieset will be asked to send.
  text: z.string(),
});

const inputSchema = z.object({
  conversation_id: conversationIdArg.optional(),
  client_id: clientIdArg.optional(),
  text: z.string().trim().min(1).max(MAX_TEXT).describe('The message, as the client will read it'),
  dry_run: boolArg().default(false).describe('true: preview only, nothing is sent'),
  confirmation_token: z
    .string()
    .max(100)
    .optional()
    .describe("On hosts that cannot ask the user: the token this same message's dry_run gave"),
});

export const sendMessage = defineTool({
  name: 'send_message',
  toolset: 'inbox',
  endpoints: [
    'POST /conversation_messages',
    'GET /conversations/{conversation_id}/',
    'GET /conversations/',
    'GET /clients/{client_id}',
  ],
  title: 'Reply to a client',
  description:
    "Sends a message in a client's conversation (conversation_id, or client_id for their latest): PIXIESET EMAILS IT TO THE CLIENT. Show the user a dry_run preview and get their OK first; the server asks them where the host can, else it needs that dry run's confirmation_token. The same text within 10 minutes is sent once.",
  inputSchema,
  outputSchema: z.object({
    outcome: z.enum(['sent', 'sent_after_all', 'deduplicated', 'declined', 'cancelled', 'dry_run']),
    sent: z.boolean(),
    dry_run: z.boolean(),
    preview: previewOut,
    // The message as Pixieset returned it (or as found in the thread).
    message: messageOut.optional(),
    confirmation_token: z.string().optional(),
  }),
  annotations: CREATE,
  async handler(args, ctx) {
    const c = await conversationFor(args, ctx, 'send_message');
    const preview = await previewOf(c, args.text, ctx);
    const who = `${preview.client_name ?? preview.client_id ?? 'the client'}${preview.client_email ? ` <${preview.client_email}>` : ''}`;
    const where = `"${preview.subject ?? '(no subject)'}" (${c.id})`;
    const key = writeKey('send_message', { conversation_id: c.id, text: preview.text });
    const shown = `To ${who}, in ${where}:\n${preview.text
      .split('\n')
      .map((l) => `| ${l}`)
      .join('\n')}`;
    const audit = {
      client_id: preview.client_id ?? undefined,
      conversation_id: c.id,
      chars: preview.text.length,
    };
    if (args.dry_run) {
      const token = ctx.tokens.issue(key);
      await ctx.audit.record({ tool: 'send_message', outcome: 'dry_run', ...audit });
      return {
        structured: {
          outcome: 'dry_run' as const,
          sent: false,
          dry_run: true,
          preview,
          confirmation_token: token,
        },
        text: [
          `Dry run — nothing sent. Pixieset would email this message ${shown}`,
          `Show this to the user. If they agree, call send_message again with the same conversation and text, dry_run false and confirmation_token "${token}" (valid 15 minutes, once).`,
        ].join('\n'),
      };
    }
    const outcome = await performWrite(ctx, {
      kind: 'send',
      tool: 'send_message',
      key,
      allowDuplicate: false,
      audit,
      what: 'message',
      checked: `the conversation ${c.id}`,
      whereToCheck: `get_conversation with conversation_id ${c.id}`,
      // The journal forgets on restart: the thread itself is checked for the same text just sent.
      precheck: async () => {
        if (sentRecently(c, preview.text, Date.now() - DUPLICATE_WINDOW_MS))
          throw new ToolError(
            'duplicate_message',
            `The same text was sent in ${c.id} less than 10 minutes ago, so it was not sent again.`,
            'Nothing was sent. If the client should get it twice, change the wording; check the thread with get_conversation.',
          );
      },
      // A message always reaches the client: the user's yes is needed, asked by the host where it can, else
      // proven by the token of a dry run of this very message.
      confirm: userOrToken(ctx, {
        question: `Send this message? Pixieset will email it.\n${shown}`,
        token: args.confirmation_token,
        key,
        tool: 'send_message',
        mismatch: 'a different message (another conversation or text)',
        nothing: 'nothing was sent',
      }),
      send: () =>
        ctx.pixieset.conversations.send({ conversationId: c.id, content: args.text }, { signal: ctx.signal }),
      find: (since) => findSent(ctx, c.id, preview.text, since),
      describe: (m) => ({ id: m.id ?? null }),
    });
    if (outcome.kind === 'declined' || outcome.kind === 'cancelled')
      return {
        structured: { outcome: outcome.kind, sent: false, dry_run: false, preview },
        text: `The user ${outcome.kind === 'declined' ? 'did not confirm' : 'dismissed the confirmation'}: nothing was sent. Do not retry unless the user asks again.`,
      };
    const message = toMessageOut(outcome.value);
    const kind: 'sent' | 'sent_after_all' | 'deduplicated' =
      outcome.kind === 'created'
        ? 'sent'
        : outcome.kind === 'created_after_all'
          ? 'sent_after_all'
          : 'deduplicated';
    const text = {
      sent: `Sent ${shown}\nPixieset emails it to the client.`,
      sent_after_all: `The request failed in transit, but the message is in the thread: it was sent ${shown}\nDo not send it again.`,
      deduplicated: `Already sent: an identical message went to this conversation in the last 10 minutes (${message.id ?? 'id not given'}). Nothing new was sent.`,
    }[kind];
    return { structured: { outcome: kind, sent: true, dry_run: false, preview, message }, text };
  },
});

// Whom the message goes to, as the thread names them; when it does not (the docs do not promise participants),
// from the client's own record, so the preview always says who.
async function previewOf(
  c: Conversation,
  text: string,
  ctx: ToolContext,
): Promise<z.output<typeof previewOut>> {
  const ref = toConversationRef(c);
  let name = ref.client_name;
  let email = c.participants?.find((p) => p.type === 'client')?.email ?? null;
  if ((name === null || email === null) && ref.client_id) {
    const client = await ctx.pixieset.clients.get(ref.client_id, { signal: ctx.signal });
    name ??= clientName(client);
    email ??= client.email ?? null;
  }
  return {
    conversation_id: c.id,
    subject: ref.subject,
    client_id: ref.client_id,
    client_name: name,
    client_email: email,
    text,
  };
}

// The studio's messages in a thread with this text (as Pixieset keeps text: safeBlock), sent at or after `since`.
function sentRecently(c: Conversation, text: string, since: number) {
  const want = safeBlock(text, Number.MAX_SAFE_INTEGER);
  return c.messages?.find((m) => {
    const at = Date.parse(m.sent_at ?? '');
    return m.sender_type !== 'client' && m.content === want && (Number.isNaN(at) || at >= since);
  });
}

// After a send failed in transit: did the message arrive in the thread? (Read fresh, never from the cache.)
async function findSent(ctx: ToolContext, conversationId: string, text: string, since: number) {
  const c = await ctx.pixieset.conversations.one(conversationId, { signal: ctx.signal, fresh: true });
  return sentRecently(c, text, since - CLOCK_SKEW_MS);
}
