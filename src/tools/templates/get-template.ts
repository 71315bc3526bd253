import { z } from 'zod';
import { defineTool, READ } from '../define.js';
import { plural, table } from '../render.js';
import { itemOut, itemsOf, templateOut, toTemplateOut } from './template-out.js';

export const getTemplate = defineTool({
  name: 'get_template',
  toolset: 'invoices',
  endpoints: [
    'GET /templates/invoices/{template_id}',
    'GET /templates/quotes/{template_id}',
    'GET /templates/contracts/{template_id}',
    'GET /templates/questionnaires/{template_id}',
    'GET /templates/emails/{template_id}',
  ],
  title: 'Get a template',
  description:
    "One template by id (itp_, qp_, ct_, qt_ or et_, from list_templates); a quote template's packages and items. A body is given by its length and at most a short excerpt.",
  inputSchema: z.object({
    template_id: z.string().min(1).max(100).describe('Template id, from list_templates'),
  }),
  outputSchema: z.object({ template: templateOut, items: z.array(itemOut) }),
  annotations: READ,
  async handler({ template_id }, { pixieset, signal, config }) {
    const t = await pixieset.templates.one(template_id, { signal });
    const template = toTemplateOut(t, t.kind);
    const items = itemsOf(t, template.currency ?? config.currency);
    const lines = [
      `${t.kind[0]?.toUpperCase()}${t.kind.slice(1)} template "${template.name ?? template.id}"${template.is_default ? ' (default)' : ''}, ${template.status ?? 'status not given'}.`,
      ...(template.payment_terms_days !== undefined
        ? [`Payment terms: due ${template.payment_terms_days} days after issue.`]
        : []),
      ...(template.question_count !== undefined
        ? [
            `${plural(template.question_count, 'question')}${template.required_question_count !== undefined ? `, ${template.required_question_count} required` : ''}.`,
          ]
        : []),
      ...(template.subject ? [`Subject: ${template.subject}`] : []),
      ...(template.body_chars !== undefined
        ? [
            `Body: ${template.body_chars} characters${template.body_excerpt ? ', beginning:' : ' (not shown).'}`,
          ]
        : []),
      ...(template.body_excerpt
        ? [
            template.body_excerpt
              .split('\n')
              .map((l) => `| ${l}`)
              .join('\n'),
          ]
        : []),
      ...(items.length
        ? [
            table(
              ['package', 'item', 'price', 'qty'],
              items.map((i) => [i.package ?? '', i.name, i.price, i.quantity]),
            ),
          ]
        : []),
    ];
    return { structured: { template, items }, text: lines.join('\n') };
  },
});
