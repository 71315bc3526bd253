import { freeStarts, sessionTypesOf } from '../session-types.js';
import { NOT_OFFERED } from '../studio.js';
import type { Route } from './route.js';

// The studio's offerings, as the docs list them (no paging documented: one page of everything).
// The zone in a path, as the docs write it (Europe/London): real zones only, else the day cannot be read.
const zoneOk = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

// A time in a zone, as HH:MM (en-GB, 24 hours).
const localTime = (ms: number, zone: string) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: zone,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(ms);

const BAD_DATE = { status: 422, body: { message: 'The date is invalid.' } };

// Availability answers are not shown in the docs: the sandbox answers a day with its free start times in the zone
// asked for ({ data: { date, timezone, times: ["09:00", …] } }) and a month with its days that have any
// ({ data: { month, timezone, days: ["2025-08-07", …] } }). Months and days are unpadded in the path, as the
// docs write them (2025-8-7-Europe/London); a padded one is not a path this API knows.
export const sessionTypeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/session_types\/([^/]+)\/check-day-avail\/(\d{4})-([1-9]|1[0-2])-([1-9]|[12]\d|3[01])-(.+)$/,
    handler: ({ studio, match }) => {
      const type = sessionTypesOf(studio).find((x) => x.id === match[1]);
      if (!type) return { status: 404, body: { message: 'Session type not found.' } };
      const [, , y, m, d, zone = ''] = match;
      if (!zoneOk(zone)) return BAD_DATE;
      const day = `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const times = freeStarts(studio, type, day).map((t) => localTime(t, zone));
      return { status: 200, body: { data: { date: day, timezone: zone, times } } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/session_types\/([^/]+)\/check-month-avail\/(\d{4})-([1-9]|1[0-2])-(.+)$/,
    handler: ({ studio, match }) => {
      const type = sessionTypesOf(studio).find((x) => x.id === match[1]);
      if (!type) return { status: 404, body: { message: 'Session type not found.' } };
      const [, , y, m, zone = ''] = match;
      if (!zoneOk(zone)) return BAD_DATE;
      const month = `${y}-${String(m).padStart(2, '0')}`;
      const last = new Date(Date.UTC(Number(y), Number(m), 0)).getUTCDate();
      const days: string[] = [];
      for (let d = 1; d <= last; d++) {
        const day = `${month}-${String(d).padStart(2, '0')}`;
        if (freeStarts(studio, type, day).length) days.push(day);
      }
      return { status: 200, body: { data: { month, timezone: zone, days } } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/session_types$/,
    handler: ({ studio, q }) =>
      studio.offers('sessions') ? studio.page(sessionTypesOf(studio), q, 'per_page', (s) => s) : NOT_OFFERED,
  },
  {
    method: 'GET',
    pattern: /^\/session_types\/([^/]+)$/,
    handler: ({ studio, match }) => {
      if (!studio.offers('sessions')) return NOT_OFFERED;
      const s = sessionTypesOf(studio).find((x) => x.id === match[1]);
      return s
        ? { status: 200, body: { data: s } }
        : { status: 404, body: { message: 'Session type not found.' } };
    },
  },
];
