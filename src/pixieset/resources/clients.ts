import type { HttpClient } from '../http.js';
import { type IdCheck, requireId } from '../ids.js';
import { type AllRows, fetchAllPages, type Page } from '../paginate.js';
import { type Client, clientSchema, parseOne, parsePage } from '../schemas.js';

export type ClientTypes = 'client' | 'lead' | 'client,lead';

export interface CallOptions {
  signal?: AbortSignal | undefined;
  // Bypass the read cache: for checks that must see Pixieset's state now (after a failed write).
  fresh?: boolean | undefined;
}

export interface NewClient {
  first_name: string;
  last_name: string;
  email: string;
  phone?: string | undefined;
}

const NOT_FOUND_HINT = 'Check the id, or find the client with search_clients or list_clients.';

// Typed access to /clients/: list, get, search, create.
export class ClientsApi {
  constructor(
    private readonly http: HttpClient,
    private readonly idCheck: IdCheck,
  ) {}

  // One page of clients, in the API's order. `types` omitted means every type.
  async list(
    q: { page: number; perPage: number; types?: ClientTypes | undefined },
    o: CallOptions = {},
  ): Promise<Page<Client>> {
    const endpoint = 'GET /clients/';
    return this.http.json(
      {
        method: 'GET',
        path: '/clients/',
        endpoint,
        query: { page: q.page, per_page: q.perPage, types: q.types },
        signal: o.signal,
        fresh: o.fresh,
      },
      (body) => parsePage(clientSchema, body, endpoint),
    );
  }

  // Every client across all pages.
  async listAll(
    q: { types?: ClientTypes | undefined; perPage?: number },
    o: CallOptions & { onProgress?: (done: number, total: number | undefined) => void } = {},
  ): Promise<AllRows<Client>> {
    const perPage = q.perPage ?? 100;
    return fetchAllPages(
      (page, signal) => this.list({ page, perPage, types: q.types }, { signal, fresh: o.fresh }),
      {
        perPage,
        signal: o.signal,
        onProgress: o.onProgress,
        idOf: (row) => row.id,
      },
    );
  }

  // One client by id (validated locally first).
  async get(id: string, o: CallOptions = {}): Promise<Client> {
    const clientId = requireId(id, 'client', this.idCheck);
    const endpoint = 'GET /clients/{id}';
    return this.http.json(
      {
        method: 'GET',
        path: `/clients/${encodeURIComponent(clientId)}`,
        endpoint,
        signal: o.signal,
        fresh: o.fresh,
        notFound: { what: `Client ${clientId}`, hint: NOT_FOUND_HINT },
      },
      (body) => parseOne(clientSchema, body, endpoint),
    );
  }

  // The API's own search (GET /clients/search); throws NotFoundError (404/405) where the endpoint does not exist.
  async search(
    q: { q: string; page: number; pageSize: number; types?: 'all' | 'client' | 'lead' },
    o: CallOptions = {},
  ): Promise<Page<Client>> {
    const endpoint = 'GET /clients/search';
    return this.http.json(
      {
        method: 'GET',
        path: '/clients/search',
        endpoint,
        query: { q: q.q, types: q.types ?? 'all', page: q.page, pageSize: q.pageSize },
        signal: o.signal,
        fresh: o.fresh,
      },
      (body) => parsePage(clientSchema, body, endpoint),
    );
  }

  // Creates a client (POST /clients/). Never retried.
  async create(c: NewClient, o: CallOptions = {}): Promise<Client> {
    const endpoint = 'POST /clients/';
    return this.http.json(
      {
        method: 'POST',
        path: '/clients/',
        endpoint,
        body: c,
        signal: o.signal,
        fresh: o.fresh,
      },
      (body) => parseOne(clientSchema, body, endpoint),
    );
  }
}
