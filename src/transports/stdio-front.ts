import { type Readable, Transform, type TransformCallback, Writable } from 'node:stream';
import type { Config } from '../config.js';
import { capabilities, instructions, negotiateProtocol, serverInfo } from '../server-identity.js';

// The whole start-up path of stdio in one place, dependency-free so the bin runs it before the server code
// loads. The front answers what a host asks at start-up — `initialize`, `ping`, and the lists compiled into
// dist/contract.json (tools, prompts, resources) — and keeps every other byte of stdin. `needed` resolves when
// the server is wanted: a message the front cannot answer, stdin closing, or a quiet moment after start-up
// (so the first tool call seldom waits for it). `take` then hands the server plain streams: stdin replayed
// (`initialize` and notifications included, so the SDK learns the client's capabilities; the lists already
// answered left out) and guarded against oversized messages, and stdout without the SDK's second answer to
// that `initialize`.
export interface Front {
  needed: Promise<void>;
  take: () => { input: Readable; output: Writable };
}

export interface FrontOptions {
  // The result of a start-up list request for this configuration, or undefined to leave it to the server.
  lists?: (method: string) => Record<string, unknown> | undefined;
}

export function stdioFront(
  stdin: Readable,
  stdout: Writable,
  config: Pick<Config, 'sandbox' | 'readOnly' | 'toolsets'>,
  warn: (message: string) => void,
  options: FrontOptions = {},
): Front {
  const front = answerEarly(stdin, stdout, config, options);
  return {
    needed: front.needed,
    take: () => {
      const early = front.stop();
      const output = early.answeredId === undefined ? stdout : withoutFirstAnswerTo(early.answeredId, stdout);
      // Every line the SDK sees is one JSON-RPC message, in MCP's order: a line that is not JSON, not JSON-RPC,
      // too large, or a request before `initialize` is answered here with the JSON-RPC error and dropped.
      const input = lineGuard(
        (id, error) => output.write(`${JSON.stringify({ jsonrpc: '2.0', id, error })}\n`),
        (bytes) =>
          warn(`Dropped a message of ${bytes} bytes on stdin: larger than ${MAX_MESSAGE_BYTES} bytes.`),
      );
      for (const chunk of early.chunks) input.write(chunk);
      if (early.ended) input.end();
      else stdin.pipe(input);
      return { input, output };
    },
  };
}

// What the server is handed: what arrived on stdin that it must see, and whether `initialize` was answered.
interface EarlyInput {
  chunks: Buffer[];
  ended: boolean;
  // The id of the initialize request answered here; the SDK's own answer to it must be dropped.
  answeredId: string | number | undefined;
}

type Rec = Record<string, unknown>;
const isObject = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is string | number => typeof v === 'string' || typeof v === 'number';

// A well-formed initialize request, as the SDK would accept it; anything else is left to the SDK.
function isInitialize(m: unknown): m is { id: string | number; params: { protocolVersion: string } } {
  if (!isObject(m) || m.jsonrpc !== '2.0' || m.method !== 'initialize') return false;
  if (!isId(m.id)) return false;
  const p = m.params;
  return (
    isObject(p) &&
    typeof p.protocolVersion === 'string' &&
    isObject(p.capabilities) &&
    isObject(p.clientInfo) &&
    typeof p.clientInfo.name === 'string' &&
    typeof p.clientInfo.version === 'string'
  );
}

// The first line longer than this is not a start-up message: the server (and its size guard) takes over.
const FRONT_LINE_BYTES = 64 * 1024;
const QUIET_MS = 150;

// Answers start-up messages line by line until the first it cannot answer; from that line on, every byte is
// kept for the server as it came.
function answerEarly(
  stdin: Readable,
  stdout: Writable,
  config: Pick<Config, 'sandbox' | 'readOnly' | 'toolsets'>,
  options: FrontOptions,
): { needed: Promise<void>; stop: () => EarlyInput } {
  const early: EarlyInput = { chunks: [], ended: false, answeredId: undefined };
  let resolveNeeded: () => void = () => {};
  const needed = new Promise<void>((resolve) => {
    resolveNeeded = resolve;
  });
  let handedOver = false;
  let timer: NodeJS.Timeout | undefined;
  const handOver = () => {
    if (handedOver) return;
    handedOver = true;
    clearTimeout(timer);
    resolveNeeded();
  };
  // A quiet moment after start-up: load the server now rather than at the first tool call.
  const quietAfter = () => {
    clearTimeout(timer);
    timer = setTimeout(handOver, QUIET_MS);
  };
  quietAfter();
  let pending: Buffer = Buffer.alloc(0);
  const answer = (id: string | number, result: unknown) =>
    stdout.write(`${JSON.stringify({ result, jsonrpc: '2.0', id })}\n`);

  // Whether the front dealt with one line: answered it, or kept it for the server's replay.
  const handled = (line: Buffer): boolean => {
    let message: unknown;
    try {
      message = JSON.parse(line.toString('utf8').replace(/\r$/, ''));
    } catch {
      return false;
    }
    if (!isObject(message) || message.jsonrpc !== '2.0' || typeof message.method !== 'string') return false;
    const initialized = early.answeredId !== undefined;
    if (!initialized) {
      if (!isInitialize(message)) return false;
      early.answeredId = message.id;
      answer(message.id, {
        protocolVersion: negotiateProtocol(message.params.protocolVersion),
        capabilities: capabilities(config),
        serverInfo: serverInfo(config),
        instructions: instructions(config),
      });
      early.chunks.push(line);
      return true;
    }
    // A notification (notifications/initialized): the server sees it in the replay.
    if (message.id === undefined && message.method.startsWith('notifications/')) {
      early.chunks.push(line);
      return true;
    }
    if (!isId(message.id) || (message.params !== undefined && !isObject(message.params))) return false;
    // A cursor asks for a later page, which only the server can say anything about.
    if (isObject(message.params) && message.params.cursor !== undefined) return false;
    const result = message.method === 'ping' ? {} : options.lists?.(message.method);
    if (result === undefined) return false;
    answer(message.id, result);
    return true;
  };

  const onData = (chunk: Buffer) => {
    if (handedOver) {
      early.chunks.push(chunk);
      return;
    }
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let start = 0;
    for (let nl = pending.indexOf(10); nl >= 0; nl = pending.indexOf(10, start)) {
      const line = pending.subarray(start, nl + 1);
      start = nl + 1;
      if (!handled(line)) {
        early.chunks.push(pending.subarray(start - line.length));
        pending = Buffer.alloc(0);
        handOver();
        return;
      }
      quietAfter();
    }
    pending = pending.subarray(start);
    if (pending.length > FRONT_LINE_BYTES) {
      early.chunks.push(pending);
      pending = Buffer.alloc(0);
      handOver();
    }
  };
  const onEnd = () => {
    early.ended = true;
    if (pending.length) early.chunks.push(pending);
    pending = Buffer.alloc(0);
    handOver();
  };
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  return {
    needed,
    stop: () => {
      handOver();
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.pause();
      if (pending.length) early.chunks.push(pending);
      pending = Buffer.alloc(0);
      return early;
    },
  };
}

