import { z } from 'zod';
import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { parseOne, parsePage, parseShape } from '../envelope.js';
import { CancelledError } from '../errors.js';
import { requireId } from '../ids.js';
import { type AllRows, type Page, type ProgressOption, readAllPages } from '../paginate.js';
import type { CallOptions } from '../request.js';
import { type Conversation, conversationSchema, type Message, messageSchema } from '../schemas.js';
import { Resource } from './resource.js';

// The studio's inbox: conversations with clients and their messages (docs/studio-api/conversations.md; graded
// D, never seen live). A studio without it answers 404 on the list: "not offered".
export class ConversationsApi extends Resource {
  // One page of conversations, each with its last message, in the API's order (newest activity first).
  page(
    q: { page: number; perPage: number; clientId?: string | undefined },
    o: CallOptions = {},
  ): Promise<Page<Conversation>> {
    const t = 'GET /conversations/';
    const query = {
      page: q.page,
      page_size: q.perPage,
      message: 'true',
      client_id: q.clientId === undefined ? undefined : requireId(q.clientId, 'client', this.idCheck),
    };
    return this.http.json(t, { ...o, query, area: 'conversations' }, (b) =>
      parsePage(conversationSchema, b, t),
    );
  }

  // Every conversation (of one client), each once.
  all(
    q: { clientId?: string | undefined },
    o: CallOptions & ProgressOption = {},
  ): Promise<AllRows<Conversation>> {
    return readAllPages((page, perPage, c) => this.page({ page, perPage, clientId: q.clientId }, c), o);
  }

  // Unread messages across the inbox, and how many conversations hold them: undefined when not given, or when
  // the inbox does not answer with a count at all (not every one does; its list still answers). A cancelled
  // call still ends the caller.
  async unreadCount(
    o: CallOptions = {},
  ): Promise<{ messages: number | undefined; conversations: number | undefined }> {
    const t = 'GET /conversations/unread/count';
    const shape = z.looseObject({
      data: z.looseObject({
        unread_count: z.number().int().nonnegative().nullish(),
        conversations_with_unread: z.number().int().nonnegative().nullish(),
      }),
    });
    try {
      return await this.http.json(t, { ...o, area: 'conversations' }, (b) => {
        const d = parseShape(shape, b, t, '').data;
        return {
          messages: d.unread_count ?? undefined,
          conversations: d.conversations_with_unread ?? undefined,
        };
      });
    } catch (e) {
      if (e instanceof CancelledError) throw e;
      return { messages: undefined, conversations: undefined };
    }
  }

  // One conversation with all its messages (oldest first, as the API gives them).
  one(id: string, o: CallOptions = {}): Promise<Conversation> {
    const t = 'GET /conversations/{conversation_id}/';
    const params = { conversation_id: requireId(id, 'conversation', this.idCheck) };
    return this.http.json(t, { ...o, params, query: { messages: 'true' }, area: 'conversations' }, (b) =>
      parseOne(conversationSchema, b, t),
    );
  }

  // Sends a message in a conversation: Pixieset emails it to the client. Never retried.
  send(m: { conversationId: string; content: string }, o: CallOptions = {}): Promise<Message> {
    const t = 'POST /conversation_messages';
    const body = {
      conversation_id: requireId(m.conversationId, 'conversation', this.idCheck),
      content: m.content,
      attachment_ids: [],
    };
    return this.http.json(t, { ...o, body }, (b) => parseOne(messageSchema, b, t));
  }
}

const conversationFields = {
  id: { kind: 'id', required: true },
  client_id: { kind: 'id' },
  subject: { kind: 'string' },
  last_message_at: { kind: 'date' },
  unread_count: { kind: 'integer' },
  messages: { kind: 'array' },
} as const;

// What the drift report checks at each endpoint read here.
export const PROBES: EndpointSpec[] = [
  {
    template: 'GET /conversations/',
    host: 'studio',
    list: true,
    query: { page: 1, page_size: 1, message: 'true' },
    fields: conversationFields,
    known: keysOf(conversationSchema),
  },
  {
    template: 'GET /conversations/unread/count',
    host: 'studio',
    list: false,
    fields: {
      unread_count: { kind: 'integer', required: true },
      conversations_with_unread: { kind: 'integer' },
    },
    known: ['unread_count', 'conversations_with_unread'],
  },
  {
    template: 'GET /conversations/{conversation_id}/',
    host: 'studio',
    list: false,
    query: { messages: 'true' },
    idFrom: { template: 'GET /conversations/', field: 'id', param: 'conversation_id' },
    fields: conversationFields,
    known: keysOf(conversationSchema),
  },
];

// The writes sent here: never probed.
export const WRITES: readonly string[] = ['POST /conversation_messages'];
