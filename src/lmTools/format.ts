// The language-model tools' answers as plain text: which engine answered, bounded lists ("N more"),
// bounded log and inspect text, diagnostics and layer tables, and the confirmation texts.
// Pure (no vscode, no engine calls).
import type { ContainerSummary, ImageSummary, NetworkSummary, VolumeSummary } from '../engine/models';
import type { HistoryEntry } from '../engine/images';
import { formatPorts } from '../explorer/format';
import { formatAge, formatBytes, textTable } from '../shared/format';
import { l10n } from '../shared/l10n';
import { looksSecret } from '../shared/secrets';
import type { InspectKind, RunInput } from './input';

/** The engine an answer came from, as the user's engine set names it. */
export interface EngineLabel {
  name: string;
  host: string;
}

/** The first line of every answer that involves an engine. */
export function engineLine(e: EngineLabel): string {
  return l10n.t('Engine: {0} ({1})', e.name, e.host);
}

/** At most `limit` items, and how many were left out. */
export function capRows<T>(items: readonly T[], limit: number): { shown: T[]; more: number } {
  return { shown: items.slice(0, limit), more: Math.max(0, items.length - limit) };
}

function moreLine(more: number): string {
  return more > 0 ? l10n.t('… {0} more not shown (narrow the "name" filter).', more) : '';
}

/** Case-insensitive substring match on any of the names. */
export function matchesName(names: readonly string[], filter: string | undefined): boolean {
  if (!filter) return true;
  const f = filter.toLowerCase();
  return names.some((n) => n.toLowerCase().includes(f));
}

/** One line per value at most this long; longer values are cut with "…". */
const MAX_CELL = 120;

