// Pure parts of Debug in Container: what a folder holds (Node or Python, which program), the
// launch.json configuration written for it, the image picked for it, and the checks a
// `dockyard` configuration passes before anything runs. No vscode, no engine.
import * as path from 'node:path';
import type { DebugRuntime } from '../engine/debugContainer';
import { DEFAULT_DEBUG_PORT } from '../engine/debugContainer';
import { l10n } from '../shared/l10n';

export const DEBUG_TYPE = 'dockyard';
export const DEFAULT_REMOTE_ROOT = '/app';
/** Images written into a new configuration when the engine has none of the runtime. */
export const FALLBACK_IMAGE: Record<DebugRuntime, string> = { node: 'node:lts-slim', python: 'python:3-slim' };

/** A folder as detection needs it: its top-level names and a file's text. */
export interface FolderView {
  names: string[];
  read(name: string): string | undefined;
}

export interface DetectedProject {
  runtime: DebugRuntime;
  /** Relative to the folder, with forward slashes. */
  program: string;
  args: string[];
}

const PY_ENTRIES = ['main.py', 'app.py', '__main__.py', 'manage.py', 'run.py', 'server.py'];

/** The file a `node <file>` start script runs ("node server.js --port 3000" → server.js). */
function startScriptProgram(script: string): { program: string; args: string[] } | undefined {
  const words = script.trim().split(/\s+/);
  if (words[0] !== 'node') return undefined;
  const i = words.findIndex((w, n) => n > 0 && !w.startsWith('-'));
  if (i < 0) return undefined;
  return { program: words[i], args: words.slice(i + 1) };
}

/**
 * Node when package.json names a program (`main`, or a `node <file>` start script, or index.js
 * exists); Python when a *.py entry exists (main.py, app.py, … or the only *.py file).
 */
export function detectProject(folder: FolderView): DetectedProject | undefined {
  const pkgText = folder.names.includes('package.json') ? folder.read('package.json') : undefined;
  if (pkgText !== undefined) {
    let pkg: { main?: unknown; scripts?: Record<string, unknown> } = {};
    try { pkg = JSON.parse(pkgText) as typeof pkg; } catch { /* a broken package.json: fall through to files */ }
    const start = typeof pkg.scripts?.start === 'string' ? startScriptProgram(pkg.scripts.start) : undefined;
    if (start) return { runtime: 'node', program: normalize(start.program), args: start.args };
    if (typeof pkg.main === 'string' && pkg.main) return { runtime: 'node', program: normalize(pkg.main), args: [] };
    for (const f of ['index.js', 'server.js', 'app.js', 'main.js']) if (folder.names.includes(f)) return { runtime: 'node', program: f, args: [] };
  }
  const py = folder.names.filter((n) => n.endsWith('.py'));
  const entry = PY_ENTRIES.find((e) => py.includes(e)) ?? (py.length === 1 ? py[0] : undefined);
  if (entry) return { runtime: 'python', program: entry, args: [] };
  if (pkgText === undefined) {
    for (const f of ['index.js', 'server.js', 'app.js', 'main.js']) if (folder.names.includes(f)) return { runtime: 'node', program: f, args: [] };
  }
  return undefined;
}

