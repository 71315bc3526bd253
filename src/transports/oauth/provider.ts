import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { OAuthRegisteredClientsStore } from '@modelcontextprotocol/sdk/server/auth/clients.js';
import {
  InvalidClientMetadataError,
  InvalidGrantError,
  InvalidScopeError,
  InvalidTargetError,
  InvalidTokenError,
} from '@modelcontextprotocol/sdk/server/auth/errors.js';
import type {
  AuthorizationParams,
  OAuthServerProvider,
} from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type {
  OAuthClientInformationFull,
  OAuthTokenRevocationRequest,
  OAuthTokens,
} from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Response } from 'express';
import { clientDocument } from './client-document.js';
import { type Answer, consentPage, type Pending } from './consent.js';
import { type Access, type Grant, GrantStore, hashOf, newToken } from './grants.js';

// The server as its own authorization server, for one owner (the MCP authorization spec, 2025-11-25): clients
// come by dynamic registration or by a client ID metadata document; the owner approves each on a consent page
// with the owner passphrase; codes need PKCE S256 (checked by the SDK's token handler) and are single use; access
// tokens live an hour and are bound to this server's resource; refresh tokens rotate, and a replayed one ends the
// grant. Nothing here is hosted by anyone else.

export const SCOPES = ['read', 'write'] as const;
const scopesOf = (access: Access) => (access === 'write' ? ['read', 'write'] : ['read']);

export interface OwnerAuthOptions {
  // The https address hosts see (PIXIESET_HTTP_PUBLIC_URL): the issuer, exactly as the metadata says it; the
  // resource is its /mcp.
  issuer: string;
  resource: URL;
  store: GrantStore;
  passphrase: string;
  accessTtlSeconds?: number;
  // Client ID metadata documents may be fetched from loopback over http (tests on one machine only).
  allowLoopbackDocuments?: boolean;
}

interface Code {
  client_id: string;
  challenge: string;
  redirect_uri: string;
  access: Access;
  expires: number;
  // The grant it was exchanged for: a second exchange revokes it (RFC 9700 §4.2.1 / OAuth 2.1).
  grant_id?: string;
}

const PENDING_MS = 10 * 60_000;
const CODE_MS = 5 * 60_000;
const MAX_PENDING = 100;
const USED_EVERY_MS = 5 * 60_000;

// A wrong passphrase: at most 5 in 15 minutes, then every attempt is refused until the window passes.
export const PASSPHRASE_TRIES = 5;
const TRY_WINDOW_MS = 15 * 60_000;

const sameSecret = (a: string, b: string) =>
  timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());

export class OwnerAuthProvider implements OAuthServerProvider {
  readonly pending = new Map<string, Pending>();
  private readonly codes = new Map<string, Code>();
  private failures: number[] = [];
  private readonly ttl: number;

  constructor(readonly o: OwnerAuthOptions) {
    this.ttl = o.accessTtlSeconds ?? 3600;
  }

