import { clientRoutes } from './clients.js';
import { invoiceRoutes } from './invoices.js';
import { recordRoutes } from './records.js';
import type { Route } from './route.js';

// The sandbox's route table: one file per API area, tried in order.
export const ROUTES: Route[] = [...clientRoutes, ...invoiceRoutes, ...recordRoutes];
