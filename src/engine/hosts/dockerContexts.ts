// The docker context store on disk: list contexts, `docker context use`, and follow changes
// made outside (the CLI, another editor). No `vscode` import: the hosts tier tests it for real.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  DockerContext, HostInputs, isValidContextName, listContexts, readContext, ResolvedHost,
  resolveHost, watchedPaths, withCurrentContext,
} from './resolve';
import { l10n } from '../../shared/l10n';
import { hostConfigError } from '../errors';

/** Host-resolution inputs from the real file system and environment. */
export function nodeHostInputs(setting?: string, env: Record<string, string | undefined> = process.env): HostInputs {
  return {
    setting,
    env,
    homeDir: env.HOME || os.homedir(),
    platform: process.platform,
    readFile: (f) => { try { return fs.readFileSync(f, 'utf8'); } catch { return undefined; } },
    exists: (f) => fs.existsSync(f),
    listDir: (d) => { try { return fs.readdirSync(d); } catch { return []; } },
  };
}

export type ContextEntry = DockerContext & { current: boolean };

export function contexts(inputs: HostInputs): ContextEntry[] {
  return listContexts(inputs);
}

/**
 * `docker context use NAME`: writes currentContext into config.json (other keys kept), atomically.
 * Refuses unknown contexts, like the CLI.
 */
export function useContext(inputs: HostInputs, name: string): void {
  if (name !== 'default') {
    if (!isValidContextName(name)) throw hostConfigError(l10n.t('"{0}" is not a valid context name.', name));
    if (!readContext(inputs, name)) throw hostConfigError(l10n.t('Docker context "{0}" does not exist — run "docker context ls".', name));
  }
  const { configFile } = watchedPaths(inputs);
  const next = withCurrentContext(inputs.readFile(configFile), name);
  fs.mkdirSync(path.dirname(configFile), { recursive: true, mode: 0o700 });
  let mode = 0o600;
  try { mode = fs.statSync(configFile).mode & 0o777; } catch { /* new file */ }
  const tmp = `${configFile}.dockyard-${process.pid}.tmp`;
  fs.writeFileSync(tmp, next, { mode });
  fs.renameSync(tmp, configFile);
}

/** A stable description of where the host comes from; changes when the effective host changes. */
export function hostKey(r: ResolvedHost | string): string {
  if (typeof r === 'string') return `error:${r}`;
  return JSON.stringify([r.host, r.source, r.context, r.tls?.ca, r.tls?.cert, r.tls?.key, r.tls?.verify, r.overrides]);
}

/**
 * Watches config.json and the context store (fs.watch on the folders, debounced) and calls
 * `changed` when the effective host differs from the last one seen. Folders that do not exist
 * yet are picked up when they appear (the parent is watched).
 */
export class HostWatcher {
  private watchers: fs.FSWatcher[] = [];
  private timer: NodeJS.Timeout | undefined;
  private last: string;
  private disposed = false;

  constructor(
    private readonly inputs: () => HostInputs,
    private readonly changed: () => void,
    private readonly debounceMs = 150,
    /** Called after any change on disk (e.g. a context created), effective or not. */
    private readonly touched?: () => void,
  ) {
    this.last = this.current();
    this.arm();
  }

  private current(): string {
    try { return hostKey(resolveHost(this.inputs())); } catch (e) { return hostKey((e as Error).message); }
  }

  private arm(): void {
    for (const w of this.watchers.splice(0)) w.close();
    if (this.disposed) return;
    const { configFile, contextsDir } = watchedPaths(this.inputs());
    const sub = (d: string) => { try { return fs.readdirSync(d).map((e) => path.join(d, e)); } catch { return []; } };
    const meta = path.join(contextsDir, 'meta');
    const tls = path.join(contextsDir, 'tls');
    // fs.watch is not recursive on Linux: watch each context's folder for meta.json / *.pem edits.
    const dirs = [path.dirname(configFile), contextsDir, meta, tls, ...sub(meta), ...sub(tls), ...sub(tls).map((d) => path.join(d, 'docker'))];
    let watchedAny = false;
    for (const dir of dirs) {
      try {
        const w = fs.watch(dir, { persistent: false, recursive: false }, () => this.poke());
        w.on('error', () => this.poke());
        this.watchers.push(w);
        watchedAny = true;
      } catch { /* does not exist (yet) */ }
    }
    if (!watchedAny) {
      // Not even ~/.docker: watch the home folder for it to appear.
      try {
        const w = fs.watch(path.dirname(path.dirname(configFile)), { persistent: false }, () => this.poke());
        this.watchers.push(w);
      } catch { /* nothing to watch */ }
    }
  }

  /** Something changed on disk: re-resolve after a short quiet period. */
  poke(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.arm(); // folders may have appeared; context meta dirs are replaced on `docker context create`
      this.touched?.();
      const now = this.current();
      if (now !== this.last) {
        this.last = now;
        this.changed();
      }
    }, this.debounceMs);
  }

  /** The host was re-resolved elsewhere (setting changed, Retry): take it as the new baseline. */
  rebase(): void {
    this.last = this.current();
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    for (const w of this.watchers.splice(0)) w.close();
  }
}
