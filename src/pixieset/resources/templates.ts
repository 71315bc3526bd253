import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { parseOne } from '../envelope.js';
import { InvalidIdError } from '../errors.js';
import { type IdType, requireId } from '../ids.js';
import type { AllRows, ProgressOption } from '../paginate.js';
import type { CallOptions } from '../request.js';
import { type Template, templateSchema } from '../schemas.js';
import { Resource } from './resource.js';

export const TEMPLATE_KINDS = ['invoice', 'quote', 'contract', 'questionnaire', 'email'] as const;
export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

// Each kind's list and detail, and the kind of id that names one (itp_, qp_, ct_, qt_, et_).
const KIND = {
  invoice: {
    list: 'GET /templates/invoices',
    one: 'GET /templates/invoices/{template_id}',
    id: 'invoice_template',
    prefix: 'itp',
  },
  quote: {
    list: 'GET /templates/quotes',
    one: 'GET /templates/quotes/{template_id}',
    id: 'quote_template',
    prefix: 'qp',
  },
  contract: {
    list: 'GET /templates/contracts',
    one: 'GET /templates/contracts/{template_id}',
    id: 'contract_template',
    prefix: 'ct',
  },
  questionnaire: {
    list: 'GET /templates/questionnaires',
    one: 'GET /templates/questionnaires/{template_id}',
    id: 'questionnaire_template',
    prefix: 'qt',
  },
  email: {
    list: 'GET /templates/emails',
    one: 'GET /templates/emails/{template_id}',
    id: 'email_template',
    prefix: 'et',
  },
} as const satisfies Record<TemplateKind, { list: string; one: string; id: IdType; prefix: string }>;

// The kind a template id names, from its prefix (undefined for any other id).
export const templateKindOf = (id: string): TemplateKind | undefined =>
  TEMPLATE_KINDS.find((k) => id.trim().startsWith(`${KIND[k].prefix}_`));

// The studio's templates (docs/studio-api/templates.md): invoice, quote, contract, questionnaire and email.
export class TemplatesApi extends Resource {
  // Every template of one kind, each once.
  list(kind: TemplateKind, o: CallOptions & ProgressOption = {}): Promise<AllRows<Template>> {
    const t = KIND[kind].list;
    return this.allRows(t, templateSchema, { area: 'templates' }, o);
  }

  // One template, of the kind its id names.
  one(id: string, o: CallOptions = {}): Promise<Template & { kind: TemplateKind }> {
    const kind = templateKindOf(id);
    if (!kind)
      throw new InvalidIdError(
        'template',
        `${JSON.stringify(id.slice(0, 60))} is not a template id: they start with itp_, qp_, ct_, qt_ or et_.`,
        'lenient',
        'itp_, qp_, ct_, qt_ or et_ followed by letters and digits',
      );
    const t = KIND[kind].one;
    const params = { template_id: requireId(id, KIND[kind].id, this.idCheck) };
    return this.http.json(t, { ...o, params, area: 'templates' }, (b) => ({
      ...parseOne(templateSchema, b, t),
      kind,
    }));
  }
}

const known = [
  ...keysOf(templateSchema),
  'created_at',
  'updated_at',
  'late_fee_percentage',
  'variables_count',
  'signers_count',
];

// What the drift report checks at each endpoint read here.
export const PROBES: EndpointSpec[] = TEMPLATE_KINDS.flatMap((k): EndpointSpec[] => [
  {
    template: KIND[k].list,
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1 },
    fields: { id: { kind: 'id', required: true }, name: { kind: 'string' }, status: { kind: 'string' } },
    known,
  },
  {
    template: KIND[k].one,
    host: 'studio',
    list: false,
    idFrom: { template: KIND[k].list, field: 'id', param: 'template_id' },
    fields: { id: { kind: 'id', required: true }, name: { kind: 'string' } },
    known,
  },
]);
