import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { parseOne, parsePage } from '../envelope.js';
import { requireId } from '../ids.js';
import {
  type AllRows,
  type Page,
  type ProgressOption,
  readAllPages,
  type StreamedRows,
  streamAllPages,
} from '../paginate.js';
import type { CallOptions } from '../request.js';
import { type Client, type ClientCollection, clientCollectionSchema, clientSchema } from '../schemas.js';
import { Resource } from './resource.js';

export type ClientTypes = 'client' | 'lead' | 'client,lead';

// The editable fields of a client, as PUT /clients/{id} takes them.
export interface ClientUpdate {
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  phone: string | null;
  company: string | null;
  notes: string | null;
  type: string | null;
  // Sent back as it was read, so a full-object PUT never clears the address.
  address_info?: unknown;
}

export interface NewClient {
  first_name: string;
  last_name: string;
  email: string;
  phone?: string | undefined;
}

// Typed access to /clients/: list, get, search, create.
export class ClientsApi extends Resource {
  // One page of clients, in the API's order. `types` omitted means every type.
  list(
    q: { page: number; perPage: number; types?: ClientTypes | undefined },
    o: CallOptions = {},
  ): Promise<Page<Client>> {
    const t = 'GET /clients/';
    return this.http.json(t, { ...o, query: { page: q.page, per_page: q.perPage, types: q.types } }, (b) =>
      parsePage(clientSchema, b, t),
    );
  }

  // Every client across all pages, each once.
  listAll(
    q: { types?: ClientTypes | undefined; perPage?: number },
    o: CallOptions & ProgressOption = {},
  ): Promise<AllRows<Client>> {
    return readAllPages((page, perPage, c) => this.list({ page, perPage, types: q.types }, c), o, q.perPage);
  }

  // Every client handed to `onRows` a page at a time, as pages arrive (for scans of a big studio).
  streamAll(
    q: { types?: ClientTypes | undefined; perPage?: number },
    onRows: (rows: Client[]) => void,
    o: CallOptions & ProgressOption = {},
  ): Promise<StreamedRows> {
    return streamAllPages(
      (page, perPage, c) => this.list({ page, perPage, types: q.types }, c),
      onRows,
      o,
      q.perPage,
    );
  }

  // One client by id (validated locally first).
  get(id: string, o: CallOptions = {}): Promise<Client> {
    const t = 'GET /clients/{client_id}';
    const params = { client_id: requireId(id, 'client', this.idCheck) };
    return this.http.json(t, { ...o, params }, (b) => parseOne(clientSchema, b, t));
  }

  // The API's own search; NotFoundError (404/405) where the endpoint does not exist.
  // Set once the studio's API answered the search with 404 or 405: later lookups scan /clients/ at once
  // instead of asking again (an endpoint does not come and go while the server runs; a restart asks again).
  searchMissing = false;

  search(
    q: { q: string; page: number; pageSize: number; types?: 'all' | 'client' | 'lead' },
    o: CallOptions = {},
  ): Promise<Page<Client>> {
    const t = 'GET /clients/search';
    const query = { q: q.q, types: q.types ?? 'all', page: q.page, pageSize: q.pageSize };
    return this.http.json(t, { ...o, query }, (b) => parsePage(clientSchema, b, t));
  }

  // A client's gallery collections as Studio lists them (page_size, not per_page).
  collections(id: string, o: CallOptions = {}): Promise<Page<ClientCollection>> {
    const t = 'GET /clients/{client_id}/cgCollections/';
    const params = { client_id: requireId(id, 'client', this.idCheck) };
    return this.http.json(t, { ...o, params, query: { page: 1, page_size: 25 }, area: 'galleries' }, (b) =>
      parsePage(clientCollectionSchema, b, t),
    );
  }

  // Replaces a client (PUT): `client` is the whole editable record, read first and changed by the caller.
  update(id: string, client: ClientUpdate, o: CallOptions = {}): Promise<Client> {
    const t = 'PUT /clients/{client_id}';
    const params = { client_id: requireId(id, 'client', this.idCheck) };
    return this.http.json(t, { ...o, params, body: client }, (b) => parseOne(clientSchema, b, t));
  }

  // Creates a client. Never retried.
  create(c: NewClient, o: CallOptions = {}): Promise<Client> {
    const t = 'POST /clients/';
    return this.http.json(t, { ...o, body: c }, (b) => parseOne(clientSchema, b, t));
  }
}

const clientFields = {
  id: { kind: 'id', required: true },
  first_name: { kind: 'string' },
  last_name: { kind: 'string' },
  email: { kind: 'string' },
  phone: { kind: 'string' },
  type: { kind: 'string' },
} as const;
const clientKnown = [...keysOf(clientSchema), 'address_info'];

// What the drift report checks at each endpoint read here (the three client reads share one row shape).
export const PROBES: EndpointSpec[] = [
  {
    template: 'GET /clients/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1 },
    fields: clientFields,
    known: clientKnown,
  },
  {
    template: 'GET /clients/{client_id}',
    host: 'studio',
    list: false,
    idFrom: { template: 'GET /clients/', field: 'id', param: 'client_id' },
    fields: clientFields,
    known: clientKnown,
  },
  {
    template: 'GET /clients/search',
    host: 'studio',
    list: true,
    query: { q: 'a', page: 1, pageSize: 1 },
    fields: clientFields,
    known: clientKnown,
  },
  {
    template: 'GET /clients/{client_id}/cgCollections/',
    host: 'studio',
    list: true,
    query: { page: 1, page_size: 1 },
    idFrom: { template: 'GET /clients/', field: 'id', param: 'client_id' },
    fields: {
      id: { kind: 'id', required: true },
      name: { kind: 'string' },
    },
    known: keysOf(clientCollectionSchema),
  },
];

// The writes sent here: never probed.
export const WRITES: readonly string[] = ['POST /clients/', 'PUT /clients/{client_id}'];
