/** What went wrong, in terms a person can act on. */
export type EngineErrorKind =
  | 'unreachable'   // nothing answers at the host
  | 'permission'    // the socket exists but we may not use it
  | 'notFound'      // the object is gone
  | 'conflict'      // in use, already exists, wrong state
  | 'badRequest'    // the engine rejected what we sent
  | 'timeout'
  | 'tls'
  | 'auth'
  | 'unknown';

/** The one error type that leaves src/engine/. */
export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly statusCode?: number,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

interface ErrorLike {
  code?: string;
  statusCode?: number;
  reason?: string;
  message?: string;
  json?: { message?: string } | null;
}

function engineMessage(e: ErrorLike): string {
  const json = e.json;
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message;
  // docker-modem puts the body after "(HTTP code N) <reason> - "
  const m = /\(HTTP code \d+\)[^-]*- (.*)$/s.exec(e.message ?? '');
  return (m ? m[1] : e.message ?? String(e)).trim();
}

/**
 * Turns a dockerode / socket error into an EngineError.
 * `host` names the engine in connection messages; `what` names the object acted on.
 */
export function toEngineError(err: unknown, host: string, what?: string): EngineError {
  if (err instanceof EngineError) return err;
  const e = (err ?? {}) as ErrorLike;
  const code = e.code ?? '';
  if (code === 'ECONNREFUSED' || code === 'ENOENT' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ENOTFOUND' || code === 'EHOSTUNREACH') {
    return new EngineError('unreachable', `Docker is not running at ${host} — start it or set dockyard.host.`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineError('permission', `Permission denied on ${host} — add your user to the docker group (then log in again) or set dockyard.host.`);
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timed? ?out/i.test(e.message ?? '')) {
    return new EngineError('timeout', `Docker at ${host} did not answer in time.`);
  }
  if (/certificate|self[- ]signed|SSL|TLS/i.test(`${code} ${e.message ?? ''}`) && !e.statusCode) {
    return new EngineError('tls', `TLS handshake with ${host} failed: ${e.message ?? code}. Check DOCKER_CERT_PATH / the context's certificates.`);
  }
  const status = e.statusCode;
  const detail = engineMessage(e);
  const subject = what ? `${what}: ` : '';
  switch (status) {
    case 404: return new EngineError('notFound', `${subject}no longer exists (${detail}).`, status);
    case 409: return new EngineError('conflict', `${subject}${detail}`, status);
    case 304: return new EngineError('conflict', `${subject}already in that state.`, status);
    case 400: return new EngineError('badRequest', `${subject}${detail}`, status);
    case 401:
    case 403: return new EngineError('auth', `${subject}${detail}`, status);
    default:
      return new EngineError('unknown', `${subject}${detail || 'unknown error'}`, status);
  }
}

/** A single line for any error. */
export function describeError(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}
