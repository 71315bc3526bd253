// The studio's templates of every kind (docs/studio-api/templates.md: paths D+, bodies D?). Invoice templates with
// payment terms (one default), quote templates with packages and their items, contract, questionnaire and email
// templates with their bodies (served as the API does; tools show them only within a bound).
import { makeId, rng } from './random.js';
import type { Studio } from './studio.js';

export type TemplateKind = 'invoices' | 'quotes' | 'contracts' | 'questionnaires' | 'emails';
export type SandboxTemplate = Record<string, unknown> & { id: string; name: string };

const PREFIX: Record<TemplateKind, string> = {
  invoices: 'itp',
  quotes: 'qp',
  contracts: 'ct',
  questionnaires: 'qt',
  emails: 'et',
};

export function seedTemplates(studio: Studio): Record<TemplateKind, SandboxTemplate[]> {
  const rand = rng(studio.seed.seed ^ 0x7e3a);
  const currency = (studio.invoices[0]?.currency ?? 'usd').toUpperCase();
  const id = (kind: TemplateKind) => makeId(PREFIX[kind], rand);
  const common = {
    status: 'active',
    created_at: '2025-07-15T09:00:00.000000Z',
    updated_at: '2025-08-01T14:30:00.000000Z',
  };
  return {
    invoices: [
      {
        id: id('invoices'),
        name: 'Standard invoice',
        ...common,
        is_default: true,
        currency,
        tax_inclusive: false,
        payment_terms_days: 14,
        late_fee_enabled: false,
      },
      {
        id: id('invoices'),
        name: 'Wedding balance',
        ...common,
        is_default: false,
        currency,
        tax_inclusive: false,
        payment_terms_days: 30,
        late_fee_enabled: true,
        late_fee_percentage: 5,
      },
      // A variant the docs leave open: a template whose body carries no payment terms at all.
      {
        id: id('invoices'),
        name: 'Print orders',
        ...common,
        is_default: false,
        currency,
        tax_inclusive: true,
      },
    ],
    quotes: [
      {
        id: id('quotes'),
        name: 'Wedding collections',
        ...common,
        is_default: true,
        packages: [
          {
            name: 'Essential',
            items: [
              { name: '6 hours of coverage', price: 250_000, quantity: 1 },
              { name: 'Online gallery', price: 0, quantity: 1 },
            ],
          },
          {
            name: 'Signature',
            items: [
              { name: '8 hours of coverage', price: 320_000, quantity: 1 },
              { name: 'Album', price: 65_000, quantity: 1 },
            ],
          },
        ],
      },
      {
        id: id('quotes'),
        name: 'Portrait add-ons',
        ...common,
        is_default: false,
        line_items: [{ name: '8x10 print', price: 4_500, quantity: 1 }],
      },
    ],
    contracts: [
      {
        id: id('contracts'),
        name: 'Wedding contract',
        ...common,
        is_default: true,
        signers_count: 2,
        content: `<h1>Wedding contract</h1>${'<p>Terms of the agreement between the studio and the client.</p>'.repeat(200)}`,
      },
    ],
    questionnaires: [
      {
        id: id('questionnaires'),
        name: 'Wedding day timeline',
        ...common,
        is_default: false,
        questions_count: 15,
        required_questions_count: 8,
      },
      {
        id: id('questionnaires'),
        name: 'Family session questions',
        ...common,
        is_default: true,
        questions_count: 8,
        required_questions_count: 4,
      },
    ],
    emails: [
      {
        id: id('emails'),
        name: 'Session reminder',
        ...common,
        subject: 'Your {{session_type}} session is tomorrow!',
        category: 'session_management',
        variables_count: 6,
        text_body: 'Hi {{client_name}},\n\nSee you tomorrow at {{session_time}}.',
      },
    ],
  };
}

export const templatesOf = (studio: Studio) => studio.area('templates', seedTemplates);
