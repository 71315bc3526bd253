import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { Toolset } from '../server-identity.js';

// Prompts a user picks from the host's menu: each a short message telling the model which tools to use and
// what to produce. None sends anything by itself: the ones about clients produce drafts for the photographer.

const user = (text: string) => ({
  messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }],
});

// The month before `now`, YYYY-MM.
const lastMonth = (now = new Date()) => {
  const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
};

// Registers the prompts of the chosen toolsets; returns each one's name with its arguments that take a client
// id (completion/complete completes those from a name typed: see completions.ts).
export function registerPrompts(server: McpServer, toolsets: readonly Toolset[]): Record<string, string[]> {
  const has = (...need: Toolset[]) => need.every((t) => toolsets.includes(t));
  const clientArgs = new Set<unknown>();
  const clientArg = (what: string) => {
    const arg = z.string().describe(what);
    clientArgs.add(arg);
    return arg;
  };
  const registered: Record<string, string[]> = {};
  const register: McpServer['registerPrompt'] = (name, config, cb) => {
    registered[name] = Object.entries(config.argsSchema ?? {})
      .filter(([, s]) => clientArgs.has(s instanceof z.ZodOptional ? s.unwrap() : s))
      .map(([arg]) => arg);
    return server.registerPrompt(name, config, cb);
  };

  if (has('invoices'))
    register(
      'overdue_follow_up',
      {
        title: 'Follow up on overdue invoices',
        description:
          'Reviews who owes money and drafts a reminder per overdue client, for you to send. Drafts only.',
        argsSchema: {
          client_id: clientArg('One client only (cl_…); type a name to find them').optional(),
          tone: z.enum(['friendly', 'firm']).optional().describe('friendly (default) or firm'),
        },
      },
      ({ client_id, tone }) =>
        user(
          [
            `Call get_receivables${client_id ? ` with client_id ${client_id}` : ''} with min_days_overdue 1.`,
            `For each client with money overdue, draft a short ${tone ?? 'friendly'} reminder email from me to them: the invoice numbers, amounts and due dates from the answer, the total overdue, and a polite request to pay or reply if something is wrong.${tone === 'firm' ? ' Be clear and direct; mention that the amounts are past due and ask for payment within 7 days.' : ' Keep it warm; assume good faith.'}`,
            'Show me the drafts to review, most overdue first. Do not send anything and do not create or change anything in Pixieset.',
          ].join('\n'),
        ),
    );
  if (has('clients'))
    register(
      'client_brief',
      {
        title: 'Brief me on a client',
        description:
          'Everything about one client before a call: money, contracts, questionnaires, sessions, galleries.',
        argsSchema: { client_id: clientArg('The client (cl_…); type a name to find them') },
      },
      ({ client_id }) =>
        user(
          [
            `Call get_client_overview with client_id ${client_id}.`,
            'Give me a one-screen brief for a call with them: who they are and how to reach them; what they have paid and what they owe (say clearly if anything is overdue); contracts waiting for a signature; questionnaires not yet answered; their next session; their galleries and when they expire.',
            'End with two or three things worth raising on the call. If a section was unavailable, say so in one line.',
          ].join('\n'),
        ),
    );
  if (has('payments', 'invoices'))
    register(
      'month_end_report',
      {
        title: 'Month-end report',
        description:
          'Revenue, fees, refunds and what is still owed for a month, compared with the month before.',
        argsSchema: {
          month: z
            .string()
            .regex(/^\d{4}-\d{2}$/)
            .optional()
            .describe('YYYY-MM; default last month'),
        },
      },
      ({ month }) => {
        const m = month ?? lastMonth();
        const [y, mo] = m.split('-').map(Number) as [number, number];
        const prev = new Date(Date.UTC(y, mo - 2, 1)).toISOString().slice(0, 7);
        const end = (ym: string) => {
          const [yy, mm] = ym.split('-').map(Number) as [number, number];
          return new Date(Date.UTC(yy, mm, 0)).toISOString().slice(0, 10);
        };
        return user(
          [
            `Call revenue_report with from ${m}-01 and to ${end(m)}, then again with from ${prev}-01 and to ${end(prev)}.`,
            'Then call get_receivables.',
            `Write a short month-end report for ${m}: money received, refunds, processor fees and net, per currency; what was invoiced; the change against ${prev} in percent; and what is still owed and overdue today. Use the formatted amounts from the answers; do not compute totals yourself.`,
          ].join('\n'),
        );
      },
    );
  if (has('sessions', 'contracts', 'galleries', 'invoices'))
    register(
      'weekly_studio_briefing',
      {
        title: 'Weekly studio briefing',
        description:
          'The week ahead: sessions, unsigned contracts, pending questionnaires, galleries expiring, overdue invoices.',
      },
      () =>
        user(
          [
            'Call list_sessions (the next 7 days), list_contracts with status unsigned, list_questionnaires with status pending, list_galleries with status expiring and days 7, and get_receivables with min_days_overdue 1.',
            'Write my briefing for the week: the sessions day by day; then what needs chasing — contracts to get signed, questionnaires to get back, galleries about to expire, clients who owe money. Keep it to one screen; name clients, not ids. Do not send or change anything.',
          ].join('\n'),
        ),
    );
  return registered;
}
