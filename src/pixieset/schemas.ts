import { z } from 'zod';
import { MAX_MESSAGE_CHARS, safeBlock, safeLine } from './safe-text.js';

// Tolerant schemas: unknown fields pass through, most fields may be missing or null, ids may arrive as numbers.
// Every string read here is made safe to show (one line, no invisible or reordering characters, bounded), so
// no field from upstream can forge the server's own lines; numbers must be exact (safe integers) or fail.

const idLike = z.union([z.string().min(1), z.number()]).transform((v) => safeLine(String(v), 200));
const text = z
  .union([z.string(), z.number()])
  .transform((v) => safeLine(String(v)))
  .nullish();
const exact = 'an integer too large to be exact (more than 2^53)';
const intLike = z.union([
  z.number().refine(Number.isSafeInteger, exact),
  z
    .string()
    .regex(/^-?\d+$/)
    .transform(Number)
    .refine(Number.isSafeInteger, exact),
]);
// A count the API may leave out or null: undefined then.
export const count = intLike.nullish().transform((v) => v ?? undefined);

export const clientSchema = z.looseObject({
  id: idLike,
  first_name: text,
  last_name: text,
  email: text,
  phone: text,
  company: text,
  type: text,
  status_name: text,
  notes: text,
  created_at: text,
});
export type Client = z.infer<typeof clientSchema>;

const clientRefSchema = z.looseObject({
  id: idLike,
  first_name: text,
  last_name: text,
  email: text,
});

const lineItemSchema = z.looseObject({
  id: idLike.nullish(),
  name: text,
  description: text,
  quantity: intLike.nullish(),
  amount: intLike.nullish(),
  amount_formatted: text,
});

const money = intLike.nullish();

// A payment, as an invoice's detail and the payments list give it. Fees and refunds only where the API says.
export const paymentSchema = z.looseObject({
  id: idLike.nullish(),
  invoice_id: idLike.nullish(),
  invoice_number: text,
  amount: money,
  currency: text,
  payment_date: text,
  payment_method: text,
  status: text,
  transaction_fee: money,
  processor_fee: money,
  net_amount: money,
  // Not in the docs: taken when some studio's API gives it.
  refunded_amount: money,
  amount_refunded: money,
  client_id: idLike.nullish(),
  client: clientRefSchema.nullish(),
  invoice: z.looseObject({ id: idLike.nullish(), invoice_number: text }).nullish(),
});
export type Payment = z.infer<typeof paymentSchema>;

export const invoiceSchema = z.looseObject({
  id: idLike,
  invoice_number: text,
  client_id: idLike.nullish(),
  client: clientRefSchema.nullish(),
  amount: intLike,
  amount_formatted: text,
  amount_paid: intLike.nullish(),
  amount_due: intLike.nullish(),
  currency: text,
  status: text,
  due_date: text,
  // The invoice's own date, where the API gives one (else created_at stands for it).
  issue_date: text,
  invoice_date: text,
  created_at: text,
  line_items: z.array(lineItemSchema).nullish(),
  payments: z.array(paymentSchema).nullish(),
});
export type Invoice = z.infer<typeof invoiceSchema>;

const templateRef = z.looseObject({ id: idLike.nullish(), name: text }).nullish();

// A contract (D grade): list rows, and with expand=all its signatures. Its body text is never read into tools.
export const contractSchema = z.looseObject({
  id: idLike,
  contract_number: text,
  status: text,
  client_id: idLike.nullish(),
  client: clientRefSchema.nullish(),
  template: templateRef,
  name: text,
  created_at: text,
  sent_at: text,
  sent_date: text,
  due_date: text,
  signed_date: text,
  signed_at: text,
  signatures: z
    .array(
      z.looseObject({
        signer_type: text,
        signer_name: text,
        name: text,
        email: text,
        signed_at: text,
      }),
    )
    .nullish(),
});
export type Contract = z.infer<typeof contractSchema>;

