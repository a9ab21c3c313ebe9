// What "docker run" takes, parsed and validated before anything is sent. Pure (no vscode, no
// engine). Every parser returns the value or the reason it is not valid. No shell is ever
// involved: a command line is split here, like a POSIX shell would split it, into argv.
import { Parsed, splitCommandLine } from '../shared/commandLine';
import type { CreateSpec } from './run';
import { validateContainerName, validateVolumeName } from '../shared/validate';
import { withoutSecretEnv } from '../shared/secrets';
import { l10n } from '../shared/l10n';

export type { CreateSpec, Parsed };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const bad = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

export interface PortSpec {
  hostIp?: string;
  hostPort?: number;     // undefined: an ephemeral port
  containerPort: number;
  protocol: 'tcp' | 'udp' | 'sctp';
}

function portNumber(s: string, what: string): Parsed<number> {
  if (!/^\d+$/.test(s)) return bad(l10n.t('{0} "{1}" is not a number.', what, s));
  const n = Number(s);
  if (n < 1 || n > 65535) return bad(l10n.t('{0} {1} is out of range (1–65535).', what, s));
  return ok(n);
}

/** `-p [ip:][hostPort:]containerPort[/proto]`, e.g. 8080:80, 127.0.0.1:2222:22, 53:53/udp, 127.0.0.1::80. */
export function parsePort(input: string): Parsed<PortSpec> {
  const s = input.trim();
  if (!s) return bad(l10n.t('A port is required (e.g. 8080:80).'));
  if (/\s/.test(s)) return bad(l10n.t('Ports cannot contain spaces.'));
  let [spec, proto = 'tcp'] = s.split('/');
  if (s.split('/').length > 2) return bad(l10n.t('"{0}": use at most one "/protocol".', s));
  proto = proto.toLowerCase();
  if (proto !== 'tcp' && proto !== 'udp' && proto !== 'sctp') return bad(l10n.t('Protocol "{0}" is not tcp, udp or sctp.', proto));
  let hostIp: string | undefined;
  const v6 = /^\[([0-9a-fA-F:]+)\]:(.*)$/.exec(spec);
  if (v6) { hostIp = v6[1]; spec = v6[2]; }
  const parts = spec.split(':');
  if (!hostIp && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2 || (v6 && parts.length !== 2)) return bad(l10n.t('"{0}" is not [ip:][hostPort:]containerPort[/protocol].', s));
  if (hostIp !== undefined && !/^(\d{1,3}\.){3}\d{1,3}$/.test(hostIp) && !v6) return bad(l10n.t('"{0}" is not an IP address.', hostIp));
  if (hostIp && !v6 && hostIp.split('.').some((o) => Number(o) > 255)) return bad(l10n.t('"{0}" is not an IP address.', hostIp));
  if (parts.some((p) => p.includes('-'))) return bad(l10n.t('Port ranges are not supported here: add one port per entry.'));
  const ctr = portNumber(parts[parts.length - 1], l10n.t('Container port'));
  if (!ctr.ok) return ctr;
  let hostPort: number | undefined;
  if (parts.length === 2 && parts[0] !== '') {
    const h = portNumber(parts[0], l10n.t('Host port'));
    if (!h.ok) return h;
    hostPort = h.value;
  }
  return ok({ hostIp, hostPort, containerPort: ctr.value, protocol: proto });
}

export type VolumeSpec =
  | { kind: 'bind'; source: string; target: string; readOnly: boolean; options?: string[] }
  | { kind: 'volume'; name: string; target: string; readOnly: boolean; options?: string[] }
  | { kind: 'anonymous'; target: string };

const isAbsolute = (p: string) => p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.startsWith('\\\\');

/** `-v /host:/ctr[:ro|rw]`, `-v name:/ctr[:ro]`, `-v /ctr`. Host paths must be absolute. */
export function parseVolume(input: string): Parsed<VolumeSpec> {
  const s = input.trim();
  if (!s) return bad(l10n.t('A volume is required (e.g. /host/path:/data or myvolume:/data).'));
  // A Windows drive letter is part of the first field.
  const drive = /^[A-Za-z]:[\\/][^:]*:/.test(s) ? s.slice(0, 2) : '';
  const parts = s.slice(drive.length).split(':');
  parts[0] = drive + parts[0];
  let mode: string | undefined;
  if (parts.length === 3) mode = parts.pop();
  if (parts.length > 2) return bad(l10n.t('"{0}" is not source:target[:ro|rw].', s));
  const parsedMode = parseMountMode(mode ?? '');
  if (!parsedMode.ok) return parsedMode;
  const { readOnly } = parsedMode.value;
  const options = parsedMode.value.options.length ? { options: parsedMode.value.options } : {};
  if (parts.length === 1) {
    const target = parts[0];
    if (!target.startsWith('/')) return bad(l10n.t('The container path "{0}" must be absolute (start with "/").', target));
    return ok({ kind: 'anonymous', target });
  }
  const [source, target] = parts;
  if (!source) return bad(l10n.t('The source before ":" is empty.'));
  if (!target) return bad(l10n.t('The container path after ":" is empty.'));
  if (!target.startsWith('/')) return bad(l10n.t('The container path "{0}" must be absolute (start with "/").', target));
  if (isAbsolute(source)) {
    if (options.options?.includes('nocopy')) return bad(l10n.t('"nocopy" applies to named volumes, not to a bind mount of a host path.'));
    return ok({ kind: 'bind', source, target, readOnly, ...options });
  }
  if (source.startsWith('.') || source.startsWith('~') || source.includes('/') || source.includes('\\')) {
    return bad(l10n.t('Bind mount host paths must be absolute: "{0}" is relative — give the full path.', source));
  }
  const name = validateVolumeName(source);
  if (name) return bad(l10n.t('"{0}" is neither an absolute host path nor a valid volume name: {1}', source, name));
  if (options.options?.some((o) => PROPAGATION.includes(o))) return bad(l10n.t('Propagation modes (shared, slave, private…) apply to bind mounts of host paths, not to named volumes.'));
  return ok({ kind: 'volume', name: source, target, readOnly, ...options });
}

