// The bin: the only module that touches process, argv and stdio.
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { HELP, parseArgs, UsageError } from './cli-args.js';
import { ConfigError, loadConfig } from './config.js';
import { runDoctor } from './doctor.js';
import { createLogger, Redactor } from './log.js';
import { createPixiesetClient } from './pixieset/client.js';
import { CookieFileError, type CookieSource } from './pixieset/session.js';
import { Sandbox } from './sandbox/server.js';
import { createServer } from './server.js';
import { VERSION } from './version.js';

const fail = (message: string, code: number): never => {
  process.stderr.write(`${message}\n`);
  process.exit(code);
};

async function main(): Promise<void> {
  let args: ReturnType<typeof parseArgs>;
  try {
    args = parseArgs(process.argv.slice(2));
  } catch (e) {
    if (e instanceof UsageError) return fail(`${e.message}\n\n${HELP}`, 2);
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
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env, { sandbox: args.sandbox, readOnly: args.readOnly });
  } catch (e) {
    if (e instanceof ConfigError) return fail(`pixieset-mcp: ${e.message}`, 1);
    throw e;
  }
  const redactor = new Redactor();
  const logger = createLogger(config.logLevel, (line) => process.stderr.write(line), redactor);
  if (args.command === 'doctor') {
    if (config.sandbox)
      return fail('pixieset-mcp: doctor checks your real Pixieset session; run it without --sandbox.', 2);
    const quiet = createLogger('error', (line) => process.stderr.write(line), redactor);
    process.exitCode = await runDoctor(config, quiet, {
      say: (line) => process.stdout.write(`${line}\n`),
      platform: process.platform,
    });
    return;
  }

  let sandbox: Sandbox | undefined;
  let cookie: CookieSource;
  if (config.sandbox) {
    sandbox = await Sandbox.start();
    config = { ...config, baseUrl: sandbox.url, cookie: undefined, cookieFile: undefined };
    cookie = { kind: 'value', value: sandbox.cookie };
    logger.info(`Sandbox mode: demo data served on ${sandbox.url}; nothing leaves this computer.`);
  } else if (config.cookieFile) {
    cookie = { kind: 'file', path: config.cookieFile };
  } else {
    cookie = { kind: 'value', value: config.cookie ?? '' };
  }

  let client: Awaited<ReturnType<typeof createPixiesetClient>>;
  try {
    client = await createPixiesetClient({ config, cookie, logger, redactor });
  } catch (e) {
    if (e instanceof CookieFileError) return fail(`pixieset-mcp: ${e.message}`, 1);
    throw e;
  }

  const server = createServer({ client, config, logger });
  const transport = new StdioServerTransport();
  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    logger.debug(`Shutting down (${why}).`);
    await server.close().catch(() => {});
    await client.close().catch(() => {});
    await sandbox?.close().catch(() => {});
    process.exit(0);
  };
  process.stdin.on('end', () => void shutdown('stdin closed'));
  process.stdin.on('close', () => void shutdown('stdin closed'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  await server.connect(transport);
  logger.info(`pixieset-mcp ${VERSION} ready on stdio${config.sandbox ? ' (sandbox)' : ''}.`);
}

main().catch((e: unknown) => {
  fail(`pixieset-mcp: unexpected error: ${e instanceof Error ? e.message : String(e)}`, 1);
});
