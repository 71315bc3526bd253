import { type Readable, Transform, type TransformCallback, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Config } from './config.js';
import { capabilities, instructions, negotiateProtocol, serverInfo } from './server-identity.js';

// The whole start-up path of stdio in one place, dependency-free so the bin can start it before the server
// code loads: `stdioStreams` answers the host's `initialize` at once, keeps every byte of stdin meanwhile,
// and hands the server plain streams — stdin replayed and guarded against oversized messages, and stdout
// without the SDK's second answer to that `initialize`.
export function stdioStreams(
  stdin: Readable,
  stdout: Writable,
  config: Pick<Config, 'sandbox' | 'readOnly' | 'toolsets'>,
  warn: (message: string) => void,
): () => { input: Readable; output: Writable } {
  const stop = answerInitializeEarly(stdin, stdout, config);
  return () => {
    const early = stop();
    const output = early.answeredId === undefined ? stdout : withoutFirstAnswerTo(early.answeredId, stdout);
    // A message too large to be a real request is dropped with an error answer and a logged reason.
    const input = lineGuard((id, bytes) => {
      warn(`Dropped a message of ${bytes} bytes on stdin: larger than ${MAX_MESSAGE_BYTES} bytes.`);
      const error = {
        code: -32600,
        message: `Message too large (${bytes} bytes; at most ${MAX_MESSAGE_BYTES}).`,
      };
      output.write(`${JSON.stringify({ jsonrpc: '2.0', id, error })}\n`);
    });
    for (const chunk of early.chunks) input.write(chunk);
    if (early.ended) input.end();
    else stdin.pipe(input);
    return { input, output };
  };
}

// What arrived on stdin while the server code was loading, and whether `initialize` was answered already.
interface EarlyInput {
  chunks: Buffer[];
  ended: boolean;
  // The id of the initialize request answered here; the SDK's own answer to it must be dropped.
  answeredId: string | number | undefined;
}

type Rec = Record<string, unknown>;
const isObject = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

// A well-formed initialize request, as the SDK would accept it; anything else is left to the SDK.
function isInitialize(m: unknown): m is { id: string | number; params: { protocolVersion: string } } {
  if (!isObject(m) || m.jsonrpc !== '2.0' || m.method !== 'initialize') return false;
  if (typeof m.id !== 'string' && typeof m.id !== 'number') return false;
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

// Answers the host's `initialize` as soon as it arrives, while the server code loads, and keeps every byte
// of stdin so the real server can replay it (the SDK learns the client's capabilities from that replay).
function answerInitializeEarly(
  stdin: Readable,
  stdout: Writable,
  config: Pick<Config, 'sandbox' | 'readOnly' | 'toolsets'>,
): () => EarlyInput {
  const early: EarlyInput = { chunks: [], ended: false, answeredId: undefined };
  const decoder = new StringDecoder('utf8');
  let firstLine: string | undefined = '';
  const onData = (chunk: Buffer) => {
    early.chunks.push(chunk);
    if (firstLine === undefined) return;
    firstLine += decoder.write(chunk);
    const nl = firstLine.indexOf('\n');
    // An initialize request is small: a first line this long is left to the SDK (and the size guard).
    if (nl < 0) {
      if (firstLine.length > 64 * 1024) firstLine = undefined;
      return;
    }
    const line = firstLine.slice(0, nl).replace(/\r$/, '');
    firstLine = undefined;
    let message: unknown;
    try {
      message = JSON.parse(line);
    } catch {
      return;
    }
    if (!isInitialize(message)) return;
    early.answeredId = message.id;
    const result = {
      protocolVersion: negotiateProtocol(message.params.protocolVersion),
      capabilities: capabilities(config),
      serverInfo: serverInfo(config),
      instructions: instructions(config),
    };
    stdout.write(`${JSON.stringify({ result, jsonrpc: '2.0', id: message.id })}\n`);
  };
  const onEnd = () => {
    early.ended = true;
  };
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  return () => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.pause();
    return early;
  };
}

// The longest JSON-RPC message accepted on stdin. Tool arguments are small; the SDK itself gives up (and
// closes the transport, silently) on 10 MiB of unread input.
const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

// Passes stdin through line by line, except a line longer than `max` bytes: that one is dropped whole, and
// `onDropped` gets the request id when its first bytes show one, so the caller can answer with an error.
function lineGuard(
  onDropped: (id: string | number | null, bytes: number) => void,
  max = MAX_MESSAGE_BYTES,
): Transform {
  let lineBytes = 0;
  let dropping = false;
  let head = '';
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
            // End what was passed on of this line, so the next message starts clean (the SDK reports the
            // cut line as unreadable, and this guard answers for it).
            if (lineBytes > 0) this.push('\n');
          } else {
            this.push(piece);
          }
        }
        lineBytes += piece.length;
        if (nl >= 0) {
          if (dropping) onDropped(idOf(head), lineBytes);
          lineBytes = 0;
          dropping = false;
          head = '';
        }
        start = end;
      }
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