  get clientsStore(): OAuthRegisteredClientsStore {
    const { store } = this.o;
    return {
      getClient: async (id) => {
        if (/^https?:\/\//i.test(id)) return clientDocument(id, this.o.allowLoopbackDocuments ?? false);
        return (await store.load()).clients[id];
      },
      registerClient: async (meta) => {
        for (const uri of meta.redirect_uris) {
          const u = new URL(uri);
          const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
          if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback))
            throw new InvalidClientMetadataError(
              `redirect_uri ${uri.slice(0, 100)} must be https (or http on loopback)`,
            );
        }
        const client: OAuthClientInformationFull = {
          ...meta,
          client_id: `pmc_${randomBytes(16).toString('base64url')}`,
          client_id_issued_at: Math.floor(Date.now() / 1000),
        };
        await store.update((s) => {
          s.clients[client.client_id] = client;
        });
        return client;
      },
    };
  }

  // The authorize step: checks the resource, keeps the request, and shows the owner the consent page.
  async authorize(
    client: OAuthClientInformationFull,
    params: AuthorizationParams,
    res: Response,
  ): Promise<void> {
    this.checkResource(params.resource);
    const unknown = (params.scopes ?? []).filter((s) => !(SCOPES as readonly string[]).includes(s));
    if (unknown.length)
      throw new InvalidScopeError(`Unknown scope ${unknown[0]?.slice(0, 40)}: use read or write`);
    const now = Date.now();
    for (const [id, p] of this.pending) if (p.expires < now) this.pending.delete(id);
    if (this.pending.size >= MAX_PENDING)
      throw new InvalidScopeError('Too many pending requests; try again later');
    const id = newToken();
    const asked: Access = params.scopes?.includes('write') || !params.scopes?.length ? 'write' : 'read';
    const p: Pending = { client, params, asked, csrf: newToken(), expires: now + PENDING_MS };
    this.pending.set(id, p);
    res.setHeader(
      'content-security-policy',
      "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
    );
    res.setHeader('x-frame-options', 'DENY');
    res.status(200).type('html').send(consentPage(id, p));
  }

  // The owner's answer. 'locked': too many wrong passphrases lately (nothing is checked).
  answer(id: string, form: { csrf: string; passphrase: string; allow: boolean; access: Access }): Answer {
    const p = this.pending.get(id);
    if (!p || p.expires < Date.now()) return { kind: 'unknown' };
    if (!sameSecret(form.csrf, p.csrf)) return { kind: 'csrf' };
    const to = new URL(p.params.redirectUri);
    if (p.params.state !== undefined) to.searchParams.set('state', p.params.state);
    if (!form.allow) {
      this.pending.delete(id);
      to.searchParams.set('error', 'access_denied');
      return { kind: 'redirect', to: to.href };
    }
    const now = Date.now();
    this.failures = this.failures.filter((t) => t > now - TRY_WINDOW_MS);
    if (this.failures.length >= PASSPHRASE_TRIES) return { kind: 'locked' };
    if (!sameSecret(form.passphrase, this.o.passphrase)) {
      this.failures.push(now);
      return { kind: 'wrong' };
    }
    this.pending.delete(id);
    const code = newToken();
    this.codes.set(hashOf(code), {
      client_id: p.client.client_id,
      challenge: p.params.codeChallenge,
      redirect_uri: p.params.redirectUri,
      // The owner may grant less than was asked, never more.
      access: p.asked === 'read' ? 'read' : form.access,
      expires: now + CODE_MS,
    });
    to.searchParams.set('code', code);
    // RFC 9207: the issuer, as the metadata gives it, so a client can tell which server answered.
    to.searchParams.set('iss', this.o.issuer);
    return { kind: 'redirect', to: to.href };
  }

  async challengeForAuthorizationCode(client: OAuthClientInformationFull, code: string): Promise<string> {
    const c = this.codeFor(client, code);
    return c.challenge;
  }

  async exchangeAuthorizationCode(
    client: OAuthClientInformationFull,
    code: string,
    _verifier?: string,
    redirectUri?: string,
    resource?: URL,
  ): Promise<OAuthTokens> {
    const c = this.codeFor(client, code);
    if (c.grant_id) {
      // A code used twice: whoever holds it is not to be trusted, so the grant it gave ends too.
      const gone = c.grant_id;
      await this.o.store.update((s) => {
        s.grants = s.grants.filter((g) => g.id !== gone);
      });
      throw new InvalidGrantError('Authorization code already used; the access it gave is revoked');
    }
    if (redirectUri !== undefined && redirectUri !== c.redirect_uri)
      throw new InvalidGrantError('redirect_uri does not match the authorization request');
    this.checkResource(resource);
    const access = newToken();
    const refresh = newToken();
    const now = new Date();
    const grant: Grant = {
      id: newToken().slice(0, 16),
      client_id: client.client_id,
      client_name: (client.client_name ?? client.client_id).slice(0, 100),
      access: c.access,
      resource: this.o.resource.href,
      created_at: now.toISOString(),
      last_used_at: now.toISOString(),
      refresh_hash: hashOf(refresh),
      spent_refresh: [],
      tokens: [{ hash: hashOf(access), expires_at: now.getTime() + this.ttl * 1000 }],
    };
    c.grant_id = grant.id;
    await this.o.store.update((s) => {
      s.grants.push(grant);
    });
    return this.tokens(access, refresh, c.access);
  }

  async exchangeRefreshToken(
    client: OAuthClientInformationFull,
    refreshToken: string,
    scopes?: string[],
    resource?: URL,
  ): Promise<OAuthTokens> {
    this.checkResource(resource);
    const hash = hashOf(refreshToken);
    const access = newToken();
    const refresh = newToken();
    const out = await this.o.store.update((s) => {
      const replayed = s.grants.find((g) => g.spent_refresh.includes(hash));
      if (replayed) {
        // A rotated-away refresh token shown again: it was copied, so the grant ends.
        s.grants = s.grants.filter((g) => g !== replayed);
        return 'replayed' as const;
      }
      const g = s.grants.find((x) => x.refresh_hash === hash && x.client_id === client.client_id);
      if (!g) return 'unknown' as const;
      if (scopes?.some((x) => !scopesOf(g.access).includes(x))) return 'scope' as const;
      GrantStore.remember(g, hash);
      g.refresh_hash = hashOf(refresh);
      g.last_used_at = new Date().toISOString();
      g.tokens.push({ hash: hashOf(access), expires_at: Date.now() + this.ttl * 1000 });
      return g.access;
    });
    if (out === 'replayed') throw new InvalidGrantError('Refresh token already used; the grant is revoked');
    if (out === 'unknown') throw new InvalidGrantError('Unknown or revoked refresh token');
    if (out === 'scope') throw new InvalidScopeError('More scope than was granted');
    return this.tokens(access, refresh, out);
  }

  async verifyAccessToken(token: string): Promise<AuthInfo> {
    const hash = hashOf(token);
    const now = Date.now();
    const state = await this.o.store.load();
    for (const g of state.grants) {
      const t = g.tokens.find((x) => x.hash === hash);
      if (!t) continue;
      if (t.expires_at <= now) throw new InvalidTokenError('Token has expired');
      // When it was last used, for --list-grants: written at most every 5 minutes, never waited for.
      if (now - Date.parse(g.last_used_at) > USED_EVERY_MS) {
        const id = g.id;
        void this.o.store
          .update((s) => {
            const mine = s.grants.find((x) => x.id === id);
            if (mine) mine.last_used_at = new Date(now).toISOString();
          })
          .catch(() => {});
      }
      return {
        token,
        clientId: g.client_id,
        scopes: scopesOf(g.access),
        expiresAt: Math.floor(t.expires_at / 1000),
        resource: new URL(g.resource),
        extra: { grant: g.id },
      };
    }
    throw new InvalidTokenError('Unknown or revoked token');
  }

  async revokeToken(client: OAuthClientInformationFull, request: OAuthTokenRevocationRequest): Promise<void> {
    const hash = hashOf(request.token);
    await this.o.store.update((s) => {
      s.grants = s.grants.filter((g) => !(g.client_id === client.client_id && g.refresh_hash === hash));
      for (const g of s.grants)
        if (g.client_id === client.client_id) g.tokens = g.tokens.filter((t) => t.hash !== hash);
    });
  }

  private codeFor(client: OAuthClientInformationFull, code: string): Code {
    const c = this.codes.get(hashOf(code));
    const now = Date.now();
    for (const [k, v] of this.codes) if (v.expires < now) this.codes.delete(k);
    if (!c || c.expires < now || c.client_id !== client.client_id)
      throw new InvalidGrantError('Unknown, expired or foreign authorization code');
    return c;
  }

  // A token is only ever for this server: a request naming another resource is refused (RFC 8707).
  private checkResource(resource: URL | undefined): void {
    if (resource !== undefined && !this.isOurs(resource))
      throw new InvalidTargetError(`This server issues tokens only for ${this.o.resource.href}`);
  }

  // This server's resource, a fragment and one trailing slash aside.
  isOurs(resource: URL): boolean {
    const norm = (u: URL) => u.href.replace(/#.*$/, '').replace(/\/$/, '');
    return norm(resource) === norm(this.o.resource);
  }

  private tokens(access: string, refresh: string, granted: Access): OAuthTokens {
    return {
      access_token: access,
      token_type: 'Bearer',
      expires_in: this.ttl,
      refresh_token: refresh,
      scope: scopesOf(granted).join(' '),
    };
  }
}
