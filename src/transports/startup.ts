import type { Config, LogLevel } from '../config.js';
import { serverDeps } from '../create-server.js';
import { createLogger, type Logger, Redactor } from '../log.js';
import { cookieSources, createPixiesetApi } from '../pixieset/api.js';
import type { Deps } from '../tools/define.js';
import { InFlightCalls } from '../tools/in-flight.js';

// What stdio and HTTP start alike: the logger (stderr, and wherever the transport sends log lines), the sandbox
// in --sandbox mode, the API client, the shared parts; and how they stop: calls under way get DRAIN_MS to
// finish (their answers still go out), the audit is flushed, and everything is closed.

// How long shutdown waits for calls under way (the process must be gone within 2 s).
export const DRAIN_MS = 1_500;

export interface Started {
  // The configuration as served (in --sandbox mode, pointed at the sandbox).
  config: Config;
  logger: Logger;
  redactor: Redactor;
  deps: Deps;
  // Stops the shared parts; returns the calls it had to abandon (their tools' names).
  stop(): Promise<string[]>;
}

export async function startParts(
  given: Config,
  logTo: (line: string, level: LogLevel) => void,
): Promise<Started> {
  const redactor = new Redactor();
  const logger = createLogger(given.logLevel, logTo, redactor);
  let config = given;
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
  return {
    config,
    logger,
    redactor,
    deps,
    async stop() {
      const abandoned = await inFlight.drain(DRAIN_MS);
      await deps.audit.flush();
      await api.close().catch(() => {});
      await sandbox?.close().catch(() => {});
      return abandoned;
    },
  };
}
