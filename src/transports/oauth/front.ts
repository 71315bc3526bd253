import { randomBytes } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname } from 'node:path';
import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { createOAuthMetadata, mcpAuthRouter } from '@modelcontextprotocol/sdk/server/auth/router.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import express from 'express';
import { consentHandler } from './consent.js';
import { GrantStore } from './grants.js';
import { OwnerAuthProvider, SCOPES } from './provider.js';

// The OAuth side of `pixieset-mcp http --oauth`, loaded only then: the SDK's authorization router (metadata,
// /authorize, /token, /register, /revoke, each rate-limited), the consent form's answer, and the check of an
// access token on /mcp. This module is the only user of express (the SDK's router is built on it).

export interface OAuthOptions {
  publicUrl: URL;
  passphraseFile: string;
  grantsFile: string;
  loopbackTest: boolean;
  say: (m: string) => void;
}

export interface OAuthFront {
  // True for the paths this front answers.
  owns(path: string): boolean;
  handle(req: IncomingMessage, res: ServerResponse): void;
  // An access token's grant when it is one for this server's /mcp; otherwise it throws.
  verify(token: string): Promise<AuthInfo>;
  // The WWW-Authenticate value of a 401 on /mcp (RFC 9728: where the resource's metadata is).
  challenge(error?: string): string;
  close(): void;
}

const OWNED = [
  '/.well-known/oauth-authorization-server',
  '/.well-known/oauth-protected-resource',
  '/.well-known/oauth-protected-resource/mcp',
  '/authorize',
  '/token',
  '/register',
  '/revoke',
  '/oauth/consent',
];

// The owner passphrase: the file's first line, else a new one written there (0600). Only the path is said.
export async function ownerPassphrase(file: string, say: (m: string) => void): Promise<string> {
  try {
    const s = await stat(file);
    if (s.isFile() && s.size < 4096) {
      const p = (await readFile(file, 'utf8')).split('\n')[0]?.trim() ?? '';
      if (p.length >= 12) return p;
      throw new Error(`the owner passphrase in ${file} is shorter than 12 characters`);
    }
    throw new Error(`${file} is not a small file`);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const p = randomBytes(18).toString('base64url');
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${p}\n`, { mode: 0o600 });
  say(
    `Owner passphrase: generated and saved to ${file} (readable by you only). The consent page asks for it.`,
  );
  return p;
}

export async function oauthFront(o: OAuthOptions): Promise<OAuthFront> {
  const passphrase = await ownerPassphrase(o.passphraseFile, o.say);
  const store = new GrantStore(o.grantsFile);
  await store.load();
  const base = new URL(o.publicUrl.href.replace(/\/+$/, '/'));
  const resource = new URL('mcp', base);
  const provider = new OwnerAuthProvider({
    issuer: base.href,
    resource,
    store,
    passphrase,
    allowLoopbackDocuments: o.loopbackTest,
  });
  const app = express();
  app.disable('x-powered-by');
  // One owner behind one proxy: the SDK's per-IP limits count everyone together, which is the safe side.
  const limits = { rateLimit: { validate: false } } as const;
  const metadata = {
    ...createOAuthMetadata({ provider, issuerUrl: base, scopesSupported: [...SCOPES] }),
    // Clients may name themselves by an https URL to their metadata document.
    client_id_metadata_document_supported: true,
  };
  app.get('/.well-known/oauth-authorization-server', (_req, res) => {
    res.json(metadata);
  });
  app.use(
    mcpAuthRouter({
      provider,
      issuerUrl: base,
      resourceServerUrl: resource,
      scopesSupported: [...SCOPES],
      resourceName: 'pixieset-mcp',
      authorizationOptions: limits,
      tokenOptions: limits,
      clientRegistrationOptions: limits,
      revocationOptions: limits,
    }),
  );
  app.post('/oauth/consent', express.urlencoded({ extended: false, limit: '8kb' }), consentHandler(provider));
  const prm = new URL('/.well-known/oauth-protected-resource/mcp', base).href;
  return {
    owns: (path) => OWNED.includes(path),
    handle: (req, res) => app(req as express.Request, res as express.Response),
    verify: async (token) => {
      const info = await provider.verifyAccessToken(token);
      if (!info.resource || !provider.isOurs(info.resource))
        throw new InvalidTokenError('Token was not issued for this resource');
      return info;
    },
    challenge: (error) =>
      `Bearer ${error ? `error="${error}", ` : ''}resource_metadata="${prm}", scope="${SCOPES.join(' ')}"`,
    close: () => provider.pending.clear(),
  };
}
