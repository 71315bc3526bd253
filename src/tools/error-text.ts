import {
  AuthError,
  BlockedError,
  BodyTooLargeError,
  CancelledError,
  CookieTooLargeError,
  CsrfError,
  InvalidHeaderError,
  InvalidIdError,
  NetworkError,
  NotFoundError,
  NotOfferedError,
  PagingError,
  type PixiesetError,
  RateLimitError,
  TimeoutError,
  UnexpectedResponseError,
  UpstreamError,
  ValidationError,
} from '../pixieset/errors.js';
import { ID_SOURCES } from './index.js';
import { ToolError } from './tool-error.js';

export { ToolError };

// The words for the model: an error's data turned into "what happened / what to do". The API layer's errors
// carry data only; the tools, settings and steps they point to are named here, at the tool edge.

const REFRESH_COOKIE =
  'Log in to studio.pixieset.com in your browser, open DevTools → Network, click any request to studio.pixieset.com/api, copy the whole "Cookie" request header, and put it in the file named by PIXIESET_COOKIE_FILE (picked up on the next request, no restart) or in PIXIESET_COOKIE (restart the MCP host). Run `pixieset-mcp doctor` to check.';

const REFRESH_GALLERY_COOKIE =
  'The gallery tools need a session for galleries.pixieset.com: log in there in your browser, open DevTools → Network, click any request to galleries.pixieset.com/api, copy the whole "Cookie" request header, and put it in the file named by PIXIESET_GALLERY_COOKIE_FILE (or in PIXIESET_GALLERY_COOKIE). The Studio tools keep working meanwhile. Run `pixieset-mcp doctor` to check both.';

const a = (word: string) => `${/^[aeiou]/i.test(word) ? 'an' : 'a'} ${word}`;

// What the user or model should do next about an API error.
export function hintFor(error: PixiesetError): string {
  if (error instanceof CookieTooLargeError)
    return 'Copy a fresh Cookie header into your cookie file (only the value of the "Cookie" request header); the server then uses it as it is.';
  if (error instanceof AuthError) return error.host === 'gallery' ? REFRESH_GALLERY_COOKIE : REFRESH_COOKIE;
  if (error instanceof CsrfError)
    return `Copy the *whole* Cookie header again, including the cookie whose name ends in XSRF-TOKEN, then retry. ${REFRESH_COOKIE}`;
  if (error instanceof BlockedError)
    return "Do not retry in a loop. Wait a few minutes; run the server on the same computer as the browser the cookie came from; set PIXIESET_USER_AGENT to that browser's User-Agent (DevTools → Network → a request → Request Headers → User-Agent); then copy a fresh Cookie header.";
  if (error instanceof NotOfferedError)
    return `The other tools work as usual; this part of Studio may not exist for this account or plan. If Studio in the browser shows ${error.area}, the unofficial API may have changed — please report it with the endpoint named here.`;
  if (error instanceof NotFoundError) {
    if (!error.resource) return 'The unofficial API may have changed.';
    const from = ID_SOURCES[error.resource];
    const what = error.resource.replace(/_/g, ' ');
    return from ? `Check the id, or find the ${what} with ${from}.` : 'Check the id.';
  }
  if (error instanceof InvalidIdError) {
    const what = error.expected.replace(/_/g, ' ');
    const from = ID_SOURCES[error.expected];
    return `Use ${a(what)} id that looks like ${error.shape}${from ? `, as returned by ${from}` : ''}. Nothing was sent to Pixieset.${error.idCheck === 'strict' ? ' If real ids from your studio have another length, set PIXIESET_ID_CHECK=lenient (or auto).' : error.idCheck === 'auto' ? ' Ids of another length are accepted once Pixieset has answered with one; PIXIESET_ID_CHECK=lenient accepts any.' : ''}`;
  }
  if (error instanceof ValidationError)
    return error.suggestion ?? 'Correct the fields named above and call the tool again.';
  if (error instanceof RateLimitError) {
    const ms = error.retryAfterMs;
    const wait = ms === undefined ? 'a minute' : `${Math.ceil(ms / 1000)} seconds`;
    return `Wait ${wait} before trying again, and ask for fewer pages at once; do not retry in a loop.`;
  }
  if (error instanceof UpstreamError)
    return (error.status ?? 0) >= 500
      ? "This is usually temporary on Pixieset's side. Try again in a minute; if it persists, check studio.pixieset.com in the browser."
      : 'Check the arguments; if they are right, the unofficial API may have changed — please report it with the endpoint named here.';
  if (error instanceof NetworkError)
    return 'Check the internet connection and PIXIESET_BASE_URL, then try again.';
  if (error instanceof TimeoutError)
    return 'Try again in a moment; if it keeps happening, raise PIXIESET_TIMEOUT_MS or check studio.pixieset.com in the browser.';
  if (error instanceof PagingError)
    return "Nothing more was asked for, so Pixieset is not flooded with requests. Pixieset's unofficial API has probably changed how it pages lists: run `pixieset-mcp doctor --probe` and attach its report to an issue. Meanwhile the first page of a list (list_invoices, list_clients) still shows the newest rows; totals over a whole list cannot be trusted until this is fixed.";
  if (error instanceof UnexpectedResponseError)
    return 'The unofficial API may have changed. Please report this message (it contains no personal data): run `pixieset-mcp doctor --probe` and attach its report to an issue.';
  if (error instanceof BodyTooLargeError)
    return 'Ask for less (a smaller per_page, a client_id or a status). If a normal answer from your studio is really this large, raise PIXIESET_MAX_BODY_MB.';
  if (error instanceof InvalidHeaderError)
    return error.header === 'cookie' || error.header === 'x-xsrf-token'
      ? 'Copy the Cookie header again as plain text into your cookie file (PIXIESET_COOKIE_FILE) or PIXIESET_COOKIE.'
      : 'Check PIXIESET_USER_AGENT: it must be plain text on one line.';
  if (error instanceof CancelledError) return 'Nothing more was sent. Call the tool again if still needed.';
  return 'Try again; if it repeats, report it to the pixieset-mcp maintainers with this message.';
}

// The text an assistant sees in an isError result: what happened, then what to do.
export function errorText(error: PixiesetError | ToolError): string {
  const hint = error instanceof ToolError ? error.hint : hintFor(error);
  return `${error.message}\nWhat to do: ${hint}`;
}
