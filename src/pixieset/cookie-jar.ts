import { open, stat } from 'node:fs/promises';
import type { Logger, Redactor } from '../log.js';

// Where the cookie comes from: the value itself, or a file the user can refresh while the server runs.
export type CookieSource = { kind: 'value'; value: string } | { kind: 'file'; path: string };

// Thrown when the cookie file cannot be used; the message names the file and the fix.
export class CookieFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CookieFileError';
  }
}

// What may stand in a header value we send: printable ASCII and tab. Node's HTTP client throws on anything else
// (and Pixieset's servers might read it otherwise), so every value is checked where it enters the jar.
const HEADER_SAFE = /^[\t\x20-\x7e]*$/;
export const isHeaderSafe = (value: string): boolean => HEADER_SAFE.test(value);
// A cookie name: an HTTP token.
const COOKIE_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,256}$/;

// Bounds on what Set-Cookie may add: browsers keep cookies to 4 KiB each; a jar that grows past these would
// make every request fail with 431 (Request Header Fields Too Large).
export const MAX_COOKIE_BYTES = 4096;
const MAX_JAR_COOKIES = 60;
const MAX_HEADER_BYTES = 12 * 1024;
// A cookie file is a pasted header: a few KiB. Anything much larger is not one.
export const MAX_COOKIE_FILE_BYTES = 64 * 1024;

