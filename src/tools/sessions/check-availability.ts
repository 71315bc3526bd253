import { z } from 'zod';
import { ValidationError } from '../../pixieset/errors.js';
import { defineTool, READ } from '../define.js';
import { int } from '../outputs/common.js';
import { plural } from '../render.js';

// A real IANA zone, or nothing is sent: checked against the zones this Node knows (Intl), after a shape check
// that keeps anything else out of the path.
function checkZone(zone: string): string {
  const shape = /^(UTC|[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){1,2})$/;
  let real = shape.test(zone);
  if (real) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: zone });
    } catch {
      real = false;
    }
  }
  if (!real)
    throw new ValidationError(
      `"${zone.slice(0, 60)}" is not an IANA time zone.`,
      {},
      'Give a zone such as Europe/London, America/New_York or UTC. Nothing was sent to Pixieset.',
    );
  return zone;
}

const dateArg = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .describe('A day, YYYY-MM-DD');
const monthArg = z
  .string()
  .regex(/^\d{4}-\d{2}$/)
  .describe('A month, YYYY-MM');

export const checkAvailability = defineTool({
  name: 'check_availability',
  toolset: 'sessions',
  endpoints: [
    'GET /session_types/{session_type_id}',
    'GET /session_types/{session_type_id}/check-day-avail/{day_path}',
    'GET /session_types/{session_type_id}/check-month-avail/{month_path}',
  ],
  title: 'Check availability',
  description:
    'Free start times on a date, or the days with free time in a month, for one offering (session_type_id from list_session_types). "Am I free on 14 June for a family mini?"',
  inputSchema: z.object({
    session_type_id: z.string().min(1).max(100).describe('Session type id (set_…), from list_session_types'),
    date: dateArg.optional(),
    month: monthArg.optional(),
    timezone: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe("IANA zone, e.g. Europe/London (default: the offering's, else UTC)"),
  }),
  outputSchema: z.object({
    session_type: z.object({
      id: z.string(),
      name: z.string().nullable(),
      duration_minutes: int().nullable(),
    }),
    // The day or month asked about.
    date: z.string().optional(),
    month: z.string().optional(),
    // Start times (HH:MM) on the day, or days (YYYY-MM-DD) of the month, as Pixieset gives them.
    available: z.array(z.string()),
    timezone: z.string(),
    // Where the zone came from: given, the offering's own, or UTC when neither says.
    timezone_from: z.enum(['given', 'session_type', 'default_utc']),
  }),
  annotations: READ,
  async handler({ session_type_id, date, month, timezone }, { pixieset, signal }) {
    if ((date === undefined) === (month === undefined))
      throw new ValidationError(
        'Give exactly one of date (YYYY-MM-DD) or month (YYYY-MM).',
        {},
        'Call check_availability with a date for the free times of a day, or a month for the days with free time. Nothing was sent to Pixieset.',
      );
    const parts = (date ?? `${month}-01`).split('-').map(Number) as [number, number, number];
    const [y, m, d] = parts;
    const real = new Date(Date.UTC(y, m - 1, d));
    if (m < 1 || m > 12 || real.getUTCDate() !== d || real.getUTCMonth() !== m - 1)
      throw new ValidationError(
        `${date ?? month} is not a real ${date ? 'date' : 'month'}.`,
        {},
        'Check it; nothing was sent to Pixieset.',
      );
    const zoneGiven = timezone === undefined ? undefined : checkZone(timezone);
    const type = await pixieset.sessionTypes.one(session_type_id, { signal });
    const ownZone = zoneGiven ? undefined : type.timezone ? safeZone(type.timezone) : undefined;
    const zone = zoneGiven ?? ownZone ?? 'UTC';
    const from: 'given' | 'session_type' | 'default_utc' = zoneGiven
      ? 'given'
      : ownZone
        ? 'session_type'
        : 'default_utc';
    const available = date
      ? await pixieset.sessionTypes.freeTimes(type.id, { y, m, d }, zone, { signal })
      : await pixieset.sessionTypes.freeDays(type.id, { y, m }, zone, { signal });
    const session_type = { id: type.id, name: type.name ?? null, duration_minutes: type.duration ?? null };
    const zoneWords =
      from === 'given'
        ? zone
        : from === 'session_type'
          ? `${zone} (the offering's zone)`
          : 'UTC (no zone given, and the offering names none)';
    const what = `${session_type.name ?? type.id}${session_type.duration_minutes ? ` (${session_type.duration_minutes} min)` : ''}`;
    const text = date
      ? available.length
        ? `${what} on ${date}, ${zoneWords}: ${plural(available.length, 'free start')} — ${available.join(', ')}.`
        : `${what} on ${date}, ${zoneWords}: no free time.`
      : available.length
        ? `${what} in ${month}, ${zoneWords}: ${plural(available.length, 'day')} with free time — ${available.join(', ')}.`
        : `${what} in ${month}, ${zoneWords}: no day with free time.`;
    return {
      structured: {
        session_type,
        ...(date ? { date } : { month }),
        available,
        timezone: zone,
        timezone_from: from,
      },
      text,
    };
  },
});

// The offering's own zone when it is a real one (an odd value from upstream is not put in a path).
function safeZone(zone: string): string | undefined {
  try {
    return checkZone(zone);
  } catch {
    return undefined;
  }
}
