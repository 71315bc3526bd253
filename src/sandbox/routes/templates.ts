import { type TemplateKind, templatesOf } from '../templates.js';
import type { Route } from './route.js';

// /templates/{kind} and /templates/{kind}/{id}: a list (with meta.default_template_id) and one template.
export const templateRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/templates\/(invoices|quotes|contracts|questionnaires|emails)$/,
    handler: ({ studio, q, match }) => {
      const list = templatesOf(studio)[match[1] as TemplateKind];
      // The list leaves bodies and items out; the detail has them.
      const rows = list.map(({ content: _c, text_body: _t, packages: _p, line_items: _l, ...rest }) => rest);
      const answer = studio.page(rows, q, 'per_page', (x) => x);
      const body = answer.body as { meta?: Record<string, unknown> };
      if (body.meta) body.meta.default_template_id = list.find((x) => x.is_default)?.id ?? null;
      return answer;
    },
  },
  {
    method: 'GET',
    pattern: /^\/templates\/(invoices|quotes|contracts|questionnaires|emails)\/([^/]+)$/,
    handler: ({ studio, match }) => {
      const t = templatesOf(studio)[match[1] as TemplateKind].find((x) => x.id === match[2]);
      return t
        ? { status: 200, body: { data: t } }
        : { status: 404, body: { message: 'Template not found.' } };
    },
  },
];
