// Deterministic demo data for the sandbox: a studio's clients and invoices, realistic and partly non-ASCII.

import { makeId, rng } from './random.js';
import {
  COMPANIES,
  CURRENCIES,
  DOMAINS,
  EXTRAS,
  FIRST,
  LAST,
  METHODS,
  PACKAGES,
  SCALE,
} from './seed-tables.js';

export interface SandboxClient {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  phone: string | null;
  company: string | null;
  type: 'client' | 'lead' | 'other';
  status_name: 'Active' | 'Archived';
  notes: string | null;
  created_at: string;
  currency: string;
}

export interface SandboxLineItem {
  id: string;
  name: string;
  quantity: number;
  amount: number;
}

export type SandboxPaymentStatus =
  | 'completed'
  | 'pending'
  | 'failed'
  | 'refunded'
  | 'partially_refunded'
  | 'disputed';

export interface SandboxPayment {
  id: string;
  invoice_id: string;
  amount: number;
  currency: string;
  payment_date: string;
  payment_method: string;
  status: SandboxPaymentStatus;
  // The processor's fee for online payments (card, ACH, pay later); none for cash or check.
  transaction_fee: number | null;
  // For partially_refunded: how much went back. The docs name no such field, so the sandbox serves it
  // only when asked (SandboxOptions.refundAmounts).
  refunded_amount: number;
}

// What an invoice shows as paid: completed payments, what a partial refund left, and disputed payments
// (still held by the studio until the dispute ends). Pending, failed and refunded payments pay nothing.
export function paidOnInvoice(payments: SandboxPayment[]): number {
  let paid = 0;
  for (const p of payments) {
    if (p.status === 'completed' || p.status === 'disputed') paid += p.amount;
    if (p.status === 'partially_refunded') paid += p.amount - p.refunded_amount;
  }
  return paid;
}

export interface SandboxInvoice {
  id: string;
  invoice_number: string;
  client_id: string;
  currency: string;
  status: 'draft' | 'sent' | 'paid' | 'overdue' | 'partially_paid';
  due_date: string;
  created_at: string;
  line_items: SandboxLineItem[];
  payments: SandboxPayment[];
  emailed: boolean;
}

// A name as plain lowercase ASCII letters and digits: "José Núñez" → "josenunez". Makes email local parts, and
// is how the sandbox compares search text (like a MySQL _ci collation, an assumption about the live API).
export function asciiKey(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ø/gi, 'o')
    .replace(/ł/gi, 'l')
    .replace(/ı/g, 'i')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');
}

const pick = <T>(rand: () => number, list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;

const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoStamp = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '.000000Z');

export interface SeedOptions {
  seed: number;
  clients: number;
  invoices: number;
  // The day the demo studio lives in (default: today); statuses (overdue, paid) are set relative to it, so the
  // demo looks like a real studio on whatever day it is run.
  today: string;
  // How many years of invoices (default 3).
  years?: number;
  // Share of invoices for events still ahead (booked up to a year out, due later, paid in instalments).
  aheadShare?: number;
  // Share of paid invoices paid in three instalments (deposit, middle, balance) rather than once or twice.
  instalmentShare?: number;
  // Share of clients with a gallery collection (default 0.5).
  galleryShare?: number;
}

// The large studio of `Sandbox.start({ scale: 'large' })` and `--sandbox-scale large`: a decade of a busy
// wedding studio, about 5,000 clients, 25,000 invoices, 40,000 payments and 2,000 gallery collections.
export const LARGE_SEED: Partial<SeedOptions> = {
  clients: 5_000,
  invoices: 25_000,
  years: 10,
  aheadShare: 0.1,
  instalmentShare: 0.25,
  galleryShare: 0.54,
};

const localToday = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

export const DEFAULT_SEED: SeedOptions = {
  seed: 20_260_801,
  clients: 320,
  invoices: 1_300,
  get today() {
    return localToday();
  },
};