// A questionnaire (D grade).
export const questionnaireSchema = z.looseObject({
  id: idLike,
  name: text,
  status: text,
  client_id: idLike.nullish(),
  client: clientRefSchema.nullish(),
  template: templateRef,
  created_at: text,
  sent_at: text,
  sent_date: text,
  completed_at: text,
  completed_date: text,
  due_date: text,
  // The detail's answers (expand=responses): the label a studio wrote, and the client's answer — a text, a
  // number, a list of choices or nothing. An answer is the client's own words (safeBlock).
  responses: z
    .array(
      z.looseObject({
        field_name: text,
        field_label: text,
        response: z
          .union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))])
          .transform((v) => safeBlock(Array.isArray(v) ? v.join(', ') : String(v), MAX_MESSAGE_CHARS))
          .nullish(),
      }),
    )
    .nullish(),
});
export type Questionnaire = z.infer<typeof questionnaireSchema>;

// A booked session: nothing is documented, so every field is optional and read under several names.
export const sessionSchema = z.looseObject({
  id: idLike,
  status: text,
  start: text,
  start_time: text,
  starts_at: text,
  date: text,
  end: text,
  end_time: text,
  ends_at: text,
  client_id: idLike.nullish(),
  client: clientRefSchema.nullish(),
  session_type: z.looseObject({ id: idLike.nullish(), name: text }).nullish(),
  session_type_name: text,
  name: text,
  location: text,
});
export type StudioSession = z.infer<typeof sessionSchema>;

// A client's gallery collection as the Studio side lists it (fields unknown beyond these).
// What both sides say of a collection: its id, name and counts.
const collectionBasics = {
  id: idLike,
  name: text,
  photo_count: intLike.nullish(),
  video_count: intLike.nullish(),
};
export const clientCollectionSchema = z.looseObject({
  ...collectionBasics,
  expiry_date: text,
  created_at: text,
});
export type ClientCollection = z.infer<typeof clientCollectionSchema>;

// A gallery collection (the Gallery API). Only these fields are read: secrets it may carry (a password, a
// download PIN, sharing tokens) are never picked up, so nothing downstream can show them.
export const collectionSchema = z.object({
  ...collectionBasics,
  gallery_count: intLike.nullish(),
  client_count: intLike.nullish(),
  expiry_date: text,
  password_protected: z.boolean().nullish(),
  downloadable: z.boolean().nullish(),
  created_at: text,
});
export type Collection = z.infer<typeof collectionSchema>;

// A set (gallery) inside a collection.
export const gallerySetSchema = z.object({ id: idLike, name: text, photo_count: intLike.nullish() });

// Someone with access to a collection.
export const galleryClientSchema = z.object({
  email: text,
  name: text,
  access_level: text,
  last_accessed: text,
  favorites_count: intLike.nullish(),
});

// An activity row: who did what, when (download and photo URLs are never read).
export const galleryEventSchema = z.object({
  id: idLike.nullish(),
  email: text,
  photo_name: text,
  video_name: text,
  list_name: text,
  downloaded_at: text,
  created_at: text,
  visited_at: text,
});
export type GalleryEvent = z.infer<typeof galleryEventSchema>;

// The inbox (docs/studio-api/conversations.md, never seen live). A message's content is the client's own words:
// kept as lines (safeBlock), never one of the server's. Attachments are read for their name and size only: their
// links are private and never read.
const attachmentSchema = z.looseObject({ filename: text, file_size: intLike.nullish(), content_type: text });
export const messageSchema = z.looseObject({
  id: idLike.nullish(),
  content: z
    .union([z.string(), z.number()])
    .transform((v) => safeBlock(String(v), MAX_MESSAGE_CHARS))
    .nullish(),
  sent_at: text,
  sender_type: text,
  sender_id: idLike.nullish(),
  read_at: text,
  attachments: z.array(attachmentSchema).nullish(),
});
export type Message = z.infer<typeof messageSchema>;

