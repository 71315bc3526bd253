// Deterministic demo data for a client's records besides money, tied to the same clients: contracts,
// questionnaires, booked sessions and gallery collections. Its own random stream, so adding an area never
// changes the clients and invoices other tests rely on.
import type { SandboxClient } from './data.js';
import { makeId, rng } from './random.js';

export interface SandboxSignature {
  signer_type: 'client' | 'photographer';
  signer_name: string;
  signed_at: string | null;
}

export interface SandboxContract {
  id: string;
  contract_number: string;
  client_id: string;
  status: 'draft' | 'sent' | 'viewed' | 'partially_signed' | 'signed' | 'expired' | 'cancelled';
  template: { id: string; name: string; due_days: number };
  created_at: string;
  sent_at: string | null;
  due_date: string | null;
  signed_date: string | null;
  signatures: SandboxSignature[];
  // The contract's text: served by the detail endpoint, never shown by the tools.
  content: { rendered_html: string };
}

export interface SandboxQuestionnaire {
  id: string;
  client_id: string;
  status: 'draft' | 'pending' | 'completed' | 'expired';
  template: { id: string; name: string };
  created_at: string;
  sent_at: string | null;
  completed_at: string | null;
  due_date: string | null;
}

export interface SandboxSession {
  id: string;
  client_id: string;
  session_type: { id: string; name: string };
  start: string;
  end: string;
  status: 'booked' | 'confirmed' | 'cancelled' | 'completed';
  location: string | null;
}

export interface SandboxCollection {
  id: number;
  client_id: string | null;
  name: string;
  photo_count: number;
  video_count: number;
  gallery_count: number;
  created_at: string;
  expiry_date: string | null;
  // Secrets of the gallery: the sandbox knows them; no tool may ever show them.
  password: string | null;
  download_pin: string | null;
  downloadable: boolean;
}

export interface ClientRecords {
  contracts: SandboxContract[];
  questionnaires: SandboxQuestionnaire[];
  sessions: SandboxSession[];
  collections: SandboxCollection[];
}

const CONTRACT_TEMPLATES = [
  'Wedding contract',
  'Portrait session agreement',
  'Brand shoot contract',
  'Model release',
];
const QUESTIONNAIRES = ['Wedding day timeline', 'Family session questions', 'Brand shoot brief'];
const SESSION_TYPES = ['Wedding', 'Engagement session', 'Family portraits', 'Newborn session', 'Headshots'];
const PLACES = ['Golden Gate Park', 'The studio', 'Client’s home', 'Ocean Beach', null];
const day = 86_400_000;
const stamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000Z');
const date = (ms: number) => new Date(ms).toISOString().slice(0, 10);

