import type { z } from 'zod';
import { inboxOf } from '../src/sandbox/conversations.js';
import type { Sandbox } from '../src/sandbox/sandbox.js';
import { sessionTypesOf } from '../src/sandbox/session-types.js';
import { templatesOf } from '../src/sandbox/templates.js';
import { ALL_TOOLS } from '../src/tools/index.js';

// A typical value for each argument a tool requires, by the argument's name, from the sandbox's own data: so a
// test can call every tool without a hand-kept list of tools. A new tool whose required argument has a name not
// here fails with a message saying to add it.
function valueFor(arg: string, sb: Sandbox): unknown {
  const values: Record<string, () => unknown> = {
    client_id: () => sb.clients[0]?.id,
    invoice_id: () => sb.invoices[0]?.id,
    contract_id: () => sb.studio.contracts[0]?.id,
    session_type_id: () => sessionTypesOf(sb.studio)[0]?.id,
    kind: () => 'invoice',
    template_id: () => templatesOf(sb.studio).quotes[0]?.id,
    questionnaire_id: () => sb.studio.questionnaires.find((q) => q.status === 'completed')?.id,
    gallery_id: () => sb.studio.collections[0]?.id,
    query: () => 'doe',
    first_name: () => 'New',
    last_name: () => 'Person',
    email: () => `new.person.${Math.random().toString(36).slice(2, 8)}@example.net`,
    line_items: () => [{ name: 'Session', unit_price: '300' }],
    id: () => 'cl_nope',
    text: () => 'Thank you, see you soon!',
  };
  const make = values[arg];
  if (!make) throw new Error(`test/samples.ts has no sample value for the required argument "${arg}"`);
  return make();
}

// What a tool needs besides its required arguments for a call that does something (update_client needs at
// least one field to change, get_invoice one of its two ways to name the invoice).
const BESIDES: Record<string, (sb: Sandbox) => Record<string, unknown>> = {
  update_client: () => ({ notes: 'Prefers morning sessions.' }),
  get_invoice: () => ({ invoice_number: 'INV-1003' }),
  get_conversation: (sb) => ({ conversation_id: inboxOf(sb.studio).conversations[0]?.id }),
  // A typical call on a host that cannot ask: the preview (the real send needs the user's yes).
  check_availability: () => ({ date: `${new Date().getUTCFullYear() + 1}-06-09` }),
  send_message: (sb) => ({ conversation_id: inboxOf(sb.studio).conversations[0]?.id, dry_run: true }),
  // A line given, one from an offering sold in the studio's currency, and the due date from a template.
  create_invoice: (sb) => ({
    line_items: [{ name: 'Session', unit_price: '300' }],
    from_session_type_id: sessionTypesOf(sb.studio)[0]?.id,
    template_id: templatesOf(sb.studio).invoices[0]?.id,
  }),
};

// The arguments a tool requires, each with its sample value (and BESIDES).
export function sampleArgs(tool: string, sb: Sandbox): Record<string, unknown> {
  const def = ALL_TOOLS.find((t) => t.name === tool);
  if (!def) throw new Error(`no tool ${tool}`);
  const required = Object.entries(def.inputSchema.shape)
    .filter(([, s]) => !(s as z.ZodType).safeParse(undefined).success)
    .map(([name]) => name);
  return {
    ...Object.fromEntries(required.map((name) => [name, valueFor(name, sb)])),
    ...BESIDES[tool]?.(sb),
  };
}