// The longest JSON-RPC message accepted on stdin. Tool arguments are small; the SDK itself gives up (and
// closes the transport, silently) on 10 MiB of unread input.
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

type RpcError = { code: number; message: string };

// What a JSON-RPC line is, for the guard: a message to pass on, or the error to answer it with.
function verdict(
  line: string,
  initialized: boolean,
): { pass: true; initialize: boolean } | { pass: false; id: string | number | null; error: RpcError } {
  let m: unknown;
  try {
    m = JSON.parse(line);
  } catch {
    return { pass: false, id: null, error: { code: -32700, message: 'Parse error: the line is not JSON.' } };
  }
  const id = isObject(m) && isId(m.id) ? m.id : null;
  const invalid = (message: string) => ({ pass: false as const, id, error: { code: -32600, message } });
  if (!isObject(m) || m.jsonrpc !== '2.0')
    return invalid('Invalid Request: one JSON-RPC 2.0 object per line ("jsonrpc": "2.0"; no batches).');
  if (typeof m.method !== 'string') {
    // A response to a request of ours (a confirmation form): an id and a result or an error.
    if (isId(m.id) && ('result' in m || 'error' in m)) return { pass: true, initialize: false };
    return invalid('Invalid Request: a message needs a "method", or an "id" with a "result" or "error".');
  }
  if (m.id !== undefined && !isId(m.id))
    return invalid('Invalid Request: "id" must be a string or a number.');
  const request = m.id !== undefined;
  if (request && !initialized && m.method !== 'initialize' && m.method !== 'ping')
    return invalid(`Server not initialized: send "initialize" before "${m.method.slice(0, 100)}".`);
  return { pass: true, initialize: request && m.method === 'initialize' };
}

// Passes stdin on one whole line at a time, each a JSON-RPC message in MCP's order (see verdict): any other
// line is dropped and answered through `onRefused` with the error for its id (null when it has none). A line
// longer than `max` bytes is dropped as it streams, never held whole.
function lineGuard(
  onRefused: (id: string | number | null, error: RpcError) => void,
  onTooLarge: (bytes: number) => void,
  max = MAX_MESSAGE_BYTES,
): Transform {
  let parts: Buffer[] = [];
  let lineBytes = 0;
  let dropping = false;
  let head = '';
  let initialized = false;
  const finish = (push: (b: Buffer) => void) => {
    if (dropping) {
      onTooLarge(lineBytes);
      onRefused(idOf(head), {
        code: -32600,
        message: `Message too large (${lineBytes} bytes; at most ${MAX_MESSAGE_BYTES}).`,
      });
    } else if (lineBytes > 0) {
      const line = Buffer.concat(parts);
      const text = line.toString('utf8').trim();
      if (text) {
        const v = verdict(text, initialized);
        if (v.pass) {
          if (v.initialize) initialized = true;
          push(line);
        } else onRefused(v.id, v.error);
      }
    }
    parts = [];
    lineBytes = 0;
    dropping = false;
    head = '';
  };
  return new Transform({
    transform(chunk: Buffer, _enc, done: TransformCallback) {
      let start = 0;
      while (start < chunk.length) {
        const nl = chunk.indexOf(10, start);
        const end = nl < 0 ? chunk.length : nl + 1;
        const piece = chunk.subarray(start, end);
        if (!dropping) {
          if (head.length < 256) head += piece.subarray(0, 256).toString('utf8');
          if (lineBytes + piece.length > max) {
            dropping = true;
            parts = [];
          } else parts.push(piece);
        }
        lineBytes += piece.length;
        if (nl >= 0) finish((b) => this.push(b));
        start = end;
      }
      done();
    },
    flush(done: TransformCallback) {
      // A last line without its newline is still a message.
      if (lineBytes > 0 && !dropping) parts.push(Buffer.from('\n'));
      finish((b) => this.push(b));
      done();
    },
  });
}

// The id of a request from the start of its line, if it stands there ("id" before a long "params").
function idOf(head: string): string | number | null {
  const m = /"id"\s*:\s*(-?\d{1,15}(?=[,}\s])|"(?:[^"\\]|\\.){0,100}")/.exec(head);
  if (!m?.[1]) return null;
  try {
    return JSON.parse(m[1]) as string | number;
  } catch {
    return null;
  }
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