// Builds the records of `clients` around `today` (YYYY-MM-DD): the same inputs always give the same data.
export function seedRecords(
  clients: SandboxClient[],
  today: string,
  seed: number,
  galleryShare = 0.5,
): ClientRecords {
  const rand = rng(seed ^ 0x10e7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const now = Date.parse(`${today}T12:00:00Z`);
  const name = (c: SandboxClient) => `${c.first_name} ${c.last_name}`;
  const out: ClientRecords = { contracts: [], questionnaires: [], sessions: [], collections: [] };
  let contractNo = 1001;
  let collectionId = 90_516_000;
  for (const [i, c] of clients.entries()) {
    if (c.type === 'other') continue;
    const created = now - Math.floor(rand() * 900) * day;
    // Contracts: most clients signed one; recent ones are still out for signature.
    if (c.type === 'client' || rand() < 0.3) {
      const recent = created > now - 60 * day;
      const r = rand();
      const status: SandboxContract['status'] =
        i === 0
          ? 'viewed'
          : recent
            ? r < 0.35
              ? 'sent'
              : r < 0.55
                ? 'viewed'
                : r < 0.7
                  ? 'partially_signed'
                  : r < 0.8
                    ? 'draft'
                    : 'signed'
            : r < 0.9
              ? 'signed'
              : r < 0.95
                ? 'expired'
                : 'cancelled';
      const sent = status === 'draft' ? null : created + day;
      const signed = status === 'signed' ? (sent ?? created) + Math.floor(rand() * 10 + 1) * day : null;
      const signatures: SandboxSignature[] = [];
      if (status === 'signed' || status === 'partially_signed') {
        signatures.push({
          signer_type: 'client',
          signer_name: name(c),
          signed_at: stamp((signed ?? now) - day),
        });
      }
      if (status === 'signed')
        signatures.push({
          signer_type: 'photographer',
          signer_name: 'Studio owner',
          signed_at: stamp(signed ?? now),
        });
      const template = pick(CONTRACT_TEMPLATES);
      out.contracts.push({
        id: makeId('co', rand),
        contract_number: `CON-${contractNo++}`,
        client_id: c.id,
        status,
        template: { id: makeId('ct', rand), name: template, due_days: 14 },
        created_at: stamp(created),
        sent_at: sent === null ? null : stamp(sent),
        due_date: sent === null ? null : stamp(sent + 14 * day),
        signed_date: signed === null ? null : stamp(signed),
        signatures,
        content: {
          rendered_html: `<h1>${template}</h1><p>Between the studio and ${name(c)}: fee, deposit, cancellation terms…</p>`,
        },
      });
    }
    // Questionnaires: sent with about half the contracts; a few still pending.
    if (i === 0 || rand() < 0.45) {
      const r = rand();
      const status: SandboxQuestionnaire['status'] =
        i === 0
          ? 'pending'
          : created > now - 45 * day
            ? r < 0.5
              ? 'pending'
              : r < 0.6
                ? 'draft'
                : 'completed'
            : r < 0.9
              ? 'completed'
              : 'expired';
      const sent = status === 'draft' ? null : created + 2 * day;
      out.questionnaires.push({
        id: makeId('qu', rand),
        client_id: c.id,
        status,
        template: { id: makeId('qt', rand), name: pick(QUESTIONNAIRES) },
        created_at: stamp(created),
        sent_at: sent === null ? null : stamp(sent),
        // Five days after it was sent, and never after today (a recent one came back today).
        completed_at:
          status === 'completed' ? stamp(Math.min((sent ?? created) + 5 * day, now - 3_600_000)) : null,
        due_date: sent === null ? null : stamp(sent + 21 * day),
      });
    }
    // Sessions: past ones, and the coming weeks' bookings.
    if (c.type === 'client' && rand() < 0.6) {
      const upcoming = i === 0 || rand() < 0.2;
      const start = upcoming
        ? now + Math.floor(rand() * 45 + 1) * day
        : created + Math.floor(rand() * 60) * day;
      const hour = 9 + Math.floor(rand() * 8);
      const startMs = Date.parse(`${date(start)}T${String(hour).padStart(2, '0')}:00:00Z`);
      out.sessions.push({
        id: makeId('ses', rand),
        client_id: c.id,
        session_type: { id: makeId('set', rand), name: pick(SESSION_TYPES) },
        start: stamp(startMs),
        end: stamp(startMs + (1 + Math.floor(rand() * 3)) * 3_600_000),
        status: upcoming ? (rand() < 0.9 ? 'confirmed' : 'cancelled') : 'completed',
        location: pick(PLACES),
      });
    }
    // Gallery collections: delivered shoots, some expiring soon, some expired, some with a password.
    if (c.type === 'client' && (i === 0 || rand() < galleryShare)) {
      const made = created + 30 * day;
      const r = rand();
      const expiry =
        i === 0
          ? now + 10 * day
          : r < 0.5
            ? made + 365 * day
            : r < 0.7
              ? now + Math.floor(rand() * 30) * day
              : null;
      const protectedOne = rand() < 0.3;
      out.collections.push({
        id: collectionId + Math.floor(rand() * 97) + 1,
        client_id: c.id,
        name: `${c.last_name} ${pick(SESSION_TYPES)}`,
        photo_count: 50 + Math.floor(rand() * 600),
        video_count: rand() < 0.2 ? Math.floor(rand() * 5) : 0,
        gallery_count: 1 + Math.floor(rand() * 4),
        created_at: stamp(made),
        expiry_date: expiry === null ? null : date(expiry),
        password: protectedOne ? `pw-${makeId('x', rand).slice(2, 12)}` : null,
        download_pin: rand() < 0.4 ? String(1000 + Math.floor(rand() * 9000)) : null,
        downloadable: rand() < 0.8,
      });
      collectionId += 100;
    }
  }
  return out;
}
