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

// Every tool the server offers, in the order tools/list shows them (each says its own toolset).
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
  return ALL_TOOLS.filter(
    (t) =>
      (t.toolset === 'always' || config.toolsets.includes(t.toolset)) &&
      (!config.readOnly || t.annotations.readOnlyHint),
  );
}