/** A single line of at most MAX_CELL characters (control characters become spaces). */
export function cell(value: string, max = MAX_CELL): string {
  // eslint-disable-next-line no-control-regex
  const s = value.replace(/[\u0000-\u001f\u007f]+/g, ' ');
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

function table(engine: EngineLabel, title: string, header: string[], rows: string[][], more: number, total: number): string {
  const parts = [engineLine(engine), l10n.t('{0}: {1}', title, total)];
  if (rows.length) parts.push(textTable(header, rows.map((r) => r.map((c) => cell(c)))).trimEnd());
  const m = moreLine(more);
  if (m) parts.push(m);
  return parts.join('\n');
}

export function containersText(engine: EngineLabel, list: readonly ContainerSummary[], limit: number, now = Date.now()): string {
  const { shown, more } = capRows(list, limit);
  return table(engine, l10n.t('Containers'), ['NAME', 'ID', 'IMAGE', 'STATE', 'STATUS', 'PORTS', 'CREATED'],
    shown.map((c) => [c.name, c.id.slice(0, 12), c.image, c.state, c.status, formatPorts(c.ports), formatAge(c.created, now)]), more, list.length);
}

export function imagesText(engine: EngineLabel, list: readonly ImageSummary[], limit: number, now = Date.now()): string {
  const { shown, more } = capRows(list, limit);
  return table(engine, l10n.t('Images'), ['REPOSITORY:TAG', 'ID', 'SIZE', 'CREATED', 'CONTAINERS'],
    shown.map((i) => [i.repoTags.length ? i.repoTags.join(', ') : '<none>', i.id.replace(/^sha256:/, '').slice(0, 12), formatBytes(i.size), formatAge(i.created, now), i.containers >= 0 ? String(i.containers) : '?']), more, list.length);
}

export function volumesText(engine: EngineLabel, list: readonly VolumeSummary[], limit: number): string {
  const { shown, more } = capRows(list, limit);
  return table(engine, l10n.t('Volumes'), ['NAME', 'DRIVER', 'USED BY'],
    shown.map((v) => [v.name, v.driver, v.usedBy.join(', ') || '-']), more, list.length);
}

export function networksText(engine: EngineLabel, list: readonly NetworkSummary[], limit: number): string {
  const { shown, more } = capRows(list, limit);
  return table(engine, l10n.t('Networks'), ['NAME', 'ID', 'DRIVER', 'SCOPE', 'CONTAINERS'],
    shown.map((n) => [n.name, n.id.slice(0, 12), n.driver, n.scope, n.containers.join(', ') || '-']), more, list.length);
}

/**
 * At most maxBytes of UTF-8 text, keeping the end (the newest log lines) or the start; cut at a
 * character boundary, then at a line boundary when one is near. `cut` is the number of bytes left out.
 */
export function capBytes(text: string, maxBytes: number, keep: 'start' | 'end'): { text: string; cut: number } {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return { text, cut: 0 };
  let out: string;
  if (keep === 'end') {
    let start = buf.length - maxBytes;
    while (start < buf.length && (buf[start] & 0xc0) === 0x80) start++; // not inside a character
    out = buf.subarray(start).toString('utf8');
    const nl = out.indexOf('\n');
    if (nl >= 0 && nl < 1024) out = out.slice(nl + 1);
  } else {
    let end = maxBytes;
    while (end > 0 && (buf[end] & 0xc0) === 0x80) end--;
    out = buf.subarray(0, end).toString('utf8');
  }
  return { text: out, cut: buf.length - Buffer.byteLength(out, 'utf8') };
}

export function logsText(engine: EngineLabel, container: string, log: string, opts: { tail: number; sinceText?: string; maxBytes: number; alreadyCut?: number }): string {
  const capped = capBytes(log, opts.maxBytes, 'end');
  const text = capped.text;
  const cut = capped.cut + (opts.alreadyCut ?? 0);
  const head = [engineLine(engine), opts.sinceText
    ? l10n.t('Logs of container {0} (last {1} lines since {2}, with timestamps):', container, opts.tail, opts.sinceText)
    : l10n.t('Logs of container {0} (last {1} lines, with timestamps):', container, opts.tail)];
  if (cut > 0) head.push(l10n.t('[Earlier output cut: {0} more bytes than the {1} an answer carries. Ask for fewer lines or a later "since".]', cut, opts.maxBytes));
  return `${head.join('\n')}\n${text.trim() ? text.replace(/\n+$/, '') : l10n.t('(no output)')}`;
}

type Json = Record<string, unknown>;

const pick = (o: unknown, keys: readonly string[]): Json => {
  const out: Json = {};
  if (!o || typeof o !== 'object') return out;
  for (const k of keys) {
    const v = (o as Json)[k];
    if (v !== undefined && v !== null && v !== '') out[k] = v;
  }
  return out;
};

/** "KEY=VALUE" with the value hidden when the name looks secret. */
export function maskEnv(entry: string): string {
  const eq = entry.indexOf('=');
  if (eq < 0) return entry;
  return looksSecret(entry.slice(0, eq)) ? `${entry.slice(0, eq)}=<hidden>` : entry;
}

/** The fields of an inspect answer worth reading; environment values that look secret are hidden. */
export function trimInspect(kind: InspectKind, raw: Json): Json {
  switch (kind) {
    case 'container': {
      const config = pick(raw.Config, ['Image', 'Cmd', 'Entrypoint', 'WorkingDir', 'User', 'Env', 'ExposedPorts', 'Labels', 'Healthcheck', 'Tty']);
      if (Array.isArray(config.Env)) config.Env = (config.Env as unknown[]).map((e) => (typeof e === 'string' ? maskEnv(e) : e));
      const net = raw.NetworkSettings as Json | undefined;
      return {
        ...pick(raw, ['Id', 'Name', 'Created', 'Path', 'Args', 'Image', 'RestartCount', 'Platform']),
        State: pick(raw.State, ['Status', 'Running', 'Paused', 'Restarting', 'OOMKilled', 'Dead', 'Pid', 'ExitCode', 'Error', 'StartedAt', 'FinishedAt', 'Health']),
        Config: config,
        HostConfig: pick(raw.HostConfig, ['NetworkMode', 'PortBindings', 'RestartPolicy', 'AutoRemove', 'Binds', 'Privileged', 'Memory', 'NanoCpus', 'CapAdd', 'CapDrop']),
        Mounts: raw.Mounts,
        Networks: net && typeof net.Networks === 'object' && net.Networks ? Object.keys(net.Networks as Json) : undefined,
        Ports: net?.Ports,
      };
    }
    case 'image': {
      const config = pick(raw.Config, ['Cmd', 'Entrypoint', 'WorkingDir', 'User', 'Env', 'ExposedPorts', 'Volumes', 'Labels', 'Healthcheck', 'StopSignal']);
      if (Array.isArray(config.Env)) config.Env = (config.Env as unknown[]).map((e) => (typeof e === 'string' ? maskEnv(e) : e));
      const rootfs = raw.RootFS as Json | undefined;
      return {
        ...pick(raw, ['Id', 'RepoTags', 'RepoDigests', 'Created', 'Author', 'Architecture', 'Variant', 'Os', 'Size']),
        Config: config,
        Layers: Array.isArray(rootfs?.Layers) ? (rootfs!.Layers as unknown[]).length : undefined,
      };
    }
    case 'volume':
      return pick(raw, ['Name', 'Driver', 'Mountpoint', 'CreatedAt', 'Scope', 'Labels', 'Options', 'UsageData']);
    case 'network': {
      const containers = raw.Containers && typeof raw.Containers === 'object'
        ? Object.values(raw.Containers as Json).map((c) => pick(c, ['Name', 'IPv4Address', 'IPv6Address']))
        : undefined;
      return { ...pick(raw, ['Id', 'Name', 'Created', 'Scope', 'Driver', 'EnableIPv6', 'Internal', 'Attachable', 'Ingress', 'Labels', 'Options']), IPAM: pick(raw.IPAM, ['Driver', 'Config']), Containers: containers };
    }
  }
}

export function inspectText(engine: EngineLabel, kind: InspectKind, target: string, raw: Json, maxBytes: number): string {
  const json = JSON.stringify(trimInspect(kind, raw), null, 2);
  const { text, cut } = capBytes(json, maxBytes, 'start');
  const lines = [engineLine(engine), l10n.t('Inspect {0} {1} (selected fields):', kind, target), text];
  if (cut > 0) lines.push(l10n.t('[Cut: {0} more bytes than the {1} an answer carries.]', cut, maxBytes));
  return lines.join('\n');
}

export function layersText(engine: EngineLabel, image: string, history: readonly HistoryEntry[], limit: number, now = Date.now()): string {
  const total = history.reduce((n, h) => n + (h.size > 0 ? h.size : 0), 0);
  const { shown, more } = capRows(history, limit);
  const rows = shown.map((h) => [h.id && h.id !== '<missing>' ? h.id.replace(/^sha256:/, '').slice(0, 12) : '<missing>', formatBytes(h.size), formatAge(h.created, now), cell(h.createdBy.replace(/^\/bin\/sh -c #\(nop\)\s*/, ''), 100)]);
  const parts = [
    engineLine(engine),
    l10n.t('Layers of image {0}, newest first: {1} entries, {2} in total.', image, history.length, formatBytes(total)),
    textTable(['LAYER', 'SIZE', 'CREATED', 'CREATED BY'], rows).trimEnd(),
  ];
  const m = moreLine(more);
  if (m) parts.push(m);
  return parts.join('\n');
}

export interface FileDiagnostic {
  line: number;        // 1-based
  column: number;      // 1-based
  severity: string;
  code: string;
  message: string;
}

export function diagnosticsText(file: string, what: string, diagnostics: readonly FileDiagnostic[], limit: number): string {
  if (!diagnostics.length) return l10n.t('{0} {1}: no problems found.', what, file);
  const { shown, more } = capRows(diagnostics, limit);
  const lines = [l10n.t('{0} {1}: {2} problem(s).', what, file, diagnostics.length),
    ...shown.map((d) => `${d.line}:${d.column} ${d.severity} ${d.code}: ${cell(d.message, 400)}`)];
  const m = more > 0 ? l10n.t('… {0} more not shown.', more) : '';
  if (m) lines.push(m);
  return lines.join('\n');
}

// ---- confirmation texts (the editor shows them with Continue / Cancel) ----------------------

export interface Confirmation {
  title: string;
  message: string;
}

export function containerActionConfirmation(action: 'start' | 'stop' | 'restart' | 'remove', engine: EngineLabel, container: string, force: boolean): Confirmation {
  const titles = {
    start: l10n.t('Start container {0}?', container),
    stop: l10n.t('Stop container {0}?', container),
    restart: l10n.t('Restart container {0}?', container),
    remove: force ? l10n.t('Remove container {0} (even if it is running)?', container) : l10n.t('Remove container {0}?', container),
  };
  const body = action === 'remove'
    ? l10n.t('Container {0} on engine {1} ({2}) will be removed. Its file system changes are lost; named volumes are kept.', container, engine.name, engine.host)
    : action === 'start' ? l10n.t('Container {0} on engine {1} ({2}) will be started.', container, engine.name, engine.host)
    : action === 'stop' ? l10n.t('Container {0} on engine {1} ({2}) will be stopped.', container, engine.name, engine.host)
    : l10n.t('Container {0} on engine {1} ({2}) will be restarted.', container, engine.name, engine.host);
  return { title: titles[action], message: body };
}

export function runConfirmation(engine: EngineLabel, input: RunInput): Confirmation {
  const lines = [l10n.t('A new container will be created from image {0} and started in the background on engine {1} ({2}).', input.image, engine.name, engine.host)];
  if (input.name) lines.push(l10n.t('Name: {0}', input.name));
  if (input.ports.length) lines.push(l10n.t('Ports: {0}', input.ports.join(', ')));
  if (input.env.length) lines.push(l10n.t('Environment: {0}', input.env.map(maskEnv).join(', ')));
  if (input.command) lines.push(l10n.t('Command: {0}', input.command.join(' ')));
  return { title: l10n.t('Run image {0}?', input.image), message: lines.join('\n') };
}
