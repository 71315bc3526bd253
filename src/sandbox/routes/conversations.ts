import {
  inboxOf,
  lastMessageAt,
  PHOTOGRAPHER_ID,
  type SandboxConversation,
  type SandboxMessage,
  unreadOf,
} from '../conversations.js';
import { type Answer, asRecord, nowStamp, type Studio } from '../studio.js';
import type { Route } from './route.js';

// The inbox, as docs/studio-api/conversations.md shows it: errors are { error, code } here.
const NOT_FOUND: Answer = {
  status: 404,
  body: { error: 'Conversation not found', code: 'CONVERSATION_NOT_FOUND' },
};

function conversationJson(studio: Studio, c: SandboxConversation, messages: SandboxMessage[]) {
  if (studio.opts.inbox === 'lean') {
    const { participants: _p, last_message_at: _l, updated_at: _u, ...rest } = docsJson(studio, c, messages);
    return {
      ...rest,
      messages: messages.map((m) => (m.sender_type === 'client' ? m : { ...m, sender_type: 'studio' })),
    };
  }
  return docsJson(studio, c, messages);
}

function docsJson(studio: Studio, c: SandboxConversation, messages: SandboxMessage[]) {
  const client = studio.clients.find((x) => x.id === c.client_id);
  return {
    id: c.id,
    client_id: c.client_id,
    subject: c.subject,
    created_at: c.created_at,
    updated_at: lastMessageAt(c),
    last_message_at: lastMessageAt(c),
    unread_count: unreadOf(c),
    status: c.status,
    participants: [
      ...(client
        ? [
            {
              id: client.id,
              name: `${client.first_name} ${client.last_name}`.trim(),
              email: client.email,
              type: 'client',
            },
          ]
        : []),
      { id: PHOTOGRAPHER_ID, name: 'Studio Photographer', email: 'studio@example.com', type: 'photographer' },
    ],
    messages,
  };
}

const newestActivityFirst = (studio: Studio) =>
  studio.memo('conversations by activity', () =>
    [...inboxOf(studio).conversations].sort((a, b) => lastMessageAt(b).localeCompare(lastMessageAt(a))),
  );

export const conversationRoutes: Route[] = [
  {
    // client_id filters; message=true adds the last message to each row; page and page_size page.
    method: 'GET',
    pattern: /^\/conversations$/,
    handler: ({ studio, q }) => {
      const clientId = q.get('client_id');
      const all = newestActivityFirst(studio).filter((c) => !clientId || c.client_id === clientId);
      const withMessage = q.get('message') === 'true';
      return studio.page(all, q, 'page_size', (c) =>
        conversationJson(studio, c, withMessage ? c.messages.slice(-1) : []),
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/conversations\/unread\/count$/,
    handler: ({ studio }) => {
      if (studio.opts.inbox === 'lean') return { status: 404, body: { message: 'Not Found' } };
      const unread = inboxOf(studio).conversations.map(unreadOf);
      return {
        status: 200,
        body: {
          data: {
            unread_count: unread.reduce((s, n) => s + n, 0),
            conversations_with_unread: unread.filter((n) => n > 0).length,
          },
        },
      };
    },
  },
  {
    method: 'GET',
    pattern: /^\/conversations\/([^/]+)$/,
    handler: ({ studio, q, match }) => {
      const c = inboxOf(studio).conversations.find((x) => x.id === match[1]);
      if (!c) return NOT_FOUND;
      const messages = q.get('messages') === 'false' ? [] : c.messages;
      return { status: 200, body: { data: conversationJson(studio, c, messages) } };
    },
  },
  {
    // Appends the photographer's message to the thread: in Pixieset, the client is emailed.
    method: 'POST',
    pattern: /^\/conversation_messages$/,
    handler: ({ studio, body }) => {
      const b = asRecord(body);
      const inbox = inboxOf(studio);
      const c = inbox.conversations.find((x) => x.id === b.conversation_id);
      if (!c) return NOT_FOUND;
      const content = typeof b.content === 'string' ? b.content : '';
      if (!content.trim()) return studio.invalid({ content: ['The content field is required.'] });
      if (content.length > 10_000)
        return studio.invalid({ content: ['The content may not be greater than 10000 characters.'] });
      const message: SandboxMessage = {
        id: `msg_${studio.newId('msg').slice(4, 16)}`,
        content,
        sent_at: nowStamp(),
        sender_type: 'photographer',
        sender_id: PHOTOGRAPHER_ID,
        read_at: null,
        attachments: [],
      };
      c.messages.push(message);
      inbox.sent.push({ conversation_id: c.id, content });
      return { status: 201, body: { data: { ...message, conversation_id: c.id } } };
    },
  },
];