function normalize(p: string): string {
  return path.posix.normalize(p.replace(/\\/g, '/')).replace(/^\.\//, '');
}

/** Picks the engine's image for a runtime: a tag of `node` / `python` (any registry prefix), newest first. */
export function pickRuntimeImage(runtime: DebugRuntime, images: { repoTags: string[]; created: number }[]): string | undefined {
  const candidates: { tag: string; created: number }[] = [];
  for (const i of images) {
    for (const t of i.repoTags) {
      const repo = t.slice(0, t.lastIndexOf(':') > t.lastIndexOf('/') ? t.lastIndexOf(':') : t.length);
      if (repo.split('/').pop() === runtime) candidates.push({ tag: t, created: i.created });
    }
  }
  candidates.sort((a, b) => b.created - a.created);
  return candidates[0]?.tag;
}

/** The `dockyard` launch configuration written for a project. */
export interface DockyardLaunchConfig {
  type: typeof DEBUG_TYPE;
  request: 'launch';
  name: string;
  runtime: DebugRuntime;
  program: string;
  args: string[];
  image: string;
  localRoot: string;
  remoteRoot: string;
  port?: number;
  network?: 'bridge' | 'host';
  env?: Record<string, string>;
}

export function launchConfigFor(project: DetectedProject, image: string, remoteRoot = DEFAULT_REMOTE_ROOT): DockyardLaunchConfig {
  return {
    type: DEBUG_TYPE,
    request: 'launch',
    name: l10n.t('Dockyard: Debug {0} in a container', project.program),
    runtime: project.runtime,
    program: project.program,
    args: project.args,
    image,
    localRoot: '${workspaceFolder}',
    remoteRoot,
  };
}

/** A checked `dockyard` launch configuration, with defaults applied. */
export interface CheckedLaunch {
  runtime: DebugRuntime;
  program: string;
  args: string[];
  image?: string;
  localRoot: string;
  remoteRoot: string;
  port: number;
  network: 'bridge' | 'host';
  env: Record<string, string>;
}

/** A checked `dockyard` attach configuration. */
export interface CheckedAttach {
  container: string;
  runtime?: DebugRuntime;
  port?: number;
  localRoot: string;
  remoteRoot?: string;
}

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isStringMap = (v: unknown): v is Record<string, string> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');

/** Replaces ${workspaceFolder} and ${workspaceFolderBasename} (the variables a container path needs). */
export function substituteFolder(value: string, folder: string | undefined): string {
  if (folder === undefined) return value;
  return value.replace(/\$\{workspaceFolder\}/g, folder).replace(/\$\{workspaceFolderBasename\}/g, path.basename(folder));
}

function validPort(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 && v < 65536;
}

/** Checks a launch configuration; a string says what is wrong. */
export function checkLaunch(c: Record<string, unknown>, folder: string | undefined): CheckedLaunch | string {
  const runtime = c.runtime ?? 'node';
  if (runtime !== 'node' && runtime !== 'python') return l10n.t('"runtime" must be "node" or "python".');
  if (typeof c.program !== 'string' || !c.program.trim()) return l10n.t('"program" must name the file to run (relative to localRoot).');
  if (c.args !== undefined && !isStringArray(c.args)) return l10n.t('"args" must be a list of strings.');
  if (c.image !== undefined && (typeof c.image !== 'string' || !c.image.trim())) return l10n.t('"image" must be an image name.');
  if (c.env !== undefined && !isStringMap(c.env)) return l10n.t('"env" must map names to strings.');
  if (c.port !== undefined && !validPort(c.port)) return l10n.t('"port" must be a TCP port (1-65535).');
  if (c.network !== undefined && c.network !== 'bridge' && c.network !== 'host') return l10n.t('"network" must be "bridge" or "host".');
  const localRoot = substituteFolder(typeof c.localRoot === 'string' ? c.localRoot : '${workspaceFolder}', folder);
  if (localRoot.includes('${')) return l10n.t('"localRoot" must be a folder on this machine (only ${workspaceFolder} is substituted).');
  if (!path.isAbsolute(localRoot)) return l10n.t('"localRoot" must be an absolute path.');
  const remoteRoot = typeof c.remoteRoot === 'string' ? c.remoteRoot : DEFAULT_REMOTE_ROOT;
  if (!remoteRoot.startsWith('/') || remoteRoot.includes(':')) return l10n.t('"remoteRoot" must be an absolute path in the container.');
  let program = substituteFolder(c.program, folder).replace(/\\/g, '/');
  // A program written as a workspace path runs from the same place under remoteRoot.
  const local = localRoot.replace(/\\/g, '/');
  if (program.startsWith(`${local}/`)) program = program.slice(local.length + 1);
  if (program.includes('${')) return l10n.t('"program" may use ${workspaceFolder} only.');
  return {
    runtime,
    program,
    args: (c.args as string[] | undefined) ?? [],
    image: typeof c.image === 'string' ? c.image.trim() : undefined,
    localRoot,
    remoteRoot,
    port: validPort(c.port) ? c.port : DEFAULT_DEBUG_PORT[runtime],
    network: c.network === 'host' ? 'host' : 'bridge',
    env: (c.env as Record<string, string> | undefined) ?? {},
  };
}

export function checkAttach(c: Record<string, unknown>, folder: string | undefined): CheckedAttach | string {
  if (typeof c.container !== 'string' || !c.container.trim()) return l10n.t('"container" must name a running container.');
  if (c.runtime !== undefined && c.runtime !== 'node' && c.runtime !== 'python') return l10n.t('"runtime" must be "node" or "python".');
  if (c.port !== undefined && !validPort(c.port)) return l10n.t('"port" must be a TCP port (1-65535).');
  const localRoot = substituteFolder(typeof c.localRoot === 'string' ? c.localRoot : '${workspaceFolder}', folder);
  if (localRoot.includes('${') || !path.isAbsolute(localRoot)) return l10n.t('"localRoot" must be an absolute path.');
  if (c.remoteRoot !== undefined && (typeof c.remoteRoot !== 'string' || !c.remoteRoot.startsWith('/'))) return l10n.t('"remoteRoot" must be an absolute path in the container.');
  return {
    container: c.container.trim(),
    runtime: c.runtime as DebugRuntime | undefined,
    port: validPort(c.port) ? c.port : undefined,
    localRoot,
    remoteRoot: c.remoteRoot as string | undefined,
  };
}

/** The debugger configuration a `dockyard` one becomes: js-debug's `node` attach or debugpy's attach. */
export function attachConfiguration(
  runtime: DebugRuntime, name: string, address: string, port: number, localRoot: string, remoteRoot: string,
  extra: Record<string, unknown>,
): Record<string, unknown> {
  if (runtime === 'node') {
    return {
      type: 'node',
      request: 'attach',
      name,
      address,
      port,
      localRoot,
      remoteRoot,
      sourceMaps: true,
      // Launches start under --inspect-brk: run on once breakpoints are set.
      continueOnAttach: true,
      restart: false,
      // The process runs in the container: its pid and children are not this machine's.
      autoAttachChildProcesses: false,
      attachExistingChildren: false,
      skipFiles: ['<node_internals>/**'],
      ...extra,
    };
  }
  return {
    type: 'debugpy',
    request: 'attach',
    name,
    connect: { host: address, port },
    pathMappings: [{ localRoot, remoteRoot }],
    justMyCode: true,
    ...extra,
  };
}
