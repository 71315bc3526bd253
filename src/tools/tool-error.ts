// An error raised by the tool layer itself (a write's outcome, a deadline), with its own words.
export class ToolError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint: string,
    readonly endpoint?: string | undefined,
    readonly status?: number | undefined,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
