import type { Readable, Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type { Config } from './config.js';
import { CAPABILITIES, instructions, negotiateProtocol, serverInfo } from './server-identity.js';

// What arrived on stdin while the server code was loading, and whether `initialize` was answered already.
export interface EarlyInput {
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
export function answerInitializeEarly(
  stdin: Readable,
  stdout: Writable,
  config: Pick<Config, 'sandbox' | 'readOnly'>,
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
      capabilities: CAPABILITIES,
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
