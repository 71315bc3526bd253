import type { IncomingMessage } from 'node:http';

// A message body (an answer from Pixieset, a request to the HTTP front) as text, read up to `max` bytes:
// undefined, with reading stopped, when its Content-Length or its bytes go past that. The caller says what
// that means (an error, a 413) and closes the connection.
export async function readBounded(message: IncomingMessage, max: number): Promise<string | undefined> {
  const declared = Number(message.headers['content-length']);
  if (Number.isFinite(declared) && declared > max) return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of message as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size).toString('utf8');
}
