import { responsesOf } from '../questionnaire-answers.js';
import type { SandboxContract, SandboxQuestionnaire, SandboxSession } from '../records.js';
import { NOT_OFFERED, type Studio } from '../studio.js';
import type { Route } from './route.js';

// Contracts, questionnaires and booked sessions, each tied to a demo client.

const newestFirst = <T extends { created_at: string }>(list: T[]) =>
  [...list].sort((a, b) => b.created_at.localeCompare(a.created_at));

function contractJson(studio: Studio, c: SandboxContract, detail: boolean, withClient: boolean) {
  const { content, signatures, client_id, ...rest } = c;
  return {
    ...rest,
    client_id,
    ...(withClient || detail ? { client: studio.clientRef(client_id) } : {}),
    ...(detail ? { signatures, content } : {}),
  };
}

function questionnaireJson(studio: Studio, q: SandboxQuestionnaire, withClient: boolean) {
  return { ...q, ...(withClient ? { client: studio.clientRef(q.client_id) } : {}) };
}

function sessionJson(studio: Studio, s: SandboxSession) {
  return { ...s, client: studio.clientRef(s.client_id) };
}

// New session inquiries waiting for the studio: a few, fixed by the seed.
export const inquiryCount = (studio: Studio): number =>
  studio.area('inquiries', (s) => 2 + (s.seed.seed % 4));

export const recordRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/contracts$/,
    handler: ({ studio, q }) => {
      if (!studio.offers('contracts')) return NOT_OFFERED;
      const expand = q.get('expand');
      return studio.page(newestFirst(studio.contracts), q, 'per_page', (c) =>
        contractJson(studio, c, expand === 'all', expand === 'client'),
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/contracts\/([^/]+)$/,
    handler: ({ studio, q, match }) => {
      if (!studio.offers('contracts')) return NOT_OFFERED;
      const c = studio.contracts.find((x) => x.id === match[1]);
      if (!c) return { status: 404, body: { message: 'Contract not found.' } };
      return { status: 200, body: { data: contractJson(studio, c, q.get('expand') === 'all', true) } };
    },
  },
  {
    method: 'GET',
    pattern: /^\/questionnaires$/,
    handler: ({ studio, q }) => {
      if (!studio.offers('questionnaires')) return NOT_OFFERED;
      return studio.page(newestFirst(studio.questionnaires), q, 'per_page', (x) =>
        questionnaireJson(studio, x, q.get('expand') === 'client'),
      );
    },
  },
  {
    method: 'GET',
    pattern: /^\/questionnaires\/([^/]+)$/,
    // expand=responses (or all) adds what the client answered.
    handler: ({ studio, q, match }) => {
      if (!studio.offers('questionnaires')) return NOT_OFFERED;
      const x = studio.questionnaires.find((y) => y.id === match[1]);
      if (!x) return { status: 404, body: { message: 'Questionnaire not found.' } };
      const expanded = /\b(responses|all)\b/.test(q.get('expand') ?? '');
      const data = {
        ...questionnaireJson(studio, x, true),
        ...(expanded ? { responses: responsesOf(studio, x) } : {}),
      };
      return { status: 200, body: { data } };
    },
  },
  {
    // The docs show no body for it: the sandbox answers { data: { count } }.
    method: 'GET',
    pattern: /^\/sessions\/inquiry\/count$/,
    handler: ({ studio }) =>
      studio.offers('sessions')
        ? { status: 200, body: { data: { count: inquiryCount(studio) } } }
        : NOT_OFFERED,
  },
  {
    // No parameters are documented: the sandbox serves pages of 25 by start, and nothing else.
    method: 'GET',
    pattern: /^\/sessions$/,
    handler: ({ studio, q }) => {
      if (!studio.offers('sessions')) return NOT_OFFERED;
      const sorted = [...studio.sessions].sort((a, b) => a.start.localeCompare(b.start));
      return studio.page(sorted, q, 'per_page', (s) => sessionJson(studio, s));
    },
  },
];
