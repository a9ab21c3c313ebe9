// The engine side of "Debug in Container": a labelled container that runs the program with its
// debugger listening (node --inspect-brk, debugpy --wait-for-client), the workspace bind-mounted
// (local engines) or copied in through the archive API (remote ones), the debugger's port
// published on 127.0.0.1 or shared with the host's network; then the address a debugger on this
// machine dials (through an SSH channel for ssh:// engines). Pure data in, plain data out.
import * as net from 'node:net';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import * as tar from 'tar-fs';
import { Engine, short } from './engine';
import { EngineError } from './errors';
import { parseEndpoint } from './hosts/resolve';
import { Demuxer } from './streams';
import { l10n } from '../shared/l10n';
import { isLoopbackHost } from '../shared/loopback';

/** Every debug container carries this label (value: the runtime), so it is found and removed. */
export const DEBUG_LABEL = 'dockyard.debug';
export type DebugRuntime = 'node' | 'python';

/** The port each runtime's debugger listens on inside the container, by default. */
export const DEFAULT_DEBUG_PORT: Record<DebugRuntime, number> = { node: 9229, python: 5678 };
/** What the container prints once the debugger listens (node's own line; our debugpy wrapper's). */
const READY_MARKER: Record<DebugRuntime, RegExp> = { node: /Debugger listening on /, python: /dockyard: debugpy listening/ };

export interface DebugContainerSpec {
  runtime: DebugRuntime;
  image: string;
  /** The program, relative to remoteRoot (or absolute in the container). */
  program: string;
  args: string[];
  /** The workspace folder on this machine. */
  localRoot: string;
  /** Where it appears in the container. */
  remoteRoot: string;
  env: Record<string, string>;
  /** 'bridge' publishes the port on 127.0.0.1 of the engine's machine; 'host' shares that machine's network. */
  network: 'bridge' | 'host';
  /** The debugger's port in the container (with network 'host': on the engine's machine). */
  port: number;
  /** Copy the workspace in (remote engines) instead of bind-mounting it. */
  copy: boolean;
  /** Extra labels (the debug session's id). */
  labels?: Record<string, string>;
  name?: string;
}

/** Whether the engine runs on this machine (a bind mount of a local folder works; 127.0.0.1 is here). */
export function engineIsLocal(host: string): boolean {
  try {
    const ep = parseEndpoint(host);
    return ep.kind === 'unix' || ep.kind === 'npipe' || (ep.kind === 'tcp' && isLoopbackHost(ep.host));
  } catch {
    return false;
  }
}

/** The program's path inside the container. */
export function remoteProgram(spec: Pick<DebugContainerSpec, 'program' | 'remoteRoot'>): string {
  return spec.program.startsWith('/') ? spec.program : path.posix.join(spec.remoteRoot, spec.program.replace(/\\/g, '/'));
}

/** The command the container runs: the runtime with its debugger listening and waiting for us. */
export function debugCommand(spec: Pick<DebugContainerSpec, 'runtime' | 'program' | 'remoteRoot' | 'args' | 'port' | 'network'>): string[] {
  // With the host's network the debugger listens on loopback only: nothing else on the network reaches it.
  const bind = spec.network === 'host' ? '127.0.0.1' : '0.0.0.0';
  const program = remoteProgram(spec);
  if (spec.runtime === 'node') return ['node', `--inspect-brk=${bind}:${spec.port}`, program, ...spec.args];
  // `python -m debugpy --listen … --wait-for-client` prints nothing once it listens; this does the
  // same through debugpy's API and says so, so we know when to attach.
  const script = [
    'import sys, runpy, debugpy',
    `debugpy.listen((${JSON.stringify(bind)}, ${spec.port}))`,
    'print("dockyard: debugpy listening", flush=True)',
    'debugpy.wait_for_client()',
    'sys.argv = sys.argv[1:]',
    'runpy.run_path(sys.argv[0], run_name="__main__")',
  ].join('\n');
  return ['python3', '-c', script, program, ...spec.args];
}

export interface DebugContainer {
  id: string;
  name: string;
}

