import { z } from 'zod';
import { formatMoney } from '../../pixieset/money.js';
import type { TemplateKind } from '../../pixieset/resources/templates.js';
import type { Template } from '../../pixieset/schemas.js';
import { int } from '../outputs/common.js';

// A template as list_templates and get_template give it: what every kind has, and what each kind is known to
// carry (only the fields Pixieset gave).
export const templateOut = z.object({
  id: z.string(),
  kind: z.enum(['invoice', 'quote', 'contract', 'questionnaire', 'email']),
  name: z.string().nullable(),
  status: z.string().nullable(),
  is_default: z.boolean(),
  description: z.string().optional(),
  payment_terms_days: int().optional(),
  currency: z.string().optional(),
  question_count: int().optional(),
  required_question_count: int().optional(),
  subject: z.string().optional(),
  // A body's length, and a plain-text body's first 500 characters (never a whole body).
  body_chars: int().optional(),
  body_excerpt: z.string().optional(),
});
export type TemplateOut = z.output<typeof templateOut>;

const truthy = (v: boolean | number | null | undefined) => v === true || v === 1;

export function toTemplateOut(t: Template, kind: TemplateKind, defaultId?: string): TemplateOut {
  const body = t.text_body?.chars ?? t.html_body ?? t.content ?? undefined;
  return {
    id: t.id,
    kind,
    name: t.name ?? null,
    status: t.status ?? null,
    is_default: truthy(t.is_default) || t.id === defaultId,
    ...(t.description ? { description: t.description } : {}),
    ...(t.payment_terms_days !== undefined && t.payment_terms_days !== null
      ? { payment_terms_days: t.payment_terms_days }
      : {}),
    ...(t.currency ? { currency: t.currency.toLowerCase() } : {}),
    ...(t.questions_count !== undefined && t.questions_count !== null
      ? { question_count: t.questions_count }
      : {}),
    ...(t.required_questions_count !== undefined && t.required_questions_count !== null
      ? { required_question_count: t.required_questions_count }
      : {}),
    ...(t.subject ? { subject: t.subject } : {}),
    ...(body !== undefined ? { body_chars: body } : {}),
    ...(t.text_body ? { body_excerpt: t.text_body.excerpt } : {}),
  };
}

export const itemOut = z.object({
  package: z.string().nullable(),
  name: z.string().nullable(),
  price_minor: int().nullable(),
  price: z.string().nullable(),
  quantity: int().nullable(),
});

// A quote template's packages and items (or its plain items), in the studio's currency.
export function itemsOf(t: Template, currency: string): Array<z.output<typeof itemOut>> {
  const row = (pkg: string | null, i: NonNullable<Template['items']>[number]) => {
    const price = i.price ?? i.unit_price ?? i.amount ?? null;
    return {
      package: pkg,
      name: i.name ?? null,
      price_minor: price,
      price: price === null ? null : formatMoney(price, currency),
      quantity: i.quantity ?? null,
    };
  };
  return [
    ...(t.packages ?? []).flatMap((p) => (p.items ?? []).map((i) => row(p.name ?? null, i))),
    ...(t.line_items ?? t.items ?? []).map((i) => row(null, i)),
  ];
}
