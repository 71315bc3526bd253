import { Writable } from 'node:stream';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { Audit } from './audit.js';
import type { Config } from './config.js';
import { createServer } from './create-server.js';
import type { EarlyInput } from './early-initialize.js';
import { lineGuard, MAX_MESSAGE_BYTES } from './line-guard.js';
import { createLogger, Redactor } from './log.js';
import { createPixiesetApi } from './pixieset/api.js';
import type { CookieSource } from './pixieset/session.js';
import { InFlightCalls } from './tools/in-flight.js';
import { VERSION } from './version.js';

// How long shutdown waits for tool calls under way (the process must be gone within 2 s).
const DRAIN_MS = 1_500;

// The process's streams and exit, handed over by the bin (the only module that touches process).
export interface ServeIo {
  stdin: NodeJS.ReadableStream;
  stdout: Writable;
  stderr: (line: string) => void;
  onSignal: (signal: 'SIGTERM' | 'SIGINT', handler: () => void) => void;
  exit: (code: number) => void;
}

// Runs the MCP server over stdio until stdin closes or a signal arrives; replays what came in while loading.
export async function runStdio(config: Config, early: EarlyInput, io: ServeIo): Promise<void> {
  const redactor = new Redactor();
  const logger = createLogger(config.logLevel, io.stderr, redactor);

  let sandbox: { url: string; cookie: string; close(): Promise<void> } | undefined;
  let cookie: CookieSource;
  if (config.sandbox) {
    const { Sandbox } = await import('./sandbox/sandbox.js');
    sandbox = await Sandbox.start();
    config = { ...config, baseUrl: sandbox.url, cookie: undefined, cookieFile: undefined };
    cookie = { kind: 'value', value: sandbox.cookie };
    logger.info(`Sandbox mode: demo data served on ${sandbox.url}; nothing leaves this computer.`);
  } else if (config.cookieFile) {
    cookie = { kind: 'file', path: config.cookieFile };
  } else {
    cookie = { kind: 'value', value: config.cookie ?? '' };
  }
  // A missing or unreadable cookie file throws here, before anything is served.
  const api = await createPixiesetApi({ config, cookie, logger, redactor });
  const inFlight = new InFlightCalls();
  const audit = new Audit(logger, config.auditLog);
  const server = createServer({ api, config, logger, audit, inFlight });

  const output =
    early.answeredId === undefined ? io.stdout : withoutFirstAnswerTo(early.answeredId, io.stdout);
  // stdin as the SDK sees it: first everything that arrived while loading, then the live stream; a message
  // too large to be a real request is dropped with an error answer and a logged reason.
  const input = lineGuard((id, bytes) => {
    logger.warn(`Dropped a message of ${bytes} bytes on stdin: larger than ${MAX_MESSAGE_BYTES} bytes.`);
    const error = {
      code: -32600,
      message: `Message too large (${bytes} bytes; at most ${MAX_MESSAGE_BYTES}).`,
    };
    output.write(`${JSON.stringify({ jsonrpc: '2.0', id, error })}\n`);
  });
  for (const chunk of early.chunks) input.write(chunk);
  if (early.ended) input.end();
  else io.stdin.pipe(input);
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
  logger.info(`pixieset-mcp ${VERSION} ready on stdio${config.sandbox ? ' (sandbox)' : ''}.`);
}

// Forwards every message but the SDK's answer to an initialize request the bootstrap already answered.
function withoutFirstAnswerTo(id: string | number, target: Writable): Writable {
  let dropped = false;
  return new Writable({
    write(chunk: Buffer | string, _encoding, callback) {
      if (!dropped) {
        try {
          const message = JSON.parse(chunk.toString()) as { id?: unknown; result?: unknown; error?: unknown };
          if (message.id === id && ('result' in message || 'error' in message)) {
            dropped = true;
            callback();
            return;
          }
        } catch {
          // Not one whole message: forward it untouched.
        }
      }
      target.write(chunk, callback);
    },
  });
}
