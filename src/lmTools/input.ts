// The language-model tools' input, checked by hand (the editor does not enforce the declared
// schema): each tool's reader returns typed input or throws a ToolInputError whose message the
// model can read and act on. Pure (no vscode, no engine).
import { parseSince } from '../engine/streams';
import { parseEnv, parsePort } from '../engine/runOptions';
import { splitCommandLine } from '../shared/commandLine';
import { l10n } from '../shared/l10n';
import { parseReference } from '../shared/reference';
import { validateContainerName, validateVolumeName } from '../shared/validate';

/** Bad input: the message says which field and what to change. */
export class ToolInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ToolInputError';
  }
}

/** Rows a list answers with at most (the rest is counted: "N more"). */
export const MAX_ROWS = 200;
/** Log lines a logs answer asks the engine for at most, and the default. */
export const MAX_LOG_LINES = 1000;
export const DEFAULT_LOG_LINES = 100;
/** Bytes of log text an answer carries at most (the newest are kept). */
export const MAX_LOG_BYTES = 32 * 1024;
/** Bytes of inspect JSON an answer carries at most. */
export const MAX_INSPECT_BYTES = 16 * 1024;
/** Files larger than this are not analysed. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Longest free-text value accepted (names, filters, paths). */
const MAX_TEXT = 1024;

type Raw = Record<string, unknown>;

function fail(message: string): never {
  throw new ToolInputError(message);
}

/** The input object, with no keys but the allowed ones. */
function object(raw: unknown, allowed: readonly string[]): Raw {
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) fail(l10n.t('The input must be a JSON object.'));
  const o = raw as Raw;
  const unknown = Object.keys(o).filter((k) => !allowed.includes(k));
  if (unknown.length) fail(l10n.t('Unknown input field(s): {0}. Allowed: {1}.', unknown.join(', '), allowed.join(', ') || '—'));
  return o;
}

function optionalString(o: Raw, key: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') fail(l10n.t('"{0}" must be a string.', key));
  if (v.length > MAX_TEXT) fail(l10n.t('"{0}" is longer than {1} characters.', key, MAX_TEXT));
  return v.trim() || undefined;
}

function requiredString(o: Raw, key: string): string {
  const v = optionalString(o, key);
  if (v === undefined) fail(l10n.t('"{0}" is required.', key));
  return v;
}

function optionalBoolean(o: Raw, key: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') fail(l10n.t('"{0}" must be true or false.', key));
  return v;
}

function optionalInteger(o: Raw, key: string, min: number, max: number): number | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v)) fail(l10n.t('"{0}" must be a whole number.', key));
  if (v < min || v > max) fail(l10n.t('"{0}" must be between {1} and {2}.', key, min, max));
  return v;
}

function stringList(o: Raw, key: string, maxItems: number): string[] {
  const v = o[key];
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) fail(l10n.t('"{0}" must be a list of strings.', key));
  if (v.length > maxItems) fail(l10n.t('"{0}" has more than {1} entries.', key, maxItems));
  return (v as string[]).map((s) => s.trim()).filter(Boolean);
}

/** An engine's name as the user's engine set shows it (checked against that set later). */
function engineName(o: Raw): string | undefined {
  return optionalString(o, 'engine');
}

const ID = /^(?:sha256:)?[0-9a-f]{4,64}$/;

/** A container's name or (short) id. */
export function containerTarget(value: string, key = 'container'): string {
  if (ID.test(value)) return value;
  const reason = validateContainerName(value);
  if (reason) fail(l10n.t('"{0}" is not a container name or id: {1}', key, reason));
  return value.replace(/^\//, '');
}

/** An image reference (name[:tag][@digest]) or image id. */
export function imageTarget(value: string, key = 'image'): string {
  if (ID.test(value)) return value;
  const r = parseReference(value);
  if (!r.ok) fail(l10n.t('"{0}" is not an image reference or id: {1}', key, r.reason));
  return value;
}

function volumeTarget(value: string, key: string): string {
  const reason = validateVolumeName(value);
  if (reason) fail(l10n.t('"{0}" is not a volume name: {1}', key, reason));
  return value;
}

function networkTarget(value: string, key: string): string {
  // Built-in names (bridge, host, none) are fine to look at.
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(value)) fail(l10n.t('"{0}" is not a network name or id: use letters, digits, "_", "." and "-", starting with a letter or digit.', key));
  return value;
}

export type ListKind = 'containers' | 'images' | 'volumes' | 'networks';

export interface ListInput {
  engine?: string;
  /** Case-insensitive substring of the name (or of a tag, for images). */
  name?: string;
  /** Containers: include stopped ones (default true). */
  all: boolean;
  limit: number;
}

