import { safeLine } from '../../pixieset/safe-text.js';
import { GrantStore } from './grants.js';

// `pixieset-mcp http --list-grants`, `--revoke CLIENT_ID`, `--revoke-all`: who has OAuth access, and ending it.
// The grants file is the one every running server reads before it accepts a token, so a revocation holds at once.
export async function manageGrants(
  file: string,
  what: { list: true } | { revoke: string } | { revokeAll: true },
  say: (line: string) => void,
): Promise<number> {
  const store = new GrantStore(file);
  if ('list' in what) {
    const { grants, clients } = await store.load();
    if (!grants.length) {
      say(`No one has OAuth access (${file}).`);
      return 0;
    }
    say('client id | name | access | granted | last used');
    for (const g of grants)
      say(
        [
          g.client_id,
          clients[g.client_id]?.client_name ?? g.client_name,
          g.access,
          g.created_at,
          g.last_used_at,
        ]
          .map((x) => safeLine(String(x), 120).replaceAll('|', '/'))
          .join(' | '),
      );
    return 0;
  }
  const ended = await store.update((s) => {
    const before = s.grants.length;
    if ('revokeAll' in what) {
      s.grants = [];
      s.clients = {};
    } else {
      s.grants = s.grants.filter((g) => g.client_id !== what.revoke);
      delete s.clients[what.revoke];
    }
    return before - s.grants.length;
  });
  if ('revoke' in what && ended === 0) {
    say(`No grant for ${what.revoke.slice(0, 200)}. pixieset-mcp http --list-grants shows who has access.`);
    return 1;
  }
  say(
    `Revoked ${ended} grant${ended === 1 ? '' : 's'}: their tokens are refused from now on, by running servers too.`,
  );
  return 0;
}