/** Creates and starts the debug container; removes it again when anything fails. */
export async function startDebugContainer(engine: Engine, spec: DebugContainerSpec): Promise<DebugContainer> {
  if (!spec.remoteRoot.startsWith('/')) throw new EngineError('badRequest', l10n.t('The container path "{0}" must be absolute.', spec.remoteRoot));
  const name = spec.name ?? `dockyard-debug-${randomBytes(4).toString('hex')}`;
  const portKey = `${spec.port}/tcp`;
  const hostConfig: Record<string, unknown> = {
    NetworkMode: spec.network === 'host' ? 'host' : undefined,
    Binds: spec.copy ? undefined : [`${spec.localRoot}:${spec.remoteRoot}`],
    PortBindings: spec.network === 'host' ? undefined : { [portKey]: [{ HostIp: '127.0.0.1', HostPort: '' }] },
    AutoRemove: false,
  };
  const id = await engine.call(l10n.t('Image {0}', short(spec.image)), async (d) => (await d.createContainer({
    name,
    Image: spec.image,
    Cmd: debugCommand(spec),
    Entrypoint: [],
    WorkingDir: spec.remoteRoot,
    Env: Object.entries(spec.env).map(([k, v]) => `${k}=${v}`),
    Labels: { [DEBUG_LABEL]: spec.runtime, ...spec.labels },
    ExposedPorts: spec.network === 'host' ? undefined : { [portKey]: {} },
    Tty: false,
    HostConfig: hostConfig,
  })).id);
  try {
    if (spec.copy) await copyFolderIn(engine, id, spec.localRoot, spec.remoteRoot);
    await engine.call(l10n.t('Container {0}', name), (d) => d.getContainer(id).start());
    return { id, name };
  } catch (e) {
    await removeDebugContainer(engine, id);
    throw e;
  }
}

/** Copies a folder's contents (not .git) into the container. */
async function copyFolderIn(engine: Engine, id: string, localRoot: string, remoteRoot: string): Promise<void> {
  // The archive API extracts into an existing folder: a parent the image has, with the tar's paths under remoteRoot.
  const parent = path.posix.dirname(remoteRoot);
  const base = path.posix.basename(remoteRoot);
  const prefixed = tar.pack(localRoot, {
    ignore: (p) => path.basename(p) === '.git',
    map: (h) => ({ ...h, name: path.posix.join(base, h.name) }),
  });
  await engine.call(l10n.t('Container {0}: {1}', short(id), remoteRoot), (d) => d.getContainer(id).putArchive(prefixed, { path: parent }) as Promise<unknown>);
}

/** Removes the container (running or not); a container already gone is fine. */
export async function removeDebugContainer(engine: Engine, id: string): Promise<void> {
  await engine.removeContainer(id, { force: true }).catch((e: unknown) => {
    if (!(e instanceof EngineError && e.kind === 'notFound')) throw e;
  });
}

/**
 * Waits until the container says its debugger listens. Fails with the container's last output
 * when it exits first, and after timeoutMs.
 */
export async function waitForDebugger(engine: Engine, id: string, runtime: DebugRuntime, timeoutMs = 60_000): Promise<void> {
  const what = l10n.t('Container {0}', short(id));
  const stream = (await engine.call(what, (d) => d.getContainer(id).logs({ stdout: true, stderr: true, follow: true }))) as unknown as NodeJS.ReadableStream & { destroy?: () => void };
  let text = '';
  await new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (err?: Error) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      stream.destroy?.();
      if (err) reject(err); else resolve();
    };
    const lastLines = () => text.trim().split('\n').slice(-5).join('\n');
    const demux = new Demuxer((_kind, payload) => {
      text = (text + Buffer.from(payload).toString('utf8')).slice(-8000);
      if (READY_MARKER[runtime].test(text)) finish();
    });
    const timer = setTimeout(() => finish(new EngineError('timeout', l10n.t('The debugger in {0} did not start listening within {1} s. Its output: {2}', short(id), timeoutMs / 1000, lastLines() || l10n.t('(none)')))), timeoutMs);
    stream.on('data', (chunk: Buffer) => demux.push(chunk));
    stream.on('error', (e: Error) => finish(e));
    // The log stream ends when the container stops: its program exited before the debugger listened.
    stream.on('end', () => finish(new EngineError('conflict', l10n.t('The container {0} exited before its debugger listened. Its output: {1}', short(id), lastLines() || l10n.t('(none)')))));
  });
}

/** Where the debugger's port is on the engine's machine: the published host port, or the port itself (host network). */
export async function debuggerHostPort(engine: Engine, id: string, port: number, network: 'bridge' | 'host'): Promise<number> {
  if (network === 'host') return port;
  const info = (await engine.inspectContainer(id)) as { NetworkSettings?: { Ports?: Record<string, { HostIp?: string; HostPort?: string }[] | null> } };
  const bindings = info.NetworkSettings?.Ports?.[`${port}/tcp`] ?? [];
  const hostPort = Number(bindings.find((b) => b.HostPort)?.HostPort);
  if (!hostPort) throw new EngineError('conflict', l10n.t('The engine published no host port for the debugger port {0} of {1}.', port, short(id)));
  return hostPort;
}