// Where the first character that cannot be sent in a header stands, for a message that never shows the value.
export function headerProblem(value: string): string | undefined {
  const i = [...value].findIndex((c) => !HEADER_SAFE.test(c));
  if (i < 0) return undefined;
  const c = [...value][i] ?? '';
  const code = `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
  const what =
    c === '\n' || c === '\r' ? 'a line break' : /\p{Cc}/u.test(c) ? 'a control character' : 'a character';
  return `${what} (${code}) at position ${i + 1} that cannot be sent in an HTTP header`;
}

// Splits a Cookie request header ("a=1; b=2") into name/value pairs, keeping order.
export function parseCookieHeader(header: string): Map<string, string> {
  const jar = new Map<string, string>();
  // Tolerate a pasted "Cookie: " prefix, as people copy the whole header line.
  const value = header.trim().replace(/^cookie:\s*/i, '');
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const name = part.slice(0, eq).trim();
    if (name) jar.set(name, part.slice(eq + 1).trim());
  }
  return jar;
}

// Owns the cookie jar: the configured cookie, bounded updates from Set-Cookie for this host only, and the
// XSRF header for writes. Every value in the jar is safe to send as a header.
export class CookieJar {
  private jar = new Map<string, string>();
  private fileStamp: string | undefined;
  private readonly host: string;
  private readonly basePath: string;

  constructor(
    private readonly source: CookieSource,
    private readonly redactor: Redactor,
    // The API base URL: Set-Cookie for another domain, or a path outside it, is ignored.
    baseUrl = 'https://studio.pixieset.com/api/v1',
    private readonly logger?: Logger,
  ) {
    const url = new URL(baseUrl);
    this.host = url.hostname.toLowerCase();
    this.basePath = url.pathname;
    if (source.kind === 'value') this.seed(source.value);
  }

  // Reads the cookie file (if that is the source); call once before the first request.
  async load(): Promise<void> {
    if (this.source.kind !== 'file') return;
    const { text, stamp } = await this.readCookieFile(this.source.path);
    this.seed(text);
    this.fileStamp = stamp;
  }

  // The Cookie request header for the next request.
  cookieHeader(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  // The names of the cookies in the jar (for doctor; never their values).
  cookieNames(): string[] {
    return [...this.jar.keys()];
  }

  // The X-XSRF-TOKEN value: the URL-decoded value of any cookie whose name ends in XSRF-TOKEN.
  // A token that decodes to something a header cannot carry is not sent (the write then fails as a 419).
  xsrfToken(): string | undefined {
    for (const [name, value] of this.jar) {
      if (name.toUpperCase().endsWith('XSRF-TOKEN')) {
        let token = value;
        try {
          token = decodeURIComponent(value);
        } catch {
          // Not URL-encoded: send it as it is.
        }
        if (isHeaderSafe(token)) {
          this.redactor.addTransient(token);
          return token;
        }
        this.logger?.warn(`The ${name} cookie decodes to ${headerProblem(token)}; it is not sent.`);
        return undefined;
      }
    }
    return undefined;
  }

  // Applies Set-Cookie response headers to the jar (new values, and deletions by Max-Age=0 or a past Expires).
  // Ignored, with a warning: cookies for another domain or path, names or values a header cannot carry,
  // values over 4 KiB, and additions past the jar's bounds.
  applySetCookie(setCookie: string | string[] | undefined, now = Date.now()): void {
    if (!setCookie) return;
    for (const line of (Array.isArray(setCookie) ? setCookie : [setCookie]).slice(0, MAX_JAR_COOKIES)) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      this.redactor.addTransient(value);
      try {
        this.redactor.addTransient(decodeURIComponent(value));
      } catch {
        // Not URL-encoded.
      }
      let expired = false;
      let foreign: string | undefined;
      for (const attr of attrs) {
        const at = attr.indexOf('=');
        const k = (at < 0 ? attr : attr.slice(0, at)).trim().toLowerCase();
        const v = at < 0 ? '' : attr.slice(at + 1).trim();
        if (k === 'max-age' && Number(v) <= 0) expired = true;
        if (k === 'expires' && Date.parse(v) < now) expired = true;
        if (k === 'domain' && !this.domainMatches(v)) foreign = `its Domain is not ${this.host}`;
        if (k === 'path' && v && !this.pathMatches(v)) foreign = `its Path does not cover ${this.basePath}`;
      }
      const safeName = COOKIE_NAME.test(name) ? name : '(an invalid name)';
      if (foreign) {
        this.logger?.warn(`Ignored a Set-Cookie for ${safeName}: ${foreign}.`);
        continue;
      }
      if (safeName !== name) {
        this.logger?.warn('Ignored a Set-Cookie whose name is not a valid cookie name.');
        continue;
      }
      if (expired) {
        this.jar.delete(name);
        continue;
      }
      const problem =
        headerProblem(value) ?? (name.endsWith('XSRF-TOKEN') ? decodedProblem(value) : undefined);
      if (problem || value.length > MAX_COOKIE_BYTES) {
        this.logger?.warn(
          `Ignored a Set-Cookie for ${name}: ${problem ?? `its value is over ${MAX_COOKIE_BYTES} bytes`}.`,
        );
        continue;
      }
      const next = new Map(this.jar).set(name, value);
      if (next.size > MAX_JAR_COOKIES || headerBytes(next) > MAX_HEADER_BYTES) {
        this.logger?.warn(`Ignored a Set-Cookie for ${name}: the cookie header would grow past its bound.`);
        continue;
      }
      this.jar = next;
    }
  }

  // After a 431 (the cookie header is too large): back to the cookie as configured (re-read from the file),
  // dropping everything Set-Cookie added since.
  async resetToSource(): Promise<void> {
    if (this.source.kind === 'value') return this.seed(this.source.value);
    const { text, stamp } = await this.readCookieFile(this.source.path);
    this.seed(text);
    this.fileStamp = stamp;
  }

  private domainMatches(domain: string): boolean {
    const d = domain.toLowerCase().replace(/^\./, '');
    return d !== '' && (this.host === d || this.host.endsWith(`.${d}`));
  }

  private pathMatches(path: string): boolean {
    const p = path.endsWith('/') ? path : `${path}/`;
    return `${this.basePath}/`.startsWith(p);
  }

  // After an auth failure: re-read the cookie file if it changed since it was read. True when it did.
  async reloadIfChanged(): Promise<boolean> {
    if (this.source.kind !== 'file') return false;
    let stamp: string;
    try {
      stamp = await fileStamp(this.source.path);
    } catch {
      return false;
    }
    if (stamp === this.fileStamp) return false;
    const read = await this.readCookieFile(this.source.path).catch(() => undefined);
    if (!read) return false;
    const changed = read.text.trim() !== this.loadedText;
    this.fileStamp = read.stamp;
    if (changed) this.seed(read.text);
    return changed;
  }

  private loadedText = '';

  private seed(text: string): void {
    this.loadedText = text.trim();
    this.jar = parseCookieHeader(text);
    this.redactor.add(this.loadedText);
    for (const v of this.jar.values()) {
      this.redactor.add(v);
      try {
        this.redactor.add(decodeURIComponent(v));
      } catch {
        // Not URL-encoded.
      }
    }
  }

  private async readCookieFile(path: string): Promise<{ text: string; stamp: string }> {
    const where = `The cookie file ${path} (PIXIESET_COOKIE_FILE)`;
    let text: string;
    let stamp: string;
    try {
      // Checked before opening: a FIFO or a device would block the read, and a huge file is not a cookie.
      const s = await stat(path);
      if (!s.isFile()) {
        throw new CookieFileError(
          `${where} is not a regular file. Save the Cookie header in an ordinary text file and point PIXIESET_COOKIE_FILE at it.`,
        );
      }
      if (s.size > MAX_COOKIE_FILE_BYTES) {
        throw new CookieFileError(
          `${where} is ${s.size} bytes, more than a Cookie header can be (${MAX_COOKIE_FILE_BYTES} at most). Put only the value of the "Cookie" request header in it.`,
        );
      }
      stamp = stampOf(s);
      // Read at most the bound, whatever the file has grown to since stat.
      const handle = await open(path, 'r');
      try {
        const buf = Buffer.alloc(MAX_COOKIE_FILE_BYTES + 1);
        const { bytesRead } = await handle.read(buf, 0, buf.length, 0);
        if (bytesRead > MAX_COOKIE_FILE_BYTES)
          throw new CookieFileError(`${where} is too large to be a Cookie header.`);
        text = buf.subarray(0, bytesRead).toString('utf8');
      } finally {
        await handle.close();
      }
    } catch (e) {
      if (e instanceof CookieFileError) throw e;
      const code = (e as NodeJS.ErrnoException).code;
      throw new CookieFileError(
        code === 'ENOENT'
          ? `${where} does not exist. Create it with the Cookie header copied from your browser.`
          : `${where} cannot be read (${code ?? 'error'}). Check its path and permissions.`,
      );
    }
    const problem = headerProblem(text.trim());
    if (problem) {
      throw new CookieFileError(
        `${where} holds ${problem}. It must hold the Cookie header on one line: copy the value of the "Cookie" request header again and paste it without line breaks or typographic quotes.`,
      );
    }
    if (parseCookieHeader(text).size === 0) {
      throw new CookieFileError(
        `The cookie file ${path} (PIXIESET_COOKIE_FILE) holds no cookies. Paste the whole "Cookie" request header value (name=value; name2=value2) into it.`,
      );
    }
    return { text, stamp };
  }
}

const stampOf = (s: { mtimeMs: number; size: number; ino: number }) => `${s.mtimeMs}:${s.size}:${s.ino}`;

async function fileStamp(path: string): Promise<string> {
  return stampOf(await stat(path));
}

const headerBytes = (jar: Map<string, string>) => {
  let n = 0;
  for (const [k, v] of jar) n += k.length + v.length + 3;
  return n;
};

function decodedProblem(value: string): string | undefined {
  try {
    const p = headerProblem(decodeURIComponent(value));
    return p ? `it decodes to ${p}` : undefined;
  } catch {
    return undefined;
  }
}
