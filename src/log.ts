import type { LogLevel } from './config.js';

const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

// A levelled logger that writes one line per event to a sink (stderr in the bin) and masks registered secrets.
export interface Logger {
  error(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  debug(message: string, fields?: Record<string, unknown>): void;
  // Any later line containing this value has it replaced by [redacted].
  addSecret(value: string): void;
}

// Replaces every registered secret in text; shared by the logger and error messages.
export class Redactor {
  private secrets = new Set<string>();
  // Values Pixieset set while running (rotating tokens): the newest are kept, so the set stays bounded.
  private transient = new Set<string>();
  add(value: string): void {
    // Very short values (e.g. "1") would mangle ordinary text; cookies and tokens are long.
    if (value.length >= 6) this.secrets.add(value);
  }
  addTransient(value: string): void {
    if (value.length < 6 || this.secrets.has(value)) return;
    this.transient.delete(value);
    this.transient.add(value);
    if (this.transient.size > 64) this.transient.delete(this.transient.values().next().value as string);
  }
  apply(text: string): string {
    let out = text;
    for (const set of [this.secrets, this.transient]) {
      for (const secret of set) {
        if (out.includes(secret)) out = out.split(secret).join('[redacted]');
      }
    }
    return out;
  }
}

// `sink` gets each line (masked) and its level: stderr in the bin, and the MCP client too once connected.
export function createLogger(
  level: LogLevel,
  sink: (line: string, level: LogLevel) => void,
  redactor = new Redactor(),
): Logger {
  const emit = (at: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (ORDER[at] > ORDER[level]) return;
    const extra = fields && Object.keys(fields).length > 0 ? ` ${safeJson(fields)}` : '';
    sink(redactor.apply(`[pixieset-mcp] ${at}: ${message}${extra}\n`), at);
  };
  return {
    error: (m, f) => emit('error', m, f),
    warn: (m, f) => emit('warn', m, f),
    info: (m, f) => emit('info', m, f),
    debug: (m, f) => emit('debug', m, f),
    addSecret: (v) => redactor.add(v),
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return '[unserialisable]';
  }
}
