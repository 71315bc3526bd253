import { z } from 'zod';
import { TEMPLATE_KINDS } from '../../pixieset/resources/templates.js';
import { defineTool, READ } from '../define.js';
import { renderAll } from '../list-page.js';
import { int } from '../outputs/common.js';
import { plural } from '../render.js';
import { templateOut, toTemplateOut } from './template-out.js';

export const listTemplates = defineTool({
  name: 'list_templates',
  toolset: 'invoices',
  endpoints: [
    'GET /templates/invoices',
    'GET /templates/quotes',
    'GET /templates/contracts',
    'GET /templates/questionnaires',
    'GET /templates/emails',
  ],
  gives: [
    'template',
    'invoice_template',
    'quote_template',
    'contract_template',
    'questionnaire_template',
    'email_template',
  ],
  title: 'List templates',
  description:
    'Templates of one kind, the default marked: invoice (payment terms), quote (packages), contract, questionnaire (question count) or email (subject). Ids for get_template.',
  inputSchema: z.object({
    kind: z.enum(TEMPLATE_KINDS).describe('invoice, quote, contract, questionnaire or email'),
  }),
  outputSchema: z.object({ templates: z.array(templateOut), count: int() }),
  annotations: READ,
  async handler({ kind }, { pixieset, signal, progress }) {
    const all = await pixieset.templates.list(kind, { signal, onProgress: progress });
    const rows = all.items.map((t) => toTemplateOut(t, kind));
    const extra = (t: (typeof rows)[number]) =>
      t.payment_terms_days !== undefined
        ? `due in ${t.payment_terms_days} days`
        : t.question_count !== undefined
          ? plural(t.question_count, 'question')
          : (t.subject ?? '');
    type Row = (typeof rows)[number];
    return renderAll({
      key: 'templates',
      rows,
      head: `${plural(rows.length, `${kind} template`)}.`,
      columns: [
        ['name', (t: Row) => t.name],
        ['default', (t: Row) => (t.is_default ? 'default' : '')],
        ['status', (t: Row) => t.status],
        ['detail', extra],
        ['id', (t: Row) => t.id],
      ],
      empty: `No ${kind} templates.`,
    });
  },
});
