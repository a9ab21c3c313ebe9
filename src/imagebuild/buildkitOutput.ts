// BuildKit progress as terminal text, like `buildx build --progress=plain` (#N headers, step
// output with its time offset, CACHED / DONE 1.2s / ERROR), the step count for the
// notification, the summary, and where a failed step or a BuildKit warning belongs in the
// Dockerfile. Pure (no vscode, no engine calls): it reads the BuildTrace the engine side fills.
import type { BuildTrace, StepState, TraceEvent, VertexWarning } from '../engine/buildkit/trace';
import { l10n } from '../shared/l10n';
import { formatBytes } from '../shared/format';
import { BuildInput, InstructionInfo, parseErrorRange } from './buildInput';
import type { BuildFailure, BuildWarning } from './job';
import { DIM, GREEN, RED, RESET, YELLOW } from '../shared/ansi';

const BLUE = '\x1b[34m';

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** `[stage-0 2/5] RUN make` → its parts; undefined for internal vertexes. */
export function parseVertexName(name: string): { stage?: string; n: number; total: number; text: string } | undefined {
  const m = /^\[([^\]]*?)\s*(\d+)\/(\d+)\]\s+(.*)$/s.exec(name);
  if (!m) return undefined;
  const prefix = m[1].trim().split(/\s+/).filter(Boolean);
  // A platform ("linux/amd64") may come first; the stage is the last word.
  const stage = prefix.length ? prefix[prefix.length - 1] : undefined;
  return { stage: stage && !stage.includes('/') ? stage : undefined, n: Number(m[2]), total: Number(m[3]), text: m[4].trim() };
}

/** Instructions BuildKit numbers in `[stage N/M]` (the others make no vertex). */
const NUMBERED = new Set(['FROM', 'RUN', 'COPY', 'ADD', 'WORKDIR']);

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

/**
 * The instruction a vertex named `[stage N/M] TEXT` came from: the stage by name (or
 * `stage-i`), then the Nth numbered instruction of that stage when its keyword agrees, else
 * the instruction of that stage with the same keyword whose text is closest.
 */
export function instructionForVertex(input: BuildInput, vertexName: string): InstructionInfo | undefined {
  const v = parseVertexName(vertexName);
  if (!v || !input.stages.length) return undefined;
  const wanted = v.stage?.toLowerCase();
  let index = input.stages.length - 1;
  const named = wanted ? input.stages.findIndex((s) => s.name === wanted) : -1;
  if (named >= 0) index = named;
  else if (wanted && /^stage-(\d+)$/.test(wanted) && Number(wanted.slice(6)) < input.stages.length) index = Number(wanted.slice(6));
  const stage = input.instructions.filter((i) => i.stage === index);
  const keyword = /^\s*(\w+)/.exec(v.text)?.[1]?.toUpperCase();
  // A stage built FROM another stage has no FROM step of its own: use the numbering whose
  // count agrees with BuildKit's total.
  const withFrom = stage.filter((i) => NUMBERED.has(i.keyword));
  const withoutFrom = withFrom.filter((i) => i.keyword !== 'FROM');
  const numbered = withFrom.length !== v.total && withoutFrom.length === v.total ? withoutFrom : withFrom;
  const byIndex = numbered[v.n - 1];
  const target = normalise(v.text);
  const exact = stage.find((i) => i.text === target);
  if (exact) return exact;
  if (byIndex && (!keyword || byIndex.keyword === keyword)) return byIndex;
  const same = stage.filter((i) => i.keyword === keyword);
  if (!same.length) return byIndex;
  // Closest by position among the same keyword.
  const want = byIndex ? numbered.indexOf(byIndex) : v.n - 1;
  return same.sort((a, b) => Math.abs(numbered.indexOf(a) - want) - Math.abs(numbered.indexOf(b) - want))[0];
}

/** The check name in a BuildKit documentation link (…/rule/json-args-recommended/ → JSONArgsRecommended is not derivable; keep the slug). */
function codeFromUrl(url: string): string | undefined {
  const m = /\/rule\/([a-z0-9-]+)\/?$/i.exec(url);
  return m ? m[1] : undefined;
}

const STATUS_EVERY_MS = 2000;

export class BuildKitOutput {
  private last: StepState | undefined;
  /** When each running status (a layer download) was last shown. */
  private readonly statusShown = new Map<string, number>();
  private readonly printed = new Set<string>();
  error: string | undefined;
  imageId: string | undefined;

  constructor(readonly trace: BuildTrace) {}

