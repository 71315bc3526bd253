// The bin: the only module that touches process, argv and stdio. It loads nothing heavy itself: it checks
// the configuration, answers the host's start-up messages at once (transports/stdio-front.ts), and loads the server
// (transports/stdio.ts) when a message needs it or start-up has gone quiet.
import { readFileSync, realpathSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';
import { HELP, parseArgs, USAGE_LINE, UsageError } from './cli-args.js';
import { type Config, ConfigError, grantsFileOf, loadConfig } from './config.js';
import { type StartupLists, startupAnswer } from './server-identity.js';
import { stdioFront } from './transports/stdio-front.js';
import { VERSION } from './version.js';

// Memory (measured: see BENCHMARKS.md). A young generation that does not grow keeps a burst of calls from
// leaving ~30 MiB of extra heap behind. From Node 22 on, V8's two optimizing compilers (Maglev, TurboFan) add
// ~10 MiB of their own code and compile memory: this server waits on the network, and without them a call
// costs no more measurably, so they stay off there, with V8's size-over-speed heuristics (~2 MiB more). On
// Node 20 memory has room: TurboFan stays, and those heuristics, which cost a 21-page read ~9 ms, are left
// off. Only flags V8 reads at run time, set just before the server code loads (the early
// answers do not need them).
function tuneV8(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  if (Number(process.versions.node.split('.')[0]) >= 22) {
    setFlagsFromString('--optimize-for-size');
    setFlagsFromString('--no-maglev');
    setFlagsFromString('--no-opt');
  }
}

// The start-up lists compiled at build time (dist/contract.json next to this file), read on first use; without
// the file (a build without it) the server answers them itself.
function startupLists(config: Config): (method: string) => Record<string, unknown> | undefined {
  let contract: StartupLists | null | undefined;
  return (method) => {
    if (contract === undefined) {
      try {
        contract = JSON.parse(
          readFileSync(new URL('./contract.json', import.meta.url), 'utf8'),
        ) as StartupLists;
      } catch {
        contract = null;
      }
    }
    return contract ? startupAnswer(contract, config, method) : undefined;
  };
}

// The real path of the running script (npm links and symlinks resolved), for doctor's host config.
const realEntry = (p: string | undefined): string | undefined => {
  if (!p) return undefined;
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

const fail = (message: string, code: number): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) return fail(`pixieset-mcp: ${e.message}\n${USAGE_LINE}`, 2);
    throw e;
  }
  if (args.command === 'help') {
    process.stdout.write(HELP);
    return;
  }
  if (args.command === 'version') {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  if (args.command === 'har') {
    // Offline: reads the file, needs no configuration and sends nothing.
    const { harCommand } = await import('./doctor.js');
    process.exitCode = await harCommand(args.harFile ?? '', args.json, (line) =>
      process.stdout.write(`${line}\n`),
    );
    return;
  }
  if (args.command === 'http' && args.grants) {
    // Needs no cookie: it reads and writes the grants file only.
    const { manageGrants } = await import('./transports/http.js');
    process.exitCode = await manageGrants(grantsFileOf(process.env), args.grants, (line) =>
      process.stdout.write(`${line}\n`),
    );
    return;
  }
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, {
      sandbox: args.sandbox,
      readOnly: args.readOnly,
      sandboxVariant: args.sandboxVariant,
      sandboxScale: args.sandboxScale,
      toolsets: args.toolsets,
    });
  } catch (e) {
    if (e instanceof ConfigError) return fail(`pixieset-mcp: ${e.message}`, 1);
    throw e;
  }
  if (args.command === 'doctor') {
    if (config.sandbox)
      return fail('pixieset-mcp: doctor checks your real Pixieset session; run it without --sandbox.', 2);
    const { runDoctor } = await import('./doctor.js');
    const { createLogger } = await import('./log.js');
    const quiet = createLogger('error', (line) => process.stderr.write(line));
    process.exitCode = await runDoctor(config, quiet, {
      say: (line) => process.stdout.write(`${line}\n`),
      platform: process.platform,
      entry: realEntry(process.argv[1]),
      invoked: process.argv[1],
      probe: args.probe,
      json: args.json,
    });
    return;
  }
  if (args.command === 'http') {
    tuneV8();
    const { runHttp, CookieFileError } = await import('./transports/http.js');
    try {
      await runHttp(
        config,
        {
          port: args.port ?? 8787,
          host: args.host ?? '127.0.0.1',
          hostGiven: args.host !== undefined,
          noToken: args.noToken,
          token: config.httpToken,
          tokenFile: config.httpTokenFile,
          allowedHosts: config.httpAllowedHosts,
          maxSessions: config.httpMaxSessions,
          idleMs: config.httpIdleMs,
          ...(args.oauth
            ? {
                oauth: {
                  publicUrl: config.httpPublicUrl,
                  passphraseFile: config.httpPassphraseFile,
                  grantsFile: config.httpGrantsFile,
                },
              }
            : {}),
        },
        {
          stderr: (line) => process.stderr.write(line),
          onSignal: (signal, handler) => process.on(signal, handler),
          exit: (code) => process.exit(code),
          // Always said, whatever the log level: supervisors and scripts read the address (port 0 picks one).
          onListening: (url) => process.stderr.write(`pixieset-mcp: Listening at ${url}\n`),
        },
      );
    } catch (e) {
      if (e instanceof CookieFileError) return fail(`pixieset-mcp: ${e.message}`, 1);
      return fail(`pixieset-mcp http: ${e instanceof Error ? e.message : String(e)}`, 1);
    }
    return;
  }
  const front = stdioFront(
    process.stdin,
    process.stdout,
    config,
    (m) => process.stderr.write(`[pixieset-mcp] warn: ${m}\n`),
    { lists: startupLists(config) },
  );
  await front.needed;
  tuneV8();
  const { runStdio, CookieFileError } = await import('./transports/stdio.js');
  try {
    await runStdio(config, {
      ...front.take(),
      stderr: (line) => process.stderr.write(line),
      onSignal: (signal, handler) => process.on(signal, handler),
      exit: (code) => process.exit(code),
    });
  } catch (e) {
    if (e instanceof CookieFileError) return fail(`pixieset-mcp: ${e.message}`, 1);
    throw e;
  }
}

main().catch((e: unknown) => {
  fail(`pixieset-mcp: unexpected error: ${e instanceof Error ? e.message : String(e)}`, 1);
});
