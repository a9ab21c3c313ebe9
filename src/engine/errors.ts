import { describeError } from '../shared/errors';
import { l10n } from '../shared/l10n';
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
  | 'hostKey'       // ssh: the server's host key is unknown or changed
  | 'config'        // the host cannot be resolved from the settings, environment or context store
  | 'cancelled'     // the caller cancelled (a build)
  | 'unknown';

/** Set on 'hostKey' errors: what the server presented, so the UI can ask the user to trust it. */
export interface HostKeyDetail {
  name: string;
  keyType: string;
  fingerprint: string;
  knownHostsLine: string;
  /** The known_hosts file the connection reads first (ssh config's UserKnownHostsFile for the host, else ~/.ssh/known_hosts): "Trust Host" appends the line there. */
  knownHostsFile?: string;
  verdict: 'known' | 'unknown' | 'changed' | 'revoked';
}

/**
 * A finer reason than the kind, where callers act on it: a path in a container or volume is
 * missing / a folder / not a folder / not a file / already there; the engine is no swarm manager.
 * Callers classify by kind, statusCode and reason, never by the message (it is translated).
 */
export type EngineErrorReason = 'pathMissing' | 'isFolder' | 'notFolder' | 'notFile' | 'exists' | 'notSwarmManager';

/** The one error type that leaves src/engine/. */
export class EngineError extends Error {
  constructor(
    readonly kind: EngineErrorKind,
    message: string,
    readonly statusCode?: number,
    readonly hostKey?: HostKeyDetail,
    readonly reason?: EngineErrorReason,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

/** The host cannot be resolved (a bad URL, a missing context, unreadable TLS material). */
export function hostConfigError(message: string): EngineError {
  return new EngineError('config', message);
}

/** The build was cancelled by the caller. */
export function buildCancelled(): EngineError {
  return new EngineError('cancelled', l10n.t('The build was cancelled.'));
}

/** True for an EngineError of this kind. */
export function isEngineError(e: unknown, kind: EngineErrorKind): e is EngineError {
  return e instanceof EngineError && e.kind === kind;
}

interface ErrorLike {
  code?: string;
  hostKey?: HostKeyDetail;
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
  const msg = e.message ?? '';
  if (code === 'DOCKYARD_SSH_HOSTKEY_UNKNOWN' || code === 'DOCKYARD_SSH_HOSTKEY_CHANGED') {
    return new EngineError('hostKey', msg, undefined, e.hostKey);
  }
  if (code === 'DOCKYARD_SSH_AUTH') return new EngineError('auth', msg);
  if (code === 'DOCKYARD_SSH_DIAL') return new EngineError('unreachable', msg);
  const tlsProblem = e.statusCode ? undefined : tlsMessage(code, msg, host);
  if (tlsProblem) return new EngineError('tls', tlsProblem);
  if (code === 'ENOENT' && host.startsWith('unix://')) {
    return new EngineError('unreachable', l10n.t('Docker is not running at {0} — start it or set dockyard.host (no such socket; or pick another context).', host));
  }
  if (code === 'ECONNREFUSED') {
    return new EngineError('unreachable', l10n.t('Docker is not running at {0} — start it or set dockyard.host (connection refused: check the host and port).', host));
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new EngineError('unreachable', l10n.t('Cannot resolve the host name in {0} — check the host or your DNS.', host));
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'ENOENT') {
    return new EngineError('unreachable', l10n.t('Docker is not running at {0} — start it or set dockyard.host.', host));
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new EngineError('permission', l10n.t('Permission denied on {0} — add your user to the docker group (sudo usermod -aG docker $USER, then log in again) or set dockyard.host.', host));
  }
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || /timed? ?out/i.test(msg)) {
    return new EngineError('timeout', l10n.t('Docker at {0} did not answer in time — is the host reachable (firewall, VPN)?', host));
  }
  if (e.statusCode === 400 && /HTTP request to an HTTPS server/i.test(msg)) {
    return new EngineError('tls', l10n.t('{0} requires TLS — set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH (ca.pem, cert.pem, key.pem), or use a context with TLS material.', host));
  }
  const status = e.statusCode;
  const detail = engineMessage(e);
  switch (status) {
    case 404: return new EngineError('notFound', withSubject(what, l10n.t('no longer exists ({0}).', detail)), status);
    case 409: return new EngineError('conflict', withSubject(what, detail), status);
    case 304: return new EngineError('conflict', withSubject(what, l10n.t('already in that state.')), status);
    case 400: return new EngineError('badRequest', withSubject(what, detail), status);
    case 401:
    case 403: return new EngineError('auth', withSubject(what, detail), status);
    default:
      return new EngineError('unknown', withSubject(what, detail || l10n.t('unknown error')), status);
  }
}

/**
 * A message about the object a call acted on: "Container web: <sentence>" (`what` is translated
 * by the caller, l10n.t('Container {0}', name)), or the sentence alone.
 */
export function withSubject(what: string | undefined, sentence: string): string {
  return what ? l10n.t('{0}: {1}', what, sentence) : sentence;
}

/** What failed in a TLS handshake, by Node's error code: whole sentences naming the host. */
const TLS_CODES: Record<string, (host: string) => string> = {
  CERT_HAS_EXPIRED: (host) => l10n.t('TLS with {0} failed: the server certificate has expired — renew it on the engine host (check DOCKER_CERT_PATH or the context\'s TLS material).', host),
  CERT_NOT_YET_VALID: (host) => l10n.t('TLS with {0} failed: the server certificate is not valid yet — check both clocks (check DOCKER_CERT_PATH or the context\'s TLS material).', host),
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: (host) => wrongCa(host),
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: (host) => wrongCa(host),
  UNABLE_TO_GET_ISSUER_CERT: (host) => wrongCa(host),
  SELF_SIGNED_CERT_IN_CHAIN: (host) => l10n.t('TLS with {0} failed: the server certificate chain is not signed by your ca.pem — wrong CA (check DOCKER_CERT_PATH or the context\'s TLS material).', host),
  DEPTH_ZERO_SELF_SIGNED_CERT: (host) => l10n.t('TLS with {0} failed: the server uses a self-signed certificate your ca.pem does not trust (check DOCKER_CERT_PATH or the context\'s TLS material).', host),
  ERR_TLS_CERT_ALTNAME_INVALID: (host) => l10n.t('TLS with {0} failed: the server certificate is not issued for this host name (subjectAltName) (check DOCKER_CERT_PATH or the context\'s TLS material).', host),
};

function wrongCa(host: string): string {
  return l10n.t('TLS with {0} failed: the server certificate is not signed by your ca.pem — wrong CA (check DOCKER_CERT_PATH or the context\'s TLS material).', host);
}

/** A message for TLS failures, or undefined when the error is not about TLS. */
function tlsMessage(code: string, msg: string, host: string): string | undefined {
  const known = TLS_CODES[code];
  if (known) return known(host);
  if (/alert (bad certificate|unknown ca|certificate required|certificate expired|certificate unknown)|CERTIFICATE_REQUIRED|ALERT_BAD_CERTIFICATE|ALERT_UNKNOWN_CA/i.test(`${code} ${msg}`)) {
    return l10n.t('TLS with {0} failed: the engine rejected your client certificate (missing, expired or not signed by its CA) — check DOCKER_CERT_PATH or the context\'s TLS material.', host);
  }
  if (/wrong version number|packet length too long|ERR_SSL_WRONG_VERSION/i.test(`${code} ${msg}`)) {
    return l10n.t('{0} does not speak TLS — use plain tcp:// without DOCKER_TLS_VERIFY, or check the port.', host);
  }
  if (/certificate|self[- ]signed|\bSSL\b|\bTLS\b/i.test(`${code} ${msg}`)) return l10n.t('TLS with {0} failed: {1} (check DOCKER_CERT_PATH or the context\'s TLS material).', host, msg || code);
  return undefined;
}

/** A single line for any error. */
export { describeError };

/** A response cut off mid-stream: "aborted", a reset or broken socket, a premature close. */
export function isCutOff(e: unknown): boolean {
  const err = e as { code?: string; message?: string } | undefined;
  return ['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE'].includes(err?.code ?? '')
    || /^(aborted|socket hang up|premature close)$/i.test(err?.message ?? '');
}
