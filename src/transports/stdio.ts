import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Config, LogLevel } from '../config.js';
import { clientLogSink, createServer, serverDeps } from '../create-server.js';
import { createLogger, Redactor } from '../log.js';
import { cookieSources, createPixiesetApi } from '../pixieset/api.js';
import { InFlightCalls } from '../tools/in-flight.js';
import { VERSION } from '../version.js';

// For the bin, which loads this module only when it is needed.
export { CookieFileError } from '../pixieset/cookie-jar.js';

// How long shutdown waits for tool calls under way (the process must be gone within 2 s).
const DRAIN_MS = 1_500;

// The process's streams and exit, handed over by the bin (the only module that touches process).
export interface ServeIo {
  // The MCP messages in and out (see stdio-streams.ts).
  input: Readable;
  output: Writable;
  stderr: (line: string) => void;
  onSignal: (signal: 'SIGTERM' | 'SIGINT', handler: () => void) => void;
  exit: (code: number) => void;
}

// Runs the MCP server over stdio until stdin closes or a signal arrives.
export async function runStdio(config: Config, io: ServeIo): Promise<void> {
  const redactor = new Redactor();
  // Log lines go to stderr, and, once connected, to the client as notifications/message (the logging
  // capability): the client's logging/setLevel then chooses what it receives.
  let toClient: ((line: string, level: LogLevel) => void) | undefined;
  const logger = createLogger(
    config.logLevel,
    (line, level) => {
      io.stderr(line);
      toClient?.(line, level);
    },
    redactor,
  );

  let sandbox: import('../sandbox/sandbox.js').Sandbox | undefined;
  if (config.sandbox) {
    // Loaded only in sandbox mode, so the fake stays out of a real session's start-up.
    ({ sandbox, config } = await (await import('../sandbox/sandbox.js')).startFor(config));
    logger.info(
      `Sandbox mode: demo data served on ${sandbox.url} and ${sandbox.gallery.url}; nothing leaves this computer.`,
    );
  }
  // A missing or unreadable (Studio) cookie file throws here, before anything is served.
  const api = await createPixiesetApi({ config, ...cookieSources(config), logger, redactor });
  const inFlight = new InFlightCalls();
  const deps = serverDeps({ pixieset: api, config, logger, inFlight });
  const { audit } = deps;
  const server = createServer(deps);

  const { input, output } = io;
  const transport = new StdioServerTransport(input, output);
  transport.onerror = (e) => logger.warn(`stdio: ${e.message}`);

  let closing = false;
  const shutdown = async (why: string) => {
    if (closing) return;
    closing = true;
    logger.debug(`Shutting down (${why}).`);
    // Let calls under way finish so their answers go out; within 2 s the process is gone either way.
    const abandoned = await inFlight.drain(DRAIN_MS);
    if (abandoned.length > 0) {
      logger.warn(
        `Exiting (${why}) with ${abandoned.length} tool call(s) unfinished and unanswered: ${abandoned.join(', ')}. A create among them may or may not have reached Pixieset: check list_invoices or search_clients before retrying it.`,
      );
    }
    await audit.flush();
    await server.close().catch(() => {});
    await api.close().catch(() => {});
    await sandbox?.close().catch(() => {});
    io.exit(0);
  };
  input.on('end', () => void shutdown('stdin closed'));
  io.onSignal('SIGTERM', () => void shutdown('SIGTERM'));
  io.onSignal('SIGINT', () => void shutdown('SIGINT'));
  await server.connect(transport);
  toClient = clientLogSink(server);
  logger.info(`pixieset-mcp ${VERSION} ready on stdio${config.sandbox ? ' (sandbox)' : ''}.`);
}
