import { z } from 'zod';
import { requireId } from '../../pixieset/ids.js';
import { byText } from '../../pixieset/order.js';
import { clientIdArg, pageArg, perPageArg } from '../args.js';
import { defineTool, READ } from '../define.js';
import { localPage, paging, renderListPage } from '../list-page.js';
import { questionnaireOut, toQuestionnaireOut } from '../outputs/records.js';

const MAX_PER_PAGE = 50;
const STATUS = ['pending', 'completed', 'draft', 'expired', 'all'] as const;

export const listQuestionnaires = defineTool({
  name: 'list_questionnaires',
  toolset: 'contracts',
  endpoints: ['GET /questionnaires/'],
  gives: ['questionnaire'],
  title: 'List questionnaires',
  description:
    'One page of questionnaires, newest first, with status and dates. "Has the Smiths\' questionnaire come back?" (status completed; pending = sent, not answered).',
  inputSchema: z.object({
    status: z.enum(STATUS).default('all').describe('pending, completed, draft, expired or all'),
    client_id: clientIdArg.optional(),
    page: pageArg,
    per_page: perPageArg(MAX_PER_PAGE),
  }),
  outputSchema: z.object({ questionnaires: z.array(questionnaireOut), ...paging }),
  annotations: READ,
  async handler({ status, client_id, page, per_page }, { pixieset, signal, progress }) {
    if (client_id !== undefined) requireId(client_id, 'client', pixieset.ids);
    const all = await pixieset.records.questionnaires({ signal, onProgress: progress });
    const rows = all.items
      .map((q) => ({ row: toQuestionnaireOut(q), created: q.created_at ?? '' }))
      .filter(
        ({ row }) =>
          (!client_id || row.client_id === client_id) && (status === 'all' || row.status === status),
      )
      .sort((a, b) => byText(b.created, a.created))
      .map(({ row }) => row);
    const p = localPage(rows, page, per_page);
    type Row = (typeof rows)[number];
    return renderListPage({
      tool: 'list_questionnaires',
      key: 'questionnaires',
      rows: p.rows,
      columns: [
        ['name', (q: Row) => q.name],
        ['client', (q: Row) => q.client_name],
        ['status', (q: Row) => q.status],
        ['sent', (q: Row) => q.sent_date],
        ['completed', (q: Row) => q.completed_date],
        ['id', (q: Row) => q.id],
      ],
      page: p.paging,
      what: [
        `${status === 'all' ? '' : `${status} `}questionnaire`,
        `${status === 'all' ? '' : `${status} `}questionnaires`,
      ],
      empty: 'No questionnaires match.',
    });
  },
});
