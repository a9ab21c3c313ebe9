// Local images from the connected engine, for Dockerfile and compose completion and hover (FROM,
// image:) and InvalidBaseImagePlatform: one cache, made in extension.ts and passed to both.
// Cached; invalidated by image events and connection changes (no polling).
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { ImageFacts, ImageSummary } from '../engine/models';
import { describeError } from '../shared/errors';

/** What completion needs of a local image. */
export type ImageInfo = Pick<ImageSummary, 'repoTags' | 'size' | 'created' | 'id'>;

function str(v: unknown): string { return typeof v === 'string' ? v : ''; }
function strs(v: unknown): string[] { return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []; }
function obj(v: unknown): Record<string, unknown> { return v && typeof v === 'object' ? v as Record<string, unknown> : {}; }

export class ImageCache implements vscode.Disposable {
  private list: ImageInfo[] | undefined;
  private pending: Promise<ImageInfo[]> | undefined;
  private readonly facts = new Map<string, ImageFacts | null>();
  private readonly factsPending = new Map<string, Promise<ImageFacts | undefined>>();
  private platform: string | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  private readonly subs: vscode.Disposable[] = [];
  /** Fires when cached knowledge changed (new facts arrived, or invalidation). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly ctx: Ctx) {
    this.subs.push(ctx.connection.onDidEvent((e) => { if (e.type === 'image') this.invalidate(); }));
    this.subs.push(ctx.connection.onDidChangeState(() => { this.invalidate(); this.platform = undefined; }));
  }

  private invalidate(): void {
    this.list = undefined;
    this.pending = undefined;
    if (this.facts.size) {
      this.facts.clear();
      this.changed.fire();
    }
  }

  private connected(): boolean {
    return this.ctx.connection.state.kind === 'connected';
  }

  /** The local images (empty when the engine is unreachable). */
  async images(): Promise<ImageInfo[]> {
    if (this.list) return this.list;
    if (!this.connected()) return [];
    this.pending ??= (async () => {
      try {
        const imgs = await this.ctx.connection.engine.listImages();
        const list = imgs.map((i) => ({ id: i.id, repoTags: i.repoTags, size: i.size, created: i.created }));
        this.list = list;
        return list;
      } catch (e) {
        this.ctx.log.debug(`Dockerfile image completion: ${describeError(e)}`);
        return [];
      } finally {
        this.pending = undefined;
      }
    })();
    return this.pending;
  }

  /** Facts known now (sync), or undefined. */
  cached(ref: string): ImageFacts | undefined {
    return this.facts.get(ref) ?? undefined;
  }

  /** Whether facts for ref were looked up already (found or not). */
  known(ref: string): boolean {
    return this.facts.has(ref);
  }

  async inspect(ref: string): Promise<ImageFacts | undefined> {
    if (this.facts.has(ref)) return this.facts.get(ref) ?? undefined;
    if (!this.connected()) return undefined;
    let p = this.factsPending.get(ref);
    if (!p) {
      p = (async () => {
        try {
          const j = await this.ctx.connection.engine.inspectImage(ref);
          const cfg = obj(j.Config);
          const f: ImageFacts = {
            id: str(j.Id),
            platform: [str(j.Os), str(j.Architecture), str(j.Variant)].filter(Boolean).join('/'),
            env: strs(cfg.Env).map((e) => e.split('=')[0]),
            size: typeof j.Size === 'number' ? j.Size : 0,
            created: Date.parse(str(j.Created)) || 0,
            user: str(cfg.User),
            workdir: str(cfg.WorkingDir),
            entrypoint: strs(cfg.Entrypoint),
            cmd: strs(cfg.Cmd),
            exposed: Object.keys(obj(cfg.ExposedPorts)),
          };
          this.facts.set(ref, f);
          this.changed.fire();
          return f;
        } catch {
          this.facts.set(ref, null);
          return undefined;
        } finally {
          this.factsPending.delete(ref);
        }
      })();
      this.factsPending.set(ref, p);
    }
    return p;
  }

  /** The engine's platform (what builds target by default). */
  defaultPlatform(): string | undefined {
    if (this.platform || !this.connected()) return this.platform;
    void this.ctx.connection.engine.version().then((v) => {
      const p = `${v.os}/${v.arch === 'x86_64' ? 'amd64' : v.arch === 'aarch64' ? 'arm64' : v.arch}`;
      if (p !== this.platform) { this.platform = p; this.changed.fire(); }
    }, () => undefined);
    return undefined;
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}