const PROPAGATION = ['shared', 'rshared', 'slave', 'rslave', 'private', 'rprivate'];
const CONSISTENCY = ['consistent', 'cached', 'delegated'];
const LABELLING = ['z', 'Z'];

/**
 * A -v mode: comma-separated ro|rw, z|Z (SELinux relabel), nocopy, a propagation (rprivate…) and a
 * consistency (cached…), each group at most once, as the engine accepts them.
 */
export function parseMountMode(mode: string): Parsed<{ readOnly: boolean; options: string[] }> {
  if (!mode) return ok({ readOnly: false, options: [] });
  let access: string | undefined;
  const options: string[] = [];
  const groups: [string, string[]][] = [['SELinux label (z, Z)', LABELLING], ['propagation', PROPAGATION], ['consistency', CONSISTENCY], ['nocopy', ['nocopy']]];
  const seen = new Set<string>();
  for (const o of mode.split(',')) {
    if (o === 'ro' || o === 'rw') {
      if (access) return bad(l10n.t('Mode "{0}" gives ro/rw twice.', mode));
      access = o;
      continue;
    }
    const group = groups.find(([, values]) => values.includes(o));
    if (!group) return bad(l10n.t('Mode "{0}" is not a mount mode: use ro or rw, z or Z, nocopy, a propagation ({1}) or {2}, separated by commas.', o, PROPAGATION.join(', '), CONSISTENCY.join('/')));
    if (seen.has(group[0])) return bad(l10n.t('Mode "{0}" gives more than one {1}.', mode, group[0]));
    seen.add(group[0]);
    options.push(o);
  }
  return ok({ readOnly: access === 'ro', options });
}

/** `--volumes-from container[:ro|rw]`. */
export function parseVolumesFrom(input: string): Parsed<string> {
  const s = input.trim();
  const [name, mode, ...rest] = s.split(':');
  if (rest.length || (mode !== undefined && mode !== 'ro' && mode !== 'rw')) return bad(l10n.t('"{0}" is not container[:ro|rw].', s));
  const reason = validateContainerName(name);
  if (reason && !/^[0-9a-f]{12,64}$/.test(name)) return bad(reason);
  return ok(s);
}

/** `-e KEY=VALUE`. */
export function parseEnv(input: string): Parsed<{ key: string; value: string }> {
  const s = input.replace(/^\s+/, '');
  const eq = s.indexOf('=');
  if (eq < 0) return bad(l10n.t('"{0}" has no "=": write KEY=VALUE.', s));
  const key = s.slice(0, eq);
  if (!key) return bad(l10n.t('The name before "=" is empty.'));
  if (/\s/.test(key)) return bad(l10n.t('The variable name "{0}" contains a space.', key));
  if (!/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(key)) return bad(l10n.t('"{0}" is not a valid variable name (letters, digits and "_", not starting with a digit).', key));
  return ok({ key, value: s.slice(eq + 1) });
}

/** The run form's answers, as the user typed them (remembered per image). */
export interface RunChoices {
  image: string;
  name?: string;
  /** -d (false: -it with a terminal attached). */
  detached: boolean;
  remove: boolean;
  ports: string[];
  publishAll: boolean;
  volumes: string[];
  volumesFrom: string[];
  env: string[];
  /** Command override as a command line; empty: the image's CMD. */
  command?: string;
  labels?: Record<string, string>;
}

/** The engine's create body (a subset of ContainerCreateOptions, as plain data). */