// Builds the studio: the same options always give the same data.
export function seedStudio(opts: SeedOptions): { clients: SandboxClient[]; invoices: SandboxInvoice[] } {
  const rand = rng(opts.seed);
  const today = Date.parse(`${opts.today}T12:00:00Z`);
  const day = 86_400_000;
  const clients: SandboxClient[] = [];
  const emails = new Set<string>();
  for (let i = 0; i < opts.clients; i++) {
    // The first client is the README's running example.
    const first = i === 0 ? 'Jane' : pick(rand, FIRST);
    let last = i === 0 ? 'Doe' : pick(rand, LAST);
    // Exactly one Jane Doe, so the README's example is unambiguous.
    while (i > 0 && first === 'Jane' && last === 'Doe') last = pick(rand, LAST);
    let email = `${asciiKey(first)}.${asciiKey(last)}@${pick(rand, DOMAINS)}`;
    for (let n = 2; emails.has(email); n++) email = email.replace(/(\d*)@/, `${n}@`);
    emails.add(email);
    const r = rand();
    let currency = 'usd';
    let acc = 0;
    for (const [code, share] of CURRENCIES) {
      acc += share;
      if (r < acc) {
        currency = code;
        break;
      }
    }
    if (i === 0) currency = 'usd';
    const t = rand();
    clients.push({
      id: makeId('cl', rand),
      first_name: first,
      last_name: last,
      email,
      phone:
        rand() < 0.85
          ? `+1 (555) ${String(100 + Math.floor(rand() * 900))}-${String(1000 + Math.floor(rand() * 9000))}`
          : null,
      company: rand() < 0.08 ? pick(rand, COMPANIES) : null,
      type: i === 0 ? 'client' : t < 0.75 ? 'client' : t < 0.95 ? 'lead' : 'other',
      // The README's running example is a current client (the draw is made all the same, so the rest of the
      // studio stays as it was).
      status_name: rand() < 0.9 || i === 0 ? 'Active' : 'Archived',
      notes: rand() < 0.1 ? 'Prefers email. Referred by a past couple.' : null,
      created_at: isoStamp(today - Math.floor(rand() * 900) * day - Math.floor(rand() * day)),
      currency,
    });
  }
  const invoices: SandboxInvoice[] = [];
  const payers = clients.filter((c) => c.type !== 'lead');
  for (let i = 0; i < opts.invoices; i++) {
    const client = i < 3 ? (clients[0] as SandboxClient) : pick(rand, payers);
    const scale = SCALE[client.currency] ?? 1;
    const id = makeId('in', rand);
    const [pkg, price] = pick(rand, PACKAGES);
    const lines: SandboxLineItem[] = [
      { id: makeId('ii', rand), name: pkg, quantity: 1, amount: Math.round(price * scale) },
    ];
    const extras = Math.floor(rand() * 3);
    for (let e = 0; e < extras; e++) {
      const [name, p] = pick(rand, EXTRAS);
      lines.push({
        id: makeId('ii', rand),
        name,
        quantity: 1 + Math.floor(rand() * 3),
        amount: Math.round(p * scale),
      });
    }
    const total = lines.reduce((s, l) => s + l.amount * l.quantity, 0);
    // Three years of invoices (or opts.years); some for events still ahead, due up to a year out.
    const ahead = opts.aheadShare !== undefined && rand() < opts.aheadShare;
    const created = ahead
      ? today - Math.floor(rand() * 365) * day
      : today - Math.floor(rand() * Math.round(365 * (opts.years ?? 3))) * day;
    const due = ahead
      ? today + (1 + Math.floor(rand() * 365)) * day
      : created + (14 + Math.floor(rand() * 60)) * day;
    // A small studio that gets paid: old invoices are nearly all settled, a few recent ones are late, and
    // those not yet due are partly paid (deposits) or sent. Drafts are recent.
    const roll = rand();
    let status: SandboxInvoice['status'];
    if (created > today - 30 * day && roll < 0.08) status = 'draft';
    else if (due < today - 45 * day)
      status = roll < 0.985 ? 'paid' : roll < 0.993 ? 'partially_paid' : 'overdue';
    else if (due < today) status = roll < 0.8 ? 'paid' : roll < 0.9 ? 'partially_paid' : 'overdue';
    else status = roll < 0.4 ? 'paid' : roll < 0.65 ? 'partially_paid' : 'sent';
    // A payment planned for a day still to come was made on some day since the invoice went out instead.
    const paidOn = (at: number) =>
      at <= today ? at : created + Math.floor(rand() * Math.max(1, (today - created) / day)) * day;
    const pay = (
      amount: number,
      at: number,
      s: SandboxPaymentStatus = 'completed',
      method = pick(rand, METHODS),
    ) => payment(id, amount, client.currency, isoDate(paidOn(at)), method, s, rand);
    const payments: SandboxPayment[] = [];
    const r = rand();
    if (status === 'paid') {
      // Most pay in one go; some pay a deposit first. A few had a failed attempt, a double charge that was
      // refunded, an overpayment partly refunded, or a payment now disputed.
      if (r < 0.03) payments.push(pay(total, created + 2 * day, 'failed', 'card'));
      if (r > 0.97) {
        const extra = Math.round(total * 0.1);
        const over = pay(total + extra, due - 2 * day, 'partially_refunded');
        over.refunded_amount = extra;
        payments.push(over);
      } else if (r > 0.955) {
        payments.push(pay(total, due - 2 * day, 'disputed', 'card'));
      } else if (opts.instalmentShare !== undefined && rand() < opts.instalmentShare) {
        const third = Math.round(total / 3 / 100) * 100;
        payments.push(
          pay(third, created + 3 * day),
          pay(third, created + Math.round((due - created) / 2 / day) * day),
          pay(total - 2 * third, due - day),
        );
      } else if (rand() < 0.3) {
        const deposit = Math.round((total * 0.3) / 100) * 100;
        payments.push(pay(deposit, created + 3 * day), pay(total - deposit, due - day));
      } else {
        payments.push(pay(total, Math.min(due, created + Math.floor(rand() * 30) * day)));
      }
      if (r > 0.93 && r <= 0.955) payments.push(pay(total, due, 'refunded', 'card'));
    } else if (status === 'partially_paid') {
      const deposit = Math.max(
        1,
        Math.min(total - 1, Math.round((total * (0.25 + rand() * 0.5)) / 100) * 100),
      );
      payments.push(pay(deposit, created + 3 * day));
      // A balance paid by bank transfer that has not cleared yet.
      if (r < 0.2 && created > today - 60 * day)
        payments.push(pay(total - deposit, today - day, 'pending', 'ach'));
    } else if (status === 'sent' && r < 0.1) {
      payments.push(pay(total, today - day, 'pending', 'ach'));
    }
    invoices.push({
      id,
      invoice_number: `INV-${String(1001 + i).padStart(4, '0')}`,
      client_id: client.id,
      currency: client.currency,
      status,
      due_date: isoDate(due),
      created_at: isoStamp(created),
      line_items: lines,
      payments,
      emailed: status !== 'draft',
    });
  }
  // A client exists before any invoice of theirs: "client since" is never after their first invoice.
  const firstInvoice = new Map<string, number>();
  for (const inv of invoices) {
    const at = Date.parse(inv.created_at);
    const seen = firstInvoice.get(inv.client_id);
    if (seen === undefined || at < seen) firstInvoice.set(inv.client_id, at);
  }
  for (const c of clients) {
    const first = firstInvoice.get(c.id);
    if (first !== undefined && Date.parse(c.created_at) > first) c.created_at = isoStamp(first - 7 * day);
  }
  return { clients, invoices };
}

// How clients pay: mostly by card, then bank (ACH), cash, check, and a pay-later provider.

function payment(
  invoiceId: string,
  amount: number,
  currency: string,
  date: string,
  method: string,
  status: SandboxPaymentStatus,
  rand: () => number,
): SandboxPayment {
  // Card and pay-later: 2.9% + 30 minor units; ACH: 0.8% capped at 500; cash and check: none.
  const fee =
    method === 'card' || method === 'pay_later'
      ? Math.round(amount * 0.029) + 30
      : method === 'ach'
        ? Math.min(500, Math.round(amount * 0.008))
        : null;
  return {
    id: makeId('ip', rand),
    invoice_id: invoiceId,
    amount,
    currency,
    payment_date: date,
    payment_method: method,
    status,
    transaction_fee: status === 'failed' ? null : fee,
    refunded_amount: status === 'refunded' ? amount : 0,
  };
}
