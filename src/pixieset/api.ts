import type { Config } from '../config.js';
import { type Logger, Redactor } from '../log.js';
import { VERSION } from '../version.js';
import { HttpClient, type RetryPolicy } from './http.js';
import { JsonClient } from './json-client.js';
import { ClientsApi } from './resources/clients.js';
import { InvoicesApi } from './resources/invoices.js';
import { JourneyApi } from './resources/journey.js';
import { PaymentsApi } from './resources/payments.js';
import { type CookieSource, Session } from './session.js';

// The typed Pixieset API client every tool uses: one session, one pool.
export interface PixiesetApi {
  clients: ClientsApi;
  invoices: InvoicesApi;
  payments: PaymentsApi;
  journey: JourneyApi;
  session: Session;
  // Masks every cookie and token value this client has seen, for any text that leaves the server.
  redact(text: string): string;
  close(): Promise<void>;
}

export interface ApiOptions {
  config: Pick<Config, 'baseUrl' | 'userAgent' | 'maxConcurrency' | 'timeoutMs' | 'idCheck' | 'cacheTtlMs'> &
    Partial<Pick<Config, 'maxBodyBytes'>>;
  cookie: CookieSource;
  logger: Logger;
  redactor?: Redactor;
  retry?: Partial<RetryPolicy>;
}

export const DEFAULT_USER_AGENT = `pixieset-mcp/${VERSION} (unofficial Pixieset Studio MCP server)`;

// Builds the API client and loads the cookie (reading PIXIESET_COOKIE_FILE when that is the source).
export async function createPixiesetApi(opts: ApiOptions): Promise<PixiesetApi> {
  const redactor = opts.redactor ?? new Redactor();
  const session = new Session(opts.cookie, redactor, opts.config.baseUrl, opts.logger);
  await session.load();
  const http = new HttpClient({
    baseUrl: opts.config.baseUrl,
    userAgent: opts.config.userAgent ?? DEFAULT_USER_AGENT,
    maxConcurrency: opts.config.maxConcurrency,
    timeoutMs: opts.config.timeoutMs,
    session,
    logger: opts.logger,
    retry: opts.retry,
    maxBodyBytes: opts.config.maxBodyBytes,
  });
  const json = new JsonClient(http, opts.config.cacheTtlMs);
  return {
    clients: new ClientsApi(json, opts.config.idCheck),
    invoices: new InvoicesApi(json, opts.config.idCheck),
    payments: new PaymentsApi(json, opts.config.idCheck),
    journey: new JourneyApi(json, opts.config.idCheck),
    session,
    redact: (text) => redactor.apply(text),
    close: () => http.close(),
  };
}
