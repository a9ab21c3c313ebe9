// The one way to say what an error was, for a message or a log line: an Error's message, else the value as text.

/** A readable message of any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
