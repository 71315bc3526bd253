import type { AuthorizationParams } from '@modelcontextprotocol/sdk/server/auth/provider.js';
import type { OAuthClientInformationFull } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { Request, Response } from 'express';
import type { Access } from './grants.js';
// An authorization request waiting on the owner's answer on the consent page.
export interface Pending {
  client: OAuthClientInformationFull;
  params: AuthorizationParams;
  asked: Access;
  csrf: string;
  expires: number;
}

// What the owner's answer comes to.
export type Answer = { kind: 'unknown' | 'csrf' | 'locked' | 'wrong' } | { kind: 'redirect'; to: string };

// The provider as the form's handler sees it.
interface Answering {
  pending: Map<string, Pending>;
  answer(id: string, form: { csrf: string; passphrase: string; allow: boolean; access: Access }): Answer;
}

// The consent page: which client (its name, and the host it sends you back to) asks for what, and the owner's
// passphrase to approve. One form, posted to /oauth/consent with a CSRF token bound to this request.

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

export function consentPage(id: string, p: Pending, note = ''): string {
  const name = (p.client.client_name ?? 'An unnamed client').slice(0, 100);
  const back = new URL(p.params.redirectUri).host;
  const write = p.asked === 'write';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Allow access to your Pixieset?</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}
label{display:block;margin:.6rem 0}input[type=password]{width:100%;padding:.5rem;font-size:1rem}
button{padding:.5rem 1rem;font-size:1rem;margin-right:.5rem}.note{color:#a00}</style></head>
<body><h1>Allow access to your Pixieset?</h1>
<p><strong>${esc(name)}</strong> (it will send you back to <strong>${esc(back)}</strong>) asks to use this
pixieset-mcp server: your clients, invoices, payments, contracts, sessions and galleries${write ? ', and to create or change things (invoices, clients, messages to clients — each still confirmed)' : ', read only'}.</p>
${note ? `<p class="note">${esc(note)}</p>` : ''}
<form method="post" action="/oauth/consent">
<input type="hidden" name="request_id" value="${esc(id)}">
<input type="hidden" name="csrf" value="${esc(p.csrf)}">
${
  write
    ? `<label><input type="radio" name="access" value="write" checked> Read and write</label>
<label><input type="radio" name="access" value="read"> Read only (tools that create or change anything are refused)</label>`
    : '<input type="hidden" name="access" value="read">'
}
<label>Owner passphrase <input type="password" name="passphrase" autocomplete="current-password" required></label>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</form></body></html>`;
}

// POST /oauth/consent: the owner's answer.
export function consentHandler(provider: Answering) {
  return (req: Request, res: Response): void => {
    res.setHeader('cache-control', 'no-store');
    const body = (req.body ?? {}) as Record<string, unknown>;
    const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string).slice(0, 1000) : '');
    const id = str('request_id');
    const access: Access = str('access') === 'read' ? 'read' : 'write';
    const out = provider.answer(id, {
      csrf: str('csrf'),
      passphrase: str('passphrase'),
      allow: str('decision') !== 'deny',
      access,
    });
    const page = (status: number, text: string) => res.status(status).type('text/plain').send(`${text}\n`);
    switch (out.kind) {
      case 'redirect':
        res.redirect(302, out.to);
        return;
      case 'unknown':
        page(400, 'This request has expired or was already answered. Start again from the app that asked.');
        return;
      case 'csrf':
        page(
          403,
          'The form was not the one this server showed (CSRF check failed). Start again from the app.',
        );
        return;
      case 'locked':
        page(429, 'Too many wrong passphrases: try again in 15 minutes.');
        return;
      case 'wrong': {
        const p = provider.pending.get(id);
        if (!p) page(401, 'Wrong passphrase.');
        else
          res
            .status(401)
            .type('html')
            .send(
              consentPage(id, p, 'Wrong passphrase. A few more wrong tries lock this page for 15 minutes.'),
            );
        return;
      }
    }
  };
}