export function readListInput(kind: ListKind, raw: unknown): ListInput {
  const o = object(raw, kind === 'containers' ? ['engine', 'name', 'all', 'limit'] : ['engine', 'name', 'limit']);
  return {
    engine: engineName(o),
    name: optionalString(o, 'name'),
    all: optionalBoolean(o, 'all') ?? true,
    limit: optionalInteger(o, 'limit', 1, MAX_ROWS) ?? MAX_ROWS,
  };
}

export interface LogsInput {
  engine?: string;
  container: string;
  tail: number;
  /** The engine's form (unix seconds), from a duration, date or unix seconds. */
  since?: string;
  sinceText?: string;
}

export function readLogsInput(raw: unknown, now = Date.now()): LogsInput {
  const o = object(raw, ['engine', 'container', 'tail', 'since']);
  const sinceText = optionalString(o, 'since');
  let since: string | undefined;
  if (sinceText !== undefined) {
    const r = parseSince(sinceText, now);
    if ('reason' in r) fail(l10n.t('"since": {0}', r.reason));
    since = r.since;
  }
  return {
    engine: engineName(o),
    container: containerTarget(requiredString(o, 'container')),
    tail: optionalInteger(o, 'tail', 1, MAX_LOG_LINES) ?? DEFAULT_LOG_LINES,
    since,
    sinceText,
  };
}

export type InspectKind = 'container' | 'image' | 'volume' | 'network';
const INSPECT_KINDS: readonly InspectKind[] = ['container', 'image', 'volume', 'network'];

export interface InspectInput {
  engine?: string;
  kind: InspectKind;
  target: string;
}

export function readInspectInput(raw: unknown): InspectInput {
  const o = object(raw, ['engine', 'kind', 'target']);
  const kind = requiredString(o, 'kind');
  if (!(INSPECT_KINDS as readonly string[]).includes(kind)) fail(l10n.t('"kind" must be one of {0}.', INSPECT_KINDS.join(', ')));
  const value = requiredString(o, 'target');
  const k = kind as InspectKind;
  const target = k === 'container' ? containerTarget(value, 'target') : k === 'image' ? imageTarget(value, 'target')
    : k === 'volume' ? volumeTarget(value, 'target') : networkTarget(value, 'target');
  return { engine: engineName(o), kind: k, target };
}

export interface ImageInput {
  engine?: string;
  image: string;
}

export function readImageInput(raw: unknown): ImageInput {
  const o = object(raw, ['engine', 'image']);
  return { engine: engineName(o), image: imageTarget(requiredString(o, 'image')) };
}

export interface FileInput {
  path: string;
}

export function readFileInput(raw: unknown): FileInput {
  const o = object(raw, ['path']);
  const p = requiredString(o, 'path');
  if (p.includes('\0')) fail(l10n.t('"path" contains a NUL character.'));
  return { path: p };
}

export type ContainerAction = 'start' | 'stop' | 'restart' | 'remove';

export interface ContainerActionInput {
  engine?: string;
  container: string;
  /** remove: also when running (kills it). */
  force: boolean;
}

export function readContainerActionInput(action: ContainerAction, raw: unknown): ContainerActionInput {
  const o = object(raw, action === 'remove' ? ['engine', 'container', 'force'] : ['engine', 'container']);
  return { engine: engineName(o), container: containerTarget(requiredString(o, 'container')), force: optionalBoolean(o, 'force') ?? false };
}

export interface RunInput {
  engine?: string;
  image: string;
  name?: string;
  ports: string[];
  env: string[];
  command?: string[];
}

/** At most this many ports or environment entries. */
const MAX_RUN_ENTRIES = 50;

export function readRunInput(raw: unknown): RunInput {
  const o = object(raw, ['engine', 'image', 'name', 'ports', 'env', 'command']);
  const image = imageTarget(requiredString(o, 'image'));
  const name = optionalString(o, 'name');
  if (name !== undefined) {
    const reason = validateContainerName(name);
    if (reason) fail(l10n.t('"name": {0}', reason));
  }
  const ports = stringList(o, 'ports', MAX_RUN_ENTRIES);
  for (const p of ports) {
    const r = parsePort(p);
    if (!r.ok) fail(l10n.t('"ports" entry "{0}": {1}', p, r.reason));
  }
  const env = stringList(o, 'env', MAX_RUN_ENTRIES);
  for (const e of env) {
    const r = parseEnv(e);
    if (!r.ok) fail(l10n.t('"env" entry: {0}', r.reason));
  }
  const commandText = optionalString(o, 'command');
  let command: string[] | undefined;
  if (commandText !== undefined) {
    const r = splitCommandLine(commandText);
    if (!r.ok) fail(l10n.t('"command": {0}', r.reason));
    command = r.value.length ? r.value : undefined;
  }
  return { engine: engineName(o), image, name: name?.replace(/^\//, ''), ports, env, command };
}
