import { CancelledError } from '../pixieset/errors.js';

// For an answer made of independent sections (a client's overview, the studio's inbox): one section's failure (an
// area this studio lacks, a timeout) becomes a line of `unavailable`, and the rest is answered.
export type Unavailable = Array<{ section: string; reason: string }>;

// Reads one section; its failure is noted in `unavailable` and gives null. A cancelled call stops everything.
export async function part<T>(
  name: string,
  read: () => Promise<T>,
  unavailable: Unavailable,
): Promise<T | null> {
  try {
    return await read();
  } catch (error) {
    if (error instanceof CancelledError) throw error;
    unavailable.push({ section: name, reason: error instanceof Error ? error.message : String(error) });
    return null;
  }
}
