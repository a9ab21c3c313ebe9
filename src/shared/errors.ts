// The one way to say what an error was, for a message or a log line: an Error's message, else the value as text.

/** A readable message of any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

/** For the log of an unexpected failure: an Error's stack (its message and where it came from), else describeError. */
export function describeErrorWithStack(err: unknown): string {
  if (err instanceof Error && err.stack) return err.stack;
  return describeError(err);
}

/** Any thrown value as an Error (itself when it is one), for APIs that want an Error. */
export function asError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}
