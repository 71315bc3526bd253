// Where the project lives on GitHub is one setting: the owner in package.json's repository.url. Everything that
// names it — package.json's mcpName, server.json's name, repository and bundle address — is derived from it here.
//   node scripts/identity.mjs --owner NAME   set the owner and write every derived field
//   node scripts/identity.mjs --check        every derived field agrees with the owner (a test runs this)
//   node scripts/identity.mjs --release      also refuse the placeholder owner, and an owner that is not the
//                                            repository the release runs in ($GITHUB_REPOSITORY_OWNER)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The owner this repository was written under before it had a home: never published.
export const PLACEHOLDER = 'pixieset-mcp';
const REPO = 'pixieset-mcp';

const root = process.env.IDENTITY_ROOT ?? fileURLToPath(new URL('..', import.meta.url));
const read = (f) => JSON.parse(readFileSync(`${root}/${f}`, 'utf8'));
const write = (f, v) => writeFileSync(`${root}/${f}`, `${JSON.stringify(v, null, 2)}\n`);

const ownerOf = (pkg) => /^git\+https:\/\/github\.com\/([^/]+)\//.exec(pkg.repository?.url ?? '')?.[1];

// What each derived field must say for this owner.
function derived(owner, version) {
  return {
    mcpName: `io.github.${owner}/${REPO}`,
    repository: `https://github.com/${owner}/${REPO}`,
    bundle: `https://github.com/${owner}/${REPO}/releases/download/v${version}/${REPO}.mcpb`,
  };
}

function apply(owner) {
  const pkg = read('package.json');
  const server = read('server.json');
  const d = derived(owner, pkg.version);
  pkg.repository = { type: 'git', url: `git+${d.repository}.git` };
  pkg.mcpName = d.mcpName;
  server.name = d.mcpName;
  server.repository = { ...server.repository, url: d.repository };
  for (const p of server.packages) if (p.registryType === 'mcpb') p.identifier = d.bundle;
  write('package.json', pkg);
  write('server.json', server);
}

function problems() {
  const pkg = read('package.json');
  const server = read('server.json');
  const owner = ownerOf(pkg);
  if (!owner) return ['package.json repository.url is not git+https://github.com/OWNER/pixieset-mcp.git'];
  const d = derived(owner, pkg.version);
  const out = [];
  if (pkg.mcpName !== d.mcpName) out.push(`package.json mcpName should be ${d.mcpName}`);
  if (server.name !== d.mcpName) out.push(`server.json name should be ${d.mcpName}`);
  if (server.repository?.url !== d.repository)
    out.push(`server.json repository.url should be ${d.repository}`);
  for (const p of server.packages)
    if (p.registryType === 'mcpb' && p.identifier !== d.bundle)
      out.push(`server.json's bundle address should be ${d.bundle}`);
  return out.map((p) => `${p} (run: node scripts/identity.mjs --owner ${owner})`);
}

const [flag, value] = process.argv.slice(2);
if (flag === '--owner') {
  if (!value || !/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(value)) {
    process.stderr.write('usage: node scripts/identity.mjs --owner GITHUB_OWNER\n');
    process.exit(2);
  }
  apply(value);
  process.stdout.write(`Owner set to ${value}: package.json and server.json updated.\n`);
} else if (flag === '--check' || flag === '--release') {
  const found = problems();
  const owner = ownerOf(read('package.json'));
  if (flag === '--release') {
    if (owner === PLACEHOLDER)
      found.push(
        `the owner is still the placeholder "${PLACEHOLDER}": run node scripts/identity.mjs --owner <your GitHub user or organisation>, commit, and tag again`,
      );
    const actual = process.env.GITHUB_REPOSITORY_OWNER;
    if (actual && owner && actual.toLowerCase() !== owner.toLowerCase())
      found.push(`the owner is ${owner} but this release runs in ${actual}'s repository`);
  }
  if (found.length) {
    process.stderr.write(`Not released: ${found.join('; ')}.\n`);
    process.exit(1);
  }
  process.stdout.write(`Identity: github.com/${owner}/${REPO}, ${derived(owner, '').mcpName}.\n`);
} else {
  process.stderr.write('usage: node scripts/identity.mjs --owner NAME | --check | --release\n');
  process.exit(2);
}
