import { parseOne, parsePage } from '../envelope.js';
import { type IdCheck, requireId } from '../ids.js';
import type { JsonClient } from '../json-client.js';
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

// Contracts, questionnaires and booked sessions: areas a studio's API may lack (their lists' 404 says so).
export class RecordsApi {
  constructor(
    private readonly http: JsonClient,
    private readonly idCheck: IdCheck,
  ) {}

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
    return readAllPages(
      (page, perPage, c) =>
        this.http.json(
          t,
          { ...c, query: { page, per_page: perPage, expand: 'client' }, area: 'questionnaires' },
          (b) => parsePage(questionnaireSchema, b, t),
        ),
      o,
    );
  }

  // Every booked session, each once. No parameters are documented: dates are filtered by the caller.
  sessions(o: CallOptions & ProgressOption = {}): Promise<AllRows<StudioSession>> {
    const t = 'GET /sessions';
    return readAllPages(
      (page, perPage, c) =>
        this.http.json(t, { ...c, query: { page, per_page: perPage }, area: 'sessions' }, (b) =>
          parsePage(sessionSchema, b, t),
        ),
      o,
    );
  }
}
