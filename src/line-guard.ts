import { Transform, type TransformCallback } from 'node:stream';

// The longest JSON-RPC message accepted on stdin. Tool arguments are small; the SDK itself gives up (and
// closes the transport, silently) on 10 MiB of unread input.
export const MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

// Passes stdin through line by line, except a line longer than `max` bytes: that one is dropped whole, and
// `onDropped` gets the request id when its first bytes show one, so the caller can answer with an error.
export function lineGuard(
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
