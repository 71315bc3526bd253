import type { Toolset } from '../server-identity.js';
import { createClient } from './clients/create-client.js';
import { getClient } from './clients/get-client.js';
import { getClientOverview } from './clients/get-client-overview.js';
import { listClients } from './clients/list-clients.js';
import { searchClients } from './clients/search-clients.js';
import { updateClient } from './clients/update-client.js';
import { getContract } from './contracts/get-contract.js';
import { listContracts } from './contracts/list-contracts.js';
import type { ToolDef } from './define.js';
import { getGallery } from './galleries/get-gallery.js';
import { getGalleryActivity } from './galleries/get-gallery-activity.js';
import { listGalleries } from './galleries/list-galleries.js';
import { validateId } from './ids/validate-id.js';
import { createInvoice } from './invoices/create-invoice.js';
import { getClientInvoices } from './invoices/get-client-invoices.js';
import { getInvoice } from './invoices/get-invoice.js';
import { getReceivables } from './invoices/get-receivables.js';
import { listInvoices } from './invoices/list-invoices.js';
import { summarizeInvoices } from './invoices/summarize-invoices.js';
import { listPayments } from './payments/list-payments.js';
import { revenueReport } from './payments/revenue-report.js';
import { listQuestionnaires } from './questionnaires/list-questionnaires.js';
import { listSessions } from './sessions/list-sessions.js';

// Every tool the server offers, in the order tools/list shows them, with the toolset it belongs to
// (PIXIESET_TOOLSETS); validate_id belongs to every selection.
export const TOOLSET_OF: Record<string, Toolset | 'always'> = {
  search_clients: 'clients',
  list_clients: 'clients',
  get_client: 'clients',
  get_client_overview: 'clients',
  create_client: 'clients',
  update_client: 'clients',
  list_invoices: 'invoices',
  get_client_invoices: 'invoices',
  get_invoice: 'invoices',
  summarize_invoices: 'invoices',
  get_receivables: 'invoices',
  create_invoice: 'invoices',
  list_payments: 'payments',
  revenue_report: 'payments',
  list_contracts: 'contracts',
  get_contract: 'contracts',
  list_questionnaires: 'contracts',
  list_sessions: 'sessions',
  list_galleries: 'galleries',
  get_gallery: 'galleries',
  get_gallery_activity: 'galleries',
  validate_id: 'always',
};

export const ALL_TOOLS: ToolDef[] = [
  searchClients,
  listClients,
  getClient,
  getClientOverview,
  createClient,
  updateClient,
  listInvoices,
  getClientInvoices,
  getInvoice,
  summarizeInvoices,
  getReceivables,
  createInvoice,
  listPayments,
  revenueReport,
  listContracts,
  getContract,
  listQuestionnaires,
  listSessions,
  listGalleries,
  getGallery,
  getGalleryActivity,
  validateId,
];

// The tools offered for a configuration: its toolsets, less every tool that writes in read-only mode.
export function toolsFor(config: { toolsets: readonly Toolset[]; readOnly: boolean }): ToolDef[] {
  return ALL_TOOLS.filter((t) => {
    const set = TOOLSET_OF[t.name];
    return (
      (set === 'always' || (set !== undefined && config.toolsets.includes(set))) &&
      (!config.readOnly || t.annotations.readOnlyHint)
    );
  });
}
