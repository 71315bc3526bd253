// The studio's inbox: conversations with the demo clients, as the community docs show them (conv_ and msg_ ids
// of 12 letters and digits, messages from the client or the photographer). Its own random stream, so adding it
// changes nothing else. Some threads are unread, one is long, some carry an attachment, most clients have none.
import { makeId, rng } from './random.js';
import type { Studio } from './studio.js';

export interface SandboxAttachment {
  id: string;
  filename: string;
  file_size: number;
  content_type: string;
  // A private link: the sandbox serves it as the API does; no tool may ever show it.
  url: string;
}

export interface SandboxMessage {
  id: string;
  content: string;
  sent_at: string;
  sender_type: 'client' | 'photographer';
  sender_id: string;
  read_at: string | null;
  attachments: SandboxAttachment[];
}

export interface SandboxConversation {
  id: string;
  client_id: string;
  subject: string;
  created_at: string;
  status: 'active' | 'archived';
  // Oldest first.
  messages: SandboxMessage[];
}

export interface Inbox {
  // Newest activity first is how the list answers; kept here in creation order.
  conversations: SandboxConversation[];
  // Every message POST /conversation_messages accepted, as sent (what reached a client's mailbox).
  sent: Array<{ conversation_id: string; content: string }>;
}

export const PHOTOGRAPHER_ID = 'photographer_1';

const SUBJECTS = [
  'Wedding photography',
  'Family portraits',
  'Question about my gallery',
  'Invoice question',
  'Booking inquiry',
  'Engagement session',
];
const FROM_CLIENT = [
  'Hi! Just checking in about our session. Is everything still on for the date we set?',
  'Thank you so much for the photos, we love them!\nCould we order a few prints as well?',
  'Could you send me the invoice again? I cannot find the email.',
  'We would like to move the shoot by a week if that works for you.',
  'Quick question: how long will the gallery stay online?',
  'Is there a parking spot near the studio?',
];
const FROM_STUDIO = [
  'Hi! Yes, all set. See you then.',
  'So glad you love them! I will send the print price list today.',
  'Of course, I have sent it again just now.',
  'No problem, the next week works. I have updated the booking.',
  'The gallery stays online for a year; download what you like before then.',
];

const day = 86_400_000;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
// The docs' ids: a prefix and 12 letters and digits (conv_ABC123XYZ456).
const shortId = (prefix: string, rand: () => number) => makeId(prefix, rand).slice(0, prefix.length + 13);

// Builds the inbox of a studio: about a third of its clients and leads have a conversation.
export function seedInbox(studio: Studio): Inbox {
  const rand = rng(studio.seed.seed ^ 0xc0ffee);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const now = Date.parse(`${studio.seed.today}T12:00:00Z`);
  const conversations: SandboxConversation[] = [];
  for (const [i, c] of studio.clients.entries()) {
    if (c.type === 'other' || (i > 0 && rand() > 0.35)) continue;
    const started = now - Math.floor(rand() * 120 + 1) * day;
    // The first client's thread is the long one; the rest hold a few messages each.
    const count = i === 0 ? 60 : 1 + Math.floor(rand() * 6);
    const step = Math.max(1, Math.floor((now - started) / (count + 1)));
    const unread = rand() < 0.3 ? 1 + Math.floor(rand() * 2) : 0;
    const messages: SandboxMessage[] = [];
    for (let m = 0; m < count; m++) {
      // Alternating, starting with the client; the last `unread` messages are the client's, not yet read.
      const fromClient = m >= count - unread || m % 2 === 0;
      const sent = started + (m + 1) * step;
      const attach = fromClient && rand() < 0.12;
      messages.push({
        id: shortId('msg', rand),
        content: pick(fromClient ? FROM_CLIENT : FROM_STUDIO),
        sent_at: stamp(sent),
        sender_type: fromClient ? 'client' : 'photographer',
        sender_id: fromClient ? c.id : PHOTOGRAPHER_ID,
        read_at: fromClient && m >= count - unread ? null : stamp(sent + 3_600_000),
        attachments: attach
          ? [
              {
                id: shortId('att', rand),
                filename: `inspiration-${m + 1}.jpg`,
                file_size: 150_000 + Math.floor(rand() * 2_000_000),
                content_type: 'image/jpeg',
                url: `https://storage.pixieset.com/attachments/private-${makeId('att', rand)}.jpg?signature=${makeId('sig', rand)}`,
              },
            ]
          : [],
      });
    }
    conversations.push({
      id: shortId('conv', rand),
      client_id: c.id,
      subject: pick(SUBJECTS),
      created_at: stamp(started),
      status: 'active',
      messages,
    });
  }
  return { conversations, sent: [] };
}

// The inbox of a studio, made the first time a route asks.
export const inboxOf = (studio: Studio): Inbox => studio.area('inbox', seedInbox);

// Unread: the client's messages not yet read.
export const unreadOf = (c: SandboxConversation): number =>
  c.messages.filter((m) => m.sender_type === 'client' && m.read_at === null).length;

export const lastMessageAt = (c: SandboxConversation): string => c.messages.at(-1)?.sent_at ?? c.created_at;