const participantSchema = z.looseObject({ id: idLike.nullish(), name: text, email: text, type: text });
export const conversationSchema = z.looseObject({
  id: idLike,
  client_id: idLike.nullish(),
  subject: text,
  created_at: text,
  updated_at: text,
  last_message_at: text,
  unread_count: count,
  status: text,
  participants: z.array(participantSchema).nullish(),
  messages: z.array(messageSchema).nullish(),
});
export type Conversation = z.infer<typeof conversationSchema>;

// An offering (docs/studio-api/sessions.md, D+): duration in minutes; the full price and the deposit
// (payment_amount_partial) in the currency's minor units.
export const sessionTypeSchema = z.looseObject({
  id: idLike,
  name: text,
  status: text,
  duration: intLike.nullish(),
  location: text,
  description: text,
  payment_amount_full: intLike.nullish(),
  payment_amount_partial: intLike.nullish(),
  currency: text,
  collect_payment: z.union([z.boolean(), z.number(), z.string()]).nullish(),
  timezone: text,
});
export type SessionType = z.infer<typeof sessionTypeSchema>;

// A coupon (docs/studio-api/coupons.md, D?): a percentage, or a fixed amount in minor units.
export const couponSchema = z.looseObject({
  id: idLike,
  code: text,
  discount_type: text,
  discount_value: intLike.nullish(),
  status: text,
  usage_count: intLike.nullish(),
  usage_limit: intLike.nullish(),
  expires_at: text,
});
export type Coupon = z.infer<typeof couponSchema>;

// One use of a coupon (GET /coupons/{id}/activity, D?): on which invoice, by whom, how much it took off.
export const couponUseSchema = z.looseObject({
  id: idLike,
  invoice_id: idLike.nullish(),
  client_id: idLike.nullish(),
  discount_applied: intLike.nullish(),
  used_at: text,
  // The docs' example names the client without an id.
  client: z.looseObject({ first_name: text, last_name: text, email: text }).nullish(),
});
export type CouponUse = z.infer<typeof couponUseSchema>;

// A gift card's code is bearer money: only its last four characters are ever read into the server.
const maskedCode = z
  .union([z.string(), z.number()])
  .transform((v) => {
    const code = safeLine(String(v), 200);
    return code.length <= 4 ? '••••' : `••••${code.slice(-4)}`;
  })
  .nullish();
export const giftCardSchema = z.looseObject({
  id: idLike,
  code: maskedCode,
  amount: intLike.nullish(),
  balance: intLike.nullish(),
  currency: text,
  status: text,
  expires_at: text,
  purchased_by: z.looseObject({ first_name: text, last_name: text, email: text }).nullish(),
});
export type GiftCard = z.infer<typeof giftCardSchema>;

// A template of any kind (docs/studio-api/templates.md: paths D+, bodies D?). What each kind is known to carry;
// a quote template's packages and items when given. Bodies (HTML, contract text) are read for their length and
// a bounded excerpt of a plain-text body only.
const itemSchema = z.looseObject({
  name: text,
  price: intLike.nullish(),
  amount: intLike.nullish(),
  unit_price: intLike.nullish(),
  quantity: intLike.nullish(),
});
const bodyLength = z
  .string()
  .transform((v) => v.length)
  .nullish();
export const templateSchema = z.looseObject({
  id: idLike,
  name: text,
  description: text,
  status: text,
  is_default: z.union([z.boolean(), z.number()]).nullish(),
  currency: text,
  tax_inclusive: z.union([z.boolean(), z.number()]).nullish(),
  payment_terms_days: intLike.nullish(),
  late_fee_enabled: z.union([z.boolean(), z.number()]).nullish(),
  questions_count: intLike.nullish(),
  required_questions_count: intLike.nullish(),
  subject: text,
  category: text,
  packages: z.array(z.looseObject({ name: text, items: z.array(itemSchema).nullish() })).nullish(),
  line_items: z.array(itemSchema).nullish(),
  items: z.array(itemSchema).nullish(),
  text_body: z
    .string()
    .transform((v) => ({ chars: v.length, excerpt: safeBlock(v, 500) }))
    .nullish(),
  html_body: bodyLength,
  content: bodyLength,
});
export type Template = z.infer<typeof templateSchema>;
