import type { Answer, Studio } from '../studio.js';

// What a route handler gets: the studio, the query, the parsed JSON body, and the path's captures.
export interface RouteContext {
  studio: Studio;
  q: URLSearchParams;
  body: unknown;
  match: RegExpExecArray;
}

// One entry of the route table: a method, a path pattern below /api/v1 (no trailing slash), a handler.
export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: RegExp;
  handler: (ctx: RouteContext) => Answer;
}
