import { readFile, stat } from 'node:fs/promises';
import type { Redactor } from '../log.js';

// Where the cookie comes from: the value itself, or a file the user can refresh while the server runs.
export type CookieSource = { kind: 'value'; value: string } | { kind: 'file'; path: string };

// Thrown when the cookie file cannot be used; the message names the file and the fix.
export class CookieFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CookieFileError';
  }
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

// Owns the cookie jar: the configured cookie, updates from Set-Cookie, and the XSRF header for writes.
export class Session {
  private jar = new Map<string, string>();
  private fileStamp: string | undefined;

  constructor(
    private readonly source: CookieSource,
    private readonly redactor: Redactor,
  ) {
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

  // Number of cookies in the jar (for doctor; never their values).
  cookieNames(): string[] {
    return [...this.jar.keys()];
  }

  // The X-XSRF-TOKEN value: the URL-decoded value of any cookie whose name ends in XSRF-TOKEN.
  xsrfToken(): string | undefined {
    for (const [name, value] of this.jar) {
      if (name.toUpperCase().endsWith('XSRF-TOKEN')) {
        try {
          return decodeURIComponent(value);
        } catch {
          return value;
        }
      }
    }
    return undefined;
  }

  // Applies Set-Cookie response headers to the jar (new values, and deletions by Max-Age=0 or a past Expires).
  applySetCookie(setCookie: string | string[] | undefined, now = Date.now()): void {
    if (!setCookie) return;
    for (const line of Array.isArray(setCookie) ? setCookie : [setCookie]) {
      const [pair = '', ...attrs] = line.split(';');
      const eq = pair.indexOf('=');
      if (eq <= 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      let expired = false;
      for (const attr of attrs) {
        const [k = '', v = ''] = attr.split('=').map((s) => s.trim());
        if (k.toLowerCase() === 'max-age' && Number(v) <= 0) expired = true;
        if (k.toLowerCase() === 'expires' && Date.parse(v) < now) expired = true;
      }
      if (expired) this.jar.delete(name);
      else {
        this.jar.set(name, value);
        this.redactor.add(value);
      }
    }
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
    for (const v of this.jar.values()) this.redactor.add(v);
  }

  private async readCookieFile(path: string): Promise<{ text: string; stamp: string }> {
    let text: string;
    let stamp: string;
    try {
      stamp = await fileStamp(path);
      text = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CookieFileError(
        code === 'ENOENT'
          ? `The cookie file ${path} (PIXIESET_COOKIE_FILE) does not exist. Create it with the Cookie header copied from your browser.`
          : `The cookie file ${path} (PIXIESET_COOKIE_FILE) cannot be read (${code ?? 'error'}). Check its path and permissions.`,
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

async function fileStamp(path: string): Promise<string> {
  const s = await stat(path);
  return `${s.mtimeMs}:${s.size}:${s.ino}`;
}