export interface DebuggerAddress {
  address: string;
  port: number;
  /** Closes the local end of an SSH forward (no-op otherwise). */
  close(): void;
}

/**
 * The address a debugger on this machine dials to reach `hostPort` on the engine's machine:
 * 127.0.0.1 for local engines, the engine's host for tcp://, and for ssh:// a listener on
 * 127.0.0.1 whose connections are forwarded through the engine's SSH connection.
 */
export async function debuggerAddress(engine: Engine, hostPort: number): Promise<DebuggerAddress> {
  const ep = parseEndpoint(engine.host);
  if (ep.kind === 'tcp' && !engineIsLocal(engine.host)) {
    return { address: ep.host, port: hostPort, close: () => undefined };
  }
  if (ep.kind !== 'ssh') return { address: '127.0.0.1', port: hostPort, close: () => undefined };
  const sockets = new Set<net.Socket>();
  const server = net.createServer((local) => {
    sockets.add(local);
    local.on('close', () => sockets.delete(local));
    engine.forwardOut('127.0.0.1', hostPort).then((remote) => {
      local.pipe(remote).pipe(local);
      remote.on('error', () => local.destroy());
      local.on('error', () => remote.destroy());
      local.on('close', () => remote.destroy());
      remote.on('close', () => local.destroy());
    }, () => local.destroy());
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  return {
    address: '127.0.0.1',
    port,
    close: () => {
      server.close();
      for (const s of sockets) s.destroy();
    },
  };
}

/** A process in the container's command that listens for a debugger, and on which port. */
export interface ListeningDebugger {
  runtime: DebugRuntime;
  port: number;
}

/**
 * Finds a debugger the container's process listens for: `node --inspect[-brk][=[host:]port]`,
 * `NODE_OPTIONS=--inspect…`, `debugpy --listen [host:]port`; else an exposed 9229 or 5678.
 */
export function findListeningDebugger(args: string[], env: string[], exposedPorts: string[]): ListeningDebugger | undefined {
  const words = [...args, ...env.filter((e) => e.startsWith('NODE_OPTIONS=')).flatMap((e) => e.slice('NODE_OPTIONS='.length).split(/\s+/))];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const inspect = /^--inspect(?:-brk|-wait)?(?:=(?:.*:)?(\d+))?$/.exec(w);
    if (inspect) return { runtime: 'node', port: inspect[1] ? Number(inspect[1]) : DEFAULT_DEBUG_PORT.node };
    if (w === '--listen' && words.slice(0, i).some((x) => /debugpy/.test(x))) {
      const m = /(?:.*:)?(\d+)$/.exec(words[i + 1] ?? '');
      if (m) return { runtime: 'python', port: Number(m[1]) };
    }
  }
  const ports = exposedPorts.map((p) => Number(p.split('/')[0]));
  if (ports.includes(DEFAULT_DEBUG_PORT.node)) return { runtime: 'node', port: DEFAULT_DEBUG_PORT.node };
  if (ports.includes(DEFAULT_DEBUG_PORT.python)) return { runtime: 'python', port: DEFAULT_DEBUG_PORT.python };
  return undefined;
}

/** What Attach Debugger needs of a running container. */
export interface AttachTarget {
  debugger: ListeningDebugger;
  network: 'bridge' | 'host';
  workingDir: string;
  name: string;
}

/** Inspects a running container for a listening debugger; undefined when it has none. */
export async function inspectForDebugger(engine: Engine, id: string): Promise<AttachTarget | undefined> {
  const info = (await engine.inspectContainer(id)) as {
    Name?: string; Path?: string; Args?: string[];
    Config?: { Env?: string[] | null; ExposedPorts?: Record<string, unknown> | null; WorkingDir?: string };
    HostConfig?: { NetworkMode?: string };
  };
  const found = findListeningDebugger([info.Path ?? '', ...(info.Args ?? [])], info.Config?.Env ?? [], Object.keys(info.Config?.ExposedPorts ?? {}));
  if (!found) return undefined;
  return {
    debugger: found,
    network: info.HostConfig?.NetworkMode === 'host' ? 'host' : 'bridge',
    workingDir: info.Config?.WorkingDir || '/',
    name: (info.Name ?? short(id)).replace(/^\//, ''),
  };
}
