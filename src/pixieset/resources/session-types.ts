import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { listIn, parseOne } from '../envelope.js';
import { requireId } from '../ids.js';
import type { AllRows, ProgressOption } from '../paginate.js';
import type { CallOptions } from '../request.js';
import { type SessionType, sessionTypeSchema } from '../schemas.js';
import { Resource } from './resource.js';

// The studio's offerings (docs/studio-api/sessions.md, D+): what it sells, for how long, at what price and deposit.
export class SessionTypesApi extends Resource {
  // Every session type, each once (no paging is documented: pages are followed if the API gives them).
  all(o: CallOptions & ProgressOption = {}): Promise<AllRows<SessionType>> {
    const t = 'GET /session_types/';
    return this.allRows(t, sessionTypeSchema, { area: 'session types' }, o);
  }

  // The free start times of one day, in `zone` (an IANA zone, already checked), as Pixieset writes them.
  freeTimes(
    id: string,
    day: { y: number; m: number; d: number },
    zone: string,
    o: CallOptions = {},
  ): Promise<string[]> {
    const t = 'GET /session_types/{session_type_id}/check-day-avail/{day_path}';
    const params = {
      session_type_id: requireId(id, 'session_type', this.idCheck),
      // As the docs write it: unpadded month and day, then the zone with its slash (2025-8-7-Europe/London).
      day_path: `${day.y}-${day.m}-${day.d}-${zone}`,
    };
    return this.http.json(t, { ...o, params, area: 'availability' }, (b) =>
      listIn(b, t, ['times', 'slots', 'available_times', 'available'], ['start', 'time', 'start_time']),
    );
  }

  // The days of a month with any free time, in `zone`, as Pixieset writes them.
  freeDays(
    id: string,
    month: { y: number; m: number },
    zone: string,
    o: CallOptions = {},
  ): Promise<string[]> {
    const t = 'GET /session_types/{session_type_id}/check-month-avail/{month_path}';
    const params = {
      session_type_id: requireId(id, 'session_type', this.idCheck),
      month_path: `${month.y}-${month.m}-${zone}`,
    };
    return this.http.json(t, { ...o, params, area: 'availability' }, (b) =>
      listIn(b, t, ['days', 'dates', 'available_days', 'available'], ['date', 'day']),
    );
  }

  // One session type.
  one(id: string, o: CallOptions = {}): Promise<SessionType> {
    const t = 'GET /session_types/{session_type_id}';
    const params = { session_type_id: requireId(id, 'session_type', this.idCheck) };
    return this.http.json(t, { ...o, params, area: 'session types' }, (b) =>
      parseOne(sessionTypeSchema, b, t),
    );
  }
}

const fields = {
  id: { kind: 'id', required: true },
  name: { kind: 'string' },
  status: { kind: 'string' },
  duration: { kind: 'integer' },
  payment_amount_full: { kind: 'integer' },
  payment_amount_partial: { kind: 'integer' },
  currency: { kind: 'string' },
} as const;

// What the drift report checks at each endpoint read here.
export const PROBES: EndpointSpec[] = [
  {
    template: 'GET /session_types/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1 },
    fields,
    known: [...keysOf(sessionTypeSchema), 'minimum_notice_duration', 'maximum_notice_duration'],
  },
  {
    template: 'GET /session_types/{session_type_id}',
    host: 'studio',
    list: false,
    idFrom: { template: 'GET /session_types/', field: 'id', param: 'session_type_id' },
    fields,
    known: [...keysOf(sessionTypeSchema), 'minimum_notice_duration', 'maximum_notice_duration'],
  },
];

// Read but never probed: a path that needs a date and a zone, and an answer the docs do not show (a change is
// still seen: the tool says what it could not find).
export const UNPROBED: readonly string[] = [
  'GET /session_types/{session_type_id}/check-day-avail/{day_path}',
  'GET /session_types/{session_type_id}/check-month-avail/{month_path}',
];
