import type { Readable, Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Config, LogLevel } from '../config.js';
import { clientLogSink, createServer } from '../create-server.js';
import { VERSION } from '../version.js';
import { startParts } from './startup.js';

// For the bin, which loads this module only when it is needed.
export { CookieFileError } from '../pixieset/cookie-jar.js';

// The process's streams and exit, handed over by the bin (the only module that touches process).
export interface ServeIo {
  // The MCP messages in and out (see stdio-front.ts).
  input: Readable;
  output: Writable;
  stderr: (line: string) => void;
  onSignal: (signal: 'SIGTERM' | 'SIGINT', handler: () => void) => void;
  exit: (code: number) => void;
}

// Runs the MCP server over stdio until stdin closes or a signal arrives.
export async function runStdio(given: Config, io: ServeIo): Promise<void> {
  // Log lines go to stderr, and, once connected, to the client as notifications/message (the logging
  // capability): the client's logging/setLevel then chooses what it receives.
  let toClient: ((line: string, level: LogLevel) => void) | undefined;
  const { config, logger, deps, stop } = await startParts(given, (line, level) => {
    io.stderr(line);
    toClient?.(line, level);
  });
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
    const abandoned = await stop();
    if (abandoned.length > 0) {
      logger.warn(
        `Exiting (${why}) with ${abandoned.length} tool call(s) unfinished and unanswered: ${abandoned.join(', ')}. A create among them may or may not have reached Pixieset: check list_invoices or search_clients before retrying it.`,
      );
    }
    await server.close().catch(() => {});
    io.exit(0);
  };
  input.on('end', () => void shutdown('stdin closed'));
  io.onSignal('SIGTERM', () => void shutdown('SIGTERM'));
  io.onSignal('SIGINT', () => void shutdown('SIGINT'));
  await server.connect(transport);
  toClient = clientLogSink(server);
  logger.info(`pixieset-mcp ${VERSION} ready on stdio${config.sandbox ? ' (sandbox)' : ''}.`);
}