  /** Terminal text (CRLF) for trace events, in the style of buildx's plain progress. */
  render(events: TraceEvent[]): string {
    let out = '';
    const header = (s: StepState) => {
      if (this.last === s) return;
      out += '\r\n';
      this.last = s;
      if (!this.printed.has(s.digest)) {
        this.printed.add(s.digest);
        out += `${BLUE}#${s.n}${RESET} ${s.name}\r\n`;
      }
    };
    for (const e of events) {
      switch (e.type) {
        case 'started':
          header(e.step);
          break;
        case 'log':
          header(e.step);
          out += `${BLUE}#${e.step.n}${RESET} ${DIM}${(e.at / 1000).toFixed(3)}${RESET} ${e.line}\r\n`;
          break;
        case 'status': {
          const st = e.status;
          if (st.completed !== undefined) {
            header(e.step);
            const took = st.started !== undefined ? ` ${seconds(st.completed - st.started)}` : '';
            out += `${BLUE}#${e.step.n}${RESET} ${st.name || st.id}${took} done\r\n`;
            this.statusShown.delete(st.id);
          } else if (st.total > 0 && st.timestamp !== undefined) {
            // A long transfer (a base image being pulled): its progress at most every 2 s.
            const last = this.statusShown.get(st.id);
            if (last === undefined || st.timestamp - last >= STATUS_EVERY_MS) {
              this.statusShown.set(st.id, st.timestamp);
              if (last !== undefined) {
                header(e.step);
                out += `${BLUE}#${e.step.n}${RESET} ${st.name || st.id} ${DIM}${formatBytes(st.current)} / ${formatBytes(st.total)}${RESET}\r\n`;
              }
            }
          }
          break;
        }
        case 'completed': {
          header(e.step);
          const s = e.step;
          if (s.error) out += `${BLUE}#${s.n}${RESET} ${RED}ERROR: ${s.error.replace(/\r?\n/g, '\r\n')}${RESET}\r\n`;
          else if (s.cached) out += `${BLUE}#${s.n}${RESET} ${DIM}CACHED${RESET}\r\n`;
          else out += `${BLUE}#${s.n}${RESET} ${GREEN}DONE${RESET} ${seconds(Math.max(0, (s.completed ?? 0) - (s.started ?? s.completed ?? 0)))}\r\n`;
          break;
        }
        case 'warning': {
          out += `\r\n${YELLOW}WARNING: ${e.warning.short}${RESET}\r\n`;
          for (const d of e.warning.detail) out += `${YELLOW}  ${d}${RESET}\r\n`;
          if (e.warning.url) out += `${DIM}  ${e.warning.url}${RESET}\r\n`;
          this.last = undefined;
          break;
        }
      }
    }
    return out;
  }

  /** The engine's final error line. */
  renderError(message: string): string {
    this.error = message;
    return `\r\n${RED}ERROR: ${message.replace(/\r?\n/g, '\r\n')}${RESET}\r\n`;
  }

  /** "Building (7/9): [stage-0 3/5] RUN make" for the notification. */
  progress(): { done: number; total: number; current?: string } {
    const { done, total } = this.trace.counts();
    const running = this.trace.ordered.filter((s) => s.started !== undefined && s.completed === undefined && !s.cached);
    const current = running.length ? running[running.length - 1].name : undefined;
    return { done, total, current };
  }

  /** "9 steps, 3 cached" */
  summary(): string {
    const { total, cached } = this.trace.counts();
    return total === 1 ? l10n.t('1 step, {0} cached', cached) : l10n.t('{0} steps, {1} cached', total, cached);
  }

  /** Where the failure belongs; undefined when the build did not fail. */
  failure(input: BuildInput | undefined, lines = 5): BuildFailure | undefined {
    const failed = this.trace.failed();
    if (this.error === undefined && !failed) return undefined;
    const message = (this.error || failed?.error || l10n.t('The build failed.')).trim();
    const output = failed ? this.trace.lastLines(failed, lines) : [];
    const detail = [message, ...output.filter((l) => l.trim() !== message)].join('\n');
    const parsed = failed ? parseVertexName(failed.name) : undefined;
    const step = parsed ? { n: parsed.n, total: parsed.total, text: parsed.text } : undefined;
    if (!input) return { message, step, detail };
    const range = parseErrorRange(input, message) ?? (failed ? instructionForVertex(input, failed.name)?.range : undefined);
    return { message, step, detail, range };
  }

  /** BuildKit's warnings (build checks) with the Dockerfile lines they name. */
  warnings(input: BuildInput | undefined): BuildWarning[] {
    return this.trace.warnings.map((w: VertexWarning) => {
      const message = [w.short, ...w.detail].filter(Boolean).join('\n');
      const code = w.url ? codeFromUrl(w.url) : undefined;
      const r = w.ranges[0];
      if (r && r.startLine > 0) {
        return { message, code, url: w.url || undefined, range: { startLine: r.startLine - 1, startCharacter: r.startCharacter, endLine: r.endLine - 1, endCharacter: r.endCharacter || Number.MAX_SAFE_INTEGER } };
      }
      const step = w.vertex ? this.trace.steps.get(w.vertex) : undefined;
      const ins = step && input ? instructionForVertex(input, step.name) : undefined;
      return { message, code, url: w.url || undefined, range: ins?.range };
    });
  }
}
