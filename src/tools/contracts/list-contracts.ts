import { z } from 'zod';
import { requireId } from '../../pixieset/ids.js';
import { byText } from '../../pixieset/order.js';
import { clientIdArg, pageArg, perPageArg } from '../args.js';
import { defineTool, READ } from '../define.js';
import { resourceLink } from '../links.js';
import { localPage, paging, renderListPage } from '../list-page.js';
import { contractOut, toContractOut, UNSIGNED } from '../outputs/records.js';

const MAX_PER_PAGE = 50;
const STATUS = ['unsigned', 'signed', 'draft', 'expired', 'cancelled', 'all'] as const;

export const listContracts = defineTool({
  name: 'list_contracts',
  toolset: 'contracts',
  endpoints: ['GET /contracts/'],
  gives: ['contract'],
  title: 'List contracts',
  description:
    'One page of contracts, newest first; status unsigned = sent, viewed or partly signed. "Which contracts are still unsigned?" Contract ids (co_…) for get_contract.',
  inputSchema: z.object({
    status: z.enum(STATUS).default('all').describe('unsigned, signed, draft, expired, cancelled or all'),
    client_id: clientIdArg.optional(),
    page: pageArg,
    per_page: perPageArg(MAX_PER_PAGE),
  }),
  outputSchema: z.object({ contracts: z.array(contractOut), ...paging }),
  annotations: READ,
  async handler({ status, client_id, page, per_page }, { pixieset, signal, progress }) {
    // The API filters nothing here: the id is still checked before anything is sent.
    if (client_id !== undefined) requireId(client_id, 'client', pixieset.ids);
    const all = await pixieset.records.contracts({ signal, onProgress: progress });
    const rows = all.items
      .map(toContractOut)
      .filter((c) => !client_id || c.client_id === client_id)
      .filter((c) =>
        status === 'all' ? true : status === 'unsigned' ? UNSIGNED.has(c.status ?? '') : c.status === status,
      )
      .sort((a, b) => byText(b.created_at ?? '', a.created_at ?? ''));
    const p = localPage(rows, page, per_page);
    type Row = (typeof rows)[number];
    return renderListPage({
      tool: 'list_contracts',
      key: 'contracts',
      rows: p.rows,
      columns: [
        ['number', (c: Row) => c.contract_number],
        ['client', (c: Row) => c.client_name],
        ['status', (c: Row) => c.status],
        ['template', (c: Row) => c.template_name],
        ['sent', (c: Row) => c.sent_date],
        ['due', (c: Row) => c.due_date],
        ['signed', (c: Row) => c.signed_date],
        ['id', (c: Row) => c.id],
      ],
      page: p.paging,
      what: [
        `${status === 'all' ? '' : `${status} `}contract`,
        `${status === 'all' ? '' : `${status} `}contracts`,
      ],
      link: (c: Row) => resourceLink('contracts', c.id, c.contract_number ?? c.id),
      empty: 'No contracts match.',
    });
  },
});