/** Validates every field; the first problem is reported with the field it is in. */
export function buildCreateSpec(c: RunChoices): Parsed<CreateSpec> {
  if (c.name) {
    const r = validateContainerName(c.name);
    if (r) return bad(l10n.t('Name: {0}', r));
  }
  const spec: CreateSpec = {
    Image: c.image,
    Tty: !c.detached,
    OpenStdin: !c.detached,
    StdinOnce: !c.detached,
    AttachStdin: !c.detached,
    AttachStdout: !c.detached,
    AttachStderr: !c.detached,
    Labels: { ...(c.labels ?? {}) },
    HostConfig: { AutoRemove: c.remove, PublishAllPorts: c.publishAll },
  };
  if (c.name) spec.name = c.name;
  for (const p of c.ports) {
    const r = parsePort(p);
    if (!r.ok) return bad(l10n.t('Port {0}: {1}', p, r.reason));
    const key = `${r.value.containerPort}/${r.value.protocol}`;
    spec.ExposedPorts = { ...spec.ExposedPorts, [key]: {} };
    const bindings = spec.HostConfig.PortBindings ?? {};
    (bindings[key] ??= []).push({ HostIp: r.value.hostIp ?? '', HostPort: r.value.hostPort ? String(r.value.hostPort) : '' });
    spec.HostConfig.PortBindings = bindings;
  }
  for (const v of c.volumes) {
    const r = parseVolume(v);
    if (!r.ok) return bad(l10n.t('Volume {0}: {1}', v, r.reason));
    const m = r.value;
    if (m.kind === 'anonymous') spec.Volumes = { ...spec.Volumes, [m.target]: {} };
    else {
      const mode = [...(m.readOnly ? ['ro'] : []), ...(m.options ?? [])].join(',');
      (spec.HostConfig.Binds ??= []).push(`${m.kind === 'bind' ? m.source : m.name}:${m.target}${mode ? `:${mode}` : ''}`);
    }
  }
  for (const f of c.volumesFrom) {
    const r = parseVolumesFrom(f);
    if (!r.ok) return bad(l10n.t('Volumes from {0}: {1}', f, r.reason));
    (spec.HostConfig.VolumesFrom ??= []).push(r.value);
  }
  for (const e of c.env) {
    const r = parseEnv(e);
    if (!r.ok) return bad(l10n.t('Environment: {0}', r.reason));
    (spec.Env ??= []).push(`${r.value.key}=${r.value.value}`);
  }
  if (c.command && c.command.trim()) {
    const r = splitCommandLine(c.command);
    if (!r.ok) return bad(l10n.t('Command: {0}', r.reason));
    if (r.value.length) spec.Cmd = r.value;
  }
  return ok(spec);
}

/** Splits a list field of simple entries ("8080:80, 53:53/udp" or "8080:80 53:53/udp"). */
export function splitList(input: string): string[] {
  return input.split(/[,\s]+/).map((s) => s.trim()).filter(Boolean);
}

/**
 * Splits a list field whose entries may contain spaces or commas (env values, host paths):
 * words like a shell splits them, so `A="x y" B=1` or `'/my files:/data'` work.
 */
export function splitWords(input: string): Parsed<string[]> {
  return splitCommandLine(input);
}

/** The `docker run` flags people paste in front of a list field's entries (`-p 8080:80`). */
export const PORT_FLAGS = ['-p', '--publish'] as const;
export const VOLUME_FLAGS = ['-v', '--volume'] as const;
export const ENV_FLAGS = ['-e', '--env'] as const;

/**
 * A list field's entries without the `docker run` flag written in front of them, as copied from a
 * command line: `-p 8080:80`, `--publish 8080:80`, `--publish=8080:80` and `-p8080:80` all give
 * `8080:80`. Entries are never empty afterwards (a lone flag is dropped).
 */
export function dropFlags(entries: readonly string[], flags: readonly string[]): string[] {
  const out: string[] = [];
  for (const entry of entries) {
    let e = entry;
    for (const f of flags) {
      if (e === f) { e = ''; break; }
      if (e.startsWith(`${f}=`)) { e = e.slice(f.length + 1); break; }
      if (f.length === 2 && e.startsWith(f)) { e = e.slice(2); break; }
    }
    if (e) out.push(e);
  }
  return out;
}

/** Validates a list field: undefined when every entry is fine, else the first reason. */
export function validateList(input: string, parse: (s: string) => Parsed<unknown>, words = false, flags: readonly string[] = []): string | undefined {
  let entries: string[];
  if (words) {
    const w = splitWords(input);
    if (!w.ok) return w.reason;
    entries = w.value;
  } else entries = splitList(input);
  for (const entry of dropFlags(entries, flags)) {
    const r = parse(entry);
    if (!r.ok) return `${entry}: ${r.reason}`;
  }
  return undefined;
}

/**
 * The choices as remembered per image (global state): no container name, and no environment
 * entries whose names look secret (TOKEN, PASSWORD, KEY…), so they are never stored nor offered again.
 */
export function storableRunChoices(choices: RunChoices): RunChoices {
  return { ...choices, name: undefined, env: withoutSecretEnv(choices.env ?? []) };
}
