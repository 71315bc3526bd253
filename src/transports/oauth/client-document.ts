import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { InvalidClientError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import {
  type OAuthClientInformationFull,
  OAuthClientMetadataSchema,
} from '@modelcontextprotocol/sdk/shared/auth.js';

// A client named by an https URL (a Client ID Metadata Document, as claude.ai and VS Code send): the document at
// that URL says the client's name and redirect URIs. Fetched over https only, no redirects, at most 64 kB in 5 s,
// never from a private or loopback address given as such; kept 10 minutes.

const MAX_BYTES = 64 * 1024;
const TIMEOUT_MS = 5_000;
const KEEP_MS = 10 * 60_000;
const cache = new Map<string, { client: OAuthClientInformationFull; until: number }>();

const privateAddress = (host: string) => {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h.endsWith('.localhost') || h.endsWith('.local')) return true;
  if (isIP(h) === 4) return /^(127\.|10\.|192\.168\.|169\.254\.|0\.|172\.(1[6-9]|2\d|3[01])\.)/.test(h);
  if (isIP(h) === 6) return h === '::1' || h.startsWith('fc') || h.startsWith('fd') || h.startsWith('fe80');
  return false;
};

function fetchText(url: URL): Promise<string> {
  const get = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = get(
      url,
      { method: 'GET', headers: { accept: 'application/json' }, timeout: TIMEOUT_MS },
      (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`HTTP ${res.statusCode}`));
          return;
        }
        let size = 0;
        const parts: Buffer[] = [];
        res.on('data', (b: Buffer) => {
          size += b.length;
          if (size > MAX_BYTES) req.destroy(new Error('larger than 64 kB'));
          else parts.push(b);
        });
        res.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer in 5 s')));
    req.on('error', reject);
    req.end();
  });
}

export async function clientDocument(
  id: string,
  allowLoopback: boolean,
): Promise<OAuthClientInformationFull | undefined> {
  const kept = cache.get(id);
  if (kept && kept.until > Date.now()) return kept.client;
  let url: URL;
  try {
    url = new URL(id);
  } catch {
    return undefined;
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  const allowed =
    (url.protocol === 'https:' && !privateAddress(url.hostname)) ||
    (allowLoopback && loopback && (url.protocol === 'http:' || url.protocol === 'https:'));
  if (!allowed || url.hash || url.username || url.password)
    throw new InvalidClientError(
      'A client id URL must be a public https address without credentials or fragment',
    );
  let doc: unknown;
  try {
    doc = JSON.parse(await fetchText(url));
  } catch (e) {
    throw new InvalidClientError(
      `The client's metadata document could not be read (${e instanceof Error ? e.message : 'unreadable'})`,
    );
  }
  const meta = OAuthClientMetadataSchema.safeParse(doc);
  const claimed = (doc as { client_id?: unknown } | null)?.client_id;
  if (!meta.success || claimed !== id)
    throw new InvalidClientError("The client's metadata document is not valid, or names another client_id");
  const client: OAuthClientInformationFull = {
    ...meta.data,
    client_id: id,
    token_endpoint_auth_method: 'none',
  };
  cache.set(id, { client, until: Date.now() + KEEP_MS });
  return client;
}
