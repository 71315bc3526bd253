import { z } from 'zod';
import { calendarDate } from '../../pixieset/invoice-math.js';
import type { Contract, Questionnaire, StudioSession } from '../../pixieset/schemas.js';
import { clientName } from './client.js';
import { orNull } from './common.js';

// Contracts, questionnaires and sessions as results: allow-listed fields, dates as the API gives them.

export const contractOut = z.object({
  id: z.string(),
  contract_number: z.string().nullable(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  status: z.string().nullable(),
  template_name: z.string().nullable(),
  sent_date: z.string().nullable(),
  created_at: z.string().nullable(),
  due_date: z.string().nullable(),
  signed_date: z.string().nullable(),
});

// Sent, viewed or partly signed: out for signature.
export const UNSIGNED = new Set(['sent', 'viewed', 'partially_signed']);

export function toContractOut(c: Contract): z.output<typeof contractOut> {
  return {
    id: c.id,
    contract_number: orNull(c.contract_number),
    client_id: orNull(c.client_id ?? c.client?.id),
    client_name: c.client ? clientName(c.client) : null,
    status: orNull(c.status),
    template_name: orNull(c.template?.name ?? c.name),
    sent_date: orNull(calendarDate(c.sent_at ?? c.sent_date)),
    created_at: orNull(calendarDate(c.created_at)),
    due_date: orNull(calendarDate(c.due_date)),
    signed_date: orNull(calendarDate(c.signed_date ?? c.signed_at)),
  };
}

export const questionnaireOut = z.object({
  id: z.string(),
  name: z.string().nullable(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  status: z.string().nullable(),
  sent_date: z.string().nullable(),
  completed_date: z.string().nullable(),
  due_date: z.string().nullable(),
});

export function toQuestionnaireOut(q: Questionnaire): z.output<typeof questionnaireOut> {
  return {
    id: q.id,
    name: orNull(q.name ?? q.template?.name),
    client_id: orNull(q.client_id ?? q.client?.id),
    client_name: q.client ? clientName(q.client) : null,
    status: orNull(q.status),
    sent_date: orNull(calendarDate(q.sent_at ?? q.sent_date)),
    completed_date: orNull(calendarDate(q.completed_at ?? q.completed_date)),
    due_date: orNull(calendarDate(q.due_date)),
  };
}

export const sessionOut = z.object({
  id: z.string(),
  date: z.string().nullable(),
  start: z.string().nullable(),
  end: z.string().nullable(),
  session_type: z.string().nullable(),
  client_id: z.string().nullable(),
  client_name: z.string().nullable(),
  status: z.string().nullable(),
  location: z.string().nullable(),
});

// When a session starts, under any of the names an undocumented API may use.
export const sessionStart = (s: StudioSession) => s.start ?? s.start_time ?? s.starts_at ?? s.date ?? null;

export function toSessionOut(s: StudioSession): z.output<typeof sessionOut> {
  const start = sessionStart(s);
  return {
    id: s.id,
    date: orNull(calendarDate(start)),
    start: orNull(start),
    end: orNull(s.end ?? s.end_time ?? s.ends_at),
    session_type: orNull(s.session_type?.name ?? s.session_type_name ?? s.name),
    client_id: orNull(s.client_id ?? s.client?.id),
    client_name: s.client ? clientName(s.client) : null,
    status: orNull(s.status),
    location: orNull(s.location),
  };
}
