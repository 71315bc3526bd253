import { type EndpointSpec, keysOf } from '../endpoint-spec.js';
import { countIn, parseOne, parsePage } from '../envelope.js';
import { requireId } from '../ids.js';
import { type AllRows, type Page, type ProgressOption, readAllPages } from '../paginate.js';
import type { CallOptions } from '../request.js';
import {
  type Contract,
  contractSchema,
  type Questionnaire,
  questionnaireSchema,
  type StudioSession,
  sessionSchema,
} from '../schemas.js';
import { Resource } from './resource.js';

// Contracts, questionnaires and booked sessions: areas a studio's API may lack (their lists' 404 says so).
export class RecordsApi extends Resource {
  contractsPage(q: { page: number; perPage: number }, o: CallOptions = {}): Promise<Page<Contract>> {
    const t = 'GET /contracts/';
    const query = { page: q.page, per_page: q.perPage, expand: 'client' };
    return this.http.json(t, { ...o, query, area: 'contracts' }, (b) => parsePage(contractSchema, b, t));
  }

  // Every contract, each once (the API documents no filter: status and client are chosen here).
  contracts(o: CallOptions & ProgressOption = {}): Promise<AllRows<Contract>> {
    return readAllPages((page, perPage, c) => this.contractsPage({ page, perPage }, c), o);
  }

  // One contract with its signatures (expand=all).
  contract(id: string, o: CallOptions = {}): Promise<Contract> {
    const t = 'GET /contracts/{contract_id}';
    const params = { contract_id: requireId(id, 'contract', this.idCheck) };
    return this.http.json(t, { ...o, params, query: { expand: 'all' }, area: 'contracts' }, (b) =>
      parseOne(contractSchema, b, t),
    );
  }

  // Every questionnaire, each once.
  questionnaires(o: CallOptions & ProgressOption = {}): Promise<AllRows<Questionnaire>> {
    const t = 'GET /questionnaires/';
    return this.allRows(t, questionnaireSchema, { query: { expand: 'client' }, area: 'questionnaires' }, o);
  }

  // How many session inquiries await an answer. The docs show no body: a count under the likely names.
  inquiryCount(o: CallOptions = {}): Promise<number> {
    const t = 'GET /sessions/inquiry/count';
    return this.http.json(t, { ...o, area: 'sessions' }, (b) =>
      countIn(b, t, ['count', 'inquiry_count', 'inquiries']),
    );
  }

  // One questionnaire with the client's answers (expand=responses).
  questionnaire(id: string, o: CallOptions = {}): Promise<Questionnaire> {
    const t = 'GET /questionnaires/{questionnaire_id}';
    const params = { questionnaire_id: requireId(id, 'questionnaire', this.idCheck) };
    return this.http.json(t, { ...o, params, query: { expand: 'responses' }, area: 'questionnaires' }, (b) =>
      parseOne(questionnaireSchema, b, t),
    );
  }

  // Every booked session, each once. No parameters are documented: dates are filtered by the caller.
  sessions(o: CallOptions & ProgressOption = {}): Promise<AllRows<StudioSession>> {
    const t = 'GET /sessions';
    return this.allRows(t, sessionSchema, { area: 'sessions' }, o);
  }
}

// What the drift report checks at each endpoint read here.
export const PROBES: EndpointSpec[] = [
  {
    template: 'GET /contracts/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1, expand: 'client' },
    fields: {
      id: { kind: 'id', required: true },
      status: { kind: 'string' },
      created_at: { kind: 'date' },
    },
    known: keysOf(contractSchema),
  },
  {
    template: 'GET /contracts/{contract_id}',
    host: 'studio',
    list: false,
    query: { expand: 'all' },
    idFrom: { template: 'GET /contracts/', field: 'id', param: 'contract_id' },
    fields: {
      id: { kind: 'id', required: true },
      status: { kind: 'string' },
      signatures: { kind: 'array' },
    },
    known: [...keysOf(contractSchema), 'content'],
  },
  {
    template: 'GET /questionnaires/',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1, expand: 'client' },
    fields: {
      id: { kind: 'id', required: true },
      status: { kind: 'string' },
    },
    known: keysOf(questionnaireSchema),
  },
  {
    template: 'GET /questionnaires/{questionnaire_id}',
    host: 'studio',
    list: false,
    query: { expand: 'responses' },
    idFrom: { template: 'GET /questionnaires/', field: 'id', param: 'questionnaire_id' },
    fields: {
      id: { kind: 'id', required: true },
      status: { kind: 'string' },
      responses: { kind: 'array' },
    },
    known: keysOf(questionnaireSchema),
  },
  {
    template: 'GET /sessions/inquiry/count',
    host: 'studio',
    list: false,
    fields: { count: { kind: 'integer', required: true } },
    known: ['count', 'inquiry_count', 'inquiries'],
  },
  {
    template: 'GET /sessions',
    host: 'studio',
    list: true,
    query: { page: 1, per_page: 1 },
    fields: { id: { kind: 'id', required: true } },
    known: keysOf(sessionSchema),
  },
];
