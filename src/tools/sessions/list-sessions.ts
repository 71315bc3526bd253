import { z } from 'zod';
import { requireId } from '../../pixieset/ids.js';
import { byText } from '../../pixieset/order.js';
import { rangeArgs } from '../args.js';
import { fitRows } from '../budget.js';
import { checkRange, daysFromToday, inRange } from '../dates.js';
import { defineTool, READ } from '../define.js';
import { int } from '../outputs/common.js';
import { sessionOut, toSessionOut } from '../outputs/records.js';
import { plural, table } from '../render.js';

export const listSessions = defineTool({
  name: 'list_sessions',
  toolset: 'sessions',
  endpoints: ['GET /sessions'],
  gives: ['session'],
  title: 'List booked sessions',
  description:
    'Booked sessions (shoots) in a date range, soonest first; default the next 30 days. "What sessions do I have next week?"',
  inputSchema: z.object({
    ...rangeArgs('YYYY-MM-DD; default today', 'YYYY-MM-DD; default 30 days from today'),
    status: z.string().trim().min(1).max(40).optional().describe('Only this status, e.g. confirmed'),
  }),
  outputSchema: z.object({
    from: z.string(),
    to: z.string(),
    sessions: z.array(sessionOut),
    total: int(),
    truncated: z.boolean(),
  }),
  annotations: READ,
  async handler(args, { pixieset, signal, progress }) {
    const from = args.from ?? daysFromToday(0);
    const to = args.to ?? daysFromToday(30);
    checkRange(from, to);
    if (args.client_id !== undefined) requireId(args.client_id, 'client', pixieset.ids);
    // No filters are documented for /sessions: every page is read and the dates are chosen here.
    const all = await pixieset.records.sessions({ signal, onProgress: progress });
    const sessions = all.items
      .map(toSessionOut)
      .filter(
        (s) =>
          inRange(s.date ?? undefined, from, to) &&
          (!args.client_id || s.client_id === args.client_id) &&
          (!args.status || s.status?.toLowerCase() === args.status.toLowerCase()),
      )
      .sort((a, b) => byText(a.start ?? '', b.start ?? ''));
    return fitRows(sessions, (shown, leftOut) => ({
      structured: { from, to, sessions: shown, total: sessions.length, truncated: leftOut > 0 },
      text: [
        `${plural(sessions.length, 'session')} from ${from} to ${to}${args.client_id ? ` for ${args.client_id}` : ''}.`,
        shown.length
          ? table(
              ['when', 'type', 'client', 'status', 'where', 'id'],
              shown.map((s) => [
                s.start?.replace('T', ' ').slice(0, 16) ?? s.date,
                s.session_type,
                s.client_name,
                s.status,
                s.location,
                s.id,
              ]),
            )
          : '',
        leftOut ? `${leftOut} more did not fit: narrow from/to.` : '',
      ]
        .filter(Boolean)
        .join('\n'),
    }));
  },
});
