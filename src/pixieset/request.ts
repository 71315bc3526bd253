// A request to Pixieset before it is sent: its template, parameters, query and body, and what it resolves to.

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

// What every API call may carry: the caller's cancellation, and whether cached answers may serve it.
export interface CallOptions {
  signal?: AbortSignal | undefined;
  // Skip the read cache and any shared request: for checks that must see Pixieset's state now.
  fresh?: boolean | undefined;
  // Called with a GET's parsed body before it is checked, when it came over the network: a multi-page read
  // learns from page 1 how many pages there are and asks for the rest while page 1 is being checked.
  onBody?: ((body: unknown) => void) | undefined;
}

// One request from a template such as 'GET /invoices/{invoice_id}': the template is the method and path,
// and the endpoint's name in every message. `params` fill the {placeholders} and must be validated ids (or,
// for a {…_path}, validated parts).
export interface RequestOptions extends CallOptions {
  params?: Record<string, string>;
  // The API area ("contracts") of an endpoint a studio may not have: its 404/405 means "not offered".
  area?: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
}

// A request ready to send: the template resolved.
export interface ResolvedRequest extends RequestOptions {
  method: Method;
  // Path below the base URL, e.g. "/invoices/in_…".
  path: string;
  // The template, e.g. "GET /invoices/{invoice_id}".
  endpoint: string;
  // What a 404 means: the one id the template names ({client_id} → a client), if it names one.
  notFound: { resource: string; id: string } | undefined;
}

// Resolves a template and its params into a request; a missing param is a programming error.
export function resolve(template: string, opts: RequestOptions): ResolvedRequest {
  const [method, pathTemplate = ''] = template.split(' ') as [Method, string];
  const params = opts.params ?? {};
  const path = pathTemplate.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${template}: no value for {${name}}`);
    // A {…_path} param keeps its slashes (an IANA zone, "Europe/London", as the docs write it in a path); each
    // part between them is encoded like any param.
    return name.endsWith('_path')
      ? value.split('/').map(encodeURIComponent).join('/')
      : encodeURIComponent(value);
  });
  const names = Object.keys(params).filter((n) => n.endsWith('_id'));
  const only = names.length === 1 ? names[0] : undefined;
  const notFound =
    only?.endsWith('_id') && params[only] !== undefined
      ? { resource: only.slice(0, -3), id: params[only] as string }
      : undefined;
  return { ...opts, method, path, endpoint: template, notFound };
}

// The query string of a request ("" when empty); also the read cache's key part.
export function queryString(query: RequestOptions['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}
