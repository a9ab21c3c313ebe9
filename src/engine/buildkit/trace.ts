// BuildKit's progress over the Engine API: `{"id":"moby.buildkit.trace","aux":"<base64>"}`
// lines carry a moby.buildkit.v1.StatusResponse (vertexes, statuses, logs, warnings). This
// decodes them and folds them into a model of the build (one entry per vertex, numbered in
// order of appearance like `buildx --progress=plain`'s #N). Pure: no vscode, no I/O.
import { Field, fields, str } from './protobuf';
import { LineSplitter } from '../../shared/lines';

export interface Vertex {
  digest: string;
  inputs: string[];
  name: string;
  cached: boolean;
  /** Milliseconds since the epoch. */
  started?: number;
  completed?: number;
  error?: string;
}

export interface VertexStatus {
  id: string;
  vertex: string;
  name: string;
  current: number;
  total: number;
  /** When this update was made (ms). */
  timestamp?: number;
  started?: number;
  completed?: number;
}

export interface VertexLog {
  vertex: string;
  /** 1 stdout, 2 stderr. */
  stream: number;
  timestamp?: number;
  msg: Uint8Array;
}

export interface SourceRange {
  /** 1-based, as BuildKit sends them. */
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface VertexWarning {
  vertex: string;
  level: number;
  short: string;
  detail: string[];
  url: string;
  filename?: string;
  ranges: SourceRange[];
}

export interface StatusResponse {
  vertexes: Vertex[];
  statuses: VertexStatus[];
  logs: VertexLog[];
  warnings: VertexWarning[];
}

function timestamp(buf: Uint8Array): number {
  let seconds = 0;
  let nanos = 0;
  for (const f of fields(buf)) {
    if (f.no === 1) seconds = f.int;
    else if (f.no === 2) nanos = f.int;
  }
  return seconds * 1000 + Math.floor(nanos / 1e6);
}

function vertex(buf: Uint8Array): Vertex {
  const v: Vertex = { digest: '', inputs: [], name: '', cached: false };
  for (const f of fields(buf)) {
    switch (f.no) {
      case 1: v.digest = str(f); break;
      case 2: v.inputs.push(str(f)); break;
      case 3: v.name = str(f); break;
      case 4: v.cached = f.int !== 0; break;
      case 5: v.started = timestamp(f.bytes); break;
      case 6: v.completed = timestamp(f.bytes); break;
      case 7: v.error = str(f) || undefined; break;
    }
  }
  return v;
}

function vertexStatus(buf: Uint8Array): VertexStatus {
  const s: VertexStatus = { id: '', vertex: '', name: '', current: 0, total: 0 };
  for (const f of fields(buf)) {
    switch (f.no) {
      case 1: s.id = str(f); break;
      case 2: s.vertex = str(f); break;
      case 3: s.name = str(f); break;
      case 4: s.current = f.int; break;
      case 5: s.total = f.int; break;
      case 6: s.timestamp = timestamp(f.bytes); break;
      case 7: s.started = timestamp(f.bytes); break;
      case 8: s.completed = timestamp(f.bytes); break;
    }
  }
  return s;
}

function vertexLog(buf: Uint8Array): VertexLog {
  const l: VertexLog = { vertex: '', stream: 1, msg: new Uint8Array(0) };
  for (const f of fields(buf)) {
    switch (f.no) {
      case 1: l.vertex = str(f); break;
      case 2: l.timestamp = timestamp(f.bytes); break;
      case 3: l.stream = f.int; break;
      case 4: l.msg = f.bytes; break;
    }
  }
  return l;
}

function position(buf: Uint8Array): { line: number; character: number } {
  const p = { line: 0, character: 0 };
  for (const f of fields(buf)) {
    if (f.no === 1) p.line = f.int;
    else if (f.no === 2) p.character = f.int;
  }
  return p;
}

function range(buf: Uint8Array): SourceRange {
  let start = { line: 0, character: 0 };
  let end = { line: 0, character: 0 };
  for (const f of fields(buf)) {
    if (f.no === 1) start = position(f.bytes);
    else if (f.no === 2) end = position(f.bytes);
  }
  return { startLine: start.line, startCharacter: start.character, endLine: end.line || start.line, endCharacter: end.character };
}

function vertexWarning(buf: Uint8Array): VertexWarning {
  const w: VertexWarning = { vertex: '', level: 0, short: '', detail: [], url: '', ranges: [] };
  for (const f of fields(buf)) {
    switch (f.no) {
      case 1: w.vertex = str(f); break;
      case 2: w.level = f.int; break;
      case 3: w.short = str(f); break;
      case 4: w.detail.push(str(f)); break;
      case 5: w.url = str(f); break;
      case 6: for (const g of fields(f.bytes)) if (g.no === 1) w.filename = str(g); break;
      case 7: w.ranges.push(range(f.bytes)); break;
    }
  }
  return w;
}

/** Decodes one StatusResponse (the bytes of a trace message's base64 aux). */
export function decodeStatus(buf: Uint8Array): StatusResponse {
  const r: StatusResponse = { vertexes: [], statuses: [], logs: [], warnings: [] };
  for (const f of fields(buf) as Iterable<Field>) {
    switch (f.no) {
      case 1: r.vertexes.push(vertex(f.bytes)); break;
      case 2: r.statuses.push(vertexStatus(f.bytes)); break;
      case 3: r.logs.push(vertexLog(f.bytes)); break;
      case 4: r.warnings.push(vertexWarning(f.bytes)); break;
    }
  }
  return r;
}

// ---- the model ------------------------------------------------------------------------------

export interface StepState extends Vertex {
  /** 1, 2, …: order of first appearance (buildx's #N). */
  n: number;
  /** Output lines (bounded to the last MAX_LOG_LINES). */
  lines: string[];
  statuses: Map<string, VertexStatus>;
}

export type TraceEvent =
  | { type: 'started'; step: StepState }
  | { type: 'log'; step: StepState; stream: number; line: string; at: number }
  | { type: 'status'; step: StepState; status: VertexStatus }
  | { type: 'completed'; step: StepState }
  | { type: 'warning'; step?: StepState; warning: VertexWarning };

const MAX_LOG_LINES = 200;

/** Folds StatusResponses into steps; each `apply` returns what changed, in order. */
export class BuildTrace {
  readonly steps = new Map<string, StepState>();
  readonly warnings: VertexWarning[] = [];
  /** Each vertex's and stream's output, split into lines (UTF-8 across log messages). */
  private readonly output = new Map<string, LineSplitter>();

  get ordered(): StepState[] {
    return [...this.steps.values()];
  }

  /** (done, total) like buildx's "(7/9)". */
  counts(): { done: number; total: number; cached: number } {
    let done = 0;
    let cached = 0;
    for (const s of this.steps.values()) {
      if (s.completed !== undefined || s.cached) done++;
      if (s.cached) cached++;
    }
    return { done, total: this.steps.size, cached };
  }

  /** The step that failed, if any. */
  failed(): StepState | undefined {
    return this.ordered.find((s) => s.error && !/context canceled/.test(s.error)) ?? this.ordered.find((s) => s.error);
  }

  private step(digest: string): StepState {
    let s = this.steps.get(digest);
    if (!s) {
      s = { digest, inputs: [], name: '', cached: false, n: this.steps.size + 1, lines: [], statuses: new Map() };
      this.steps.set(digest, s);
    }
    return s;
  }

  applyBase64(aux: string): TraceEvent[] {
    return this.apply(decodeStatus(Buffer.from(aux, 'base64')));
  }

  apply(r: StatusResponse): TraceEvent[] {
    const events: TraceEvent[] = [];
    for (const v of r.vertexes) {
      const s = this.step(v.digest);
      const wasStarted = s.started !== undefined || s.cached;
      const wasDone = s.completed !== undefined;
      s.name = v.name || s.name;
      s.inputs = v.inputs.length ? v.inputs : s.inputs;
      s.cached = v.cached || s.cached;
      if (v.started !== undefined) s.started = v.started;
      if (v.completed !== undefined) s.completed = v.completed;
      if (v.error) s.error = v.error;
      if (!wasStarted && (s.started !== undefined || s.cached)) events.push({ type: 'started', step: s });
      if (!wasDone && s.completed !== undefined) {
        events.push(...this.flush(s));
        events.push({ type: 'completed', step: s });
      }
    }
    for (const st of r.statuses) {
      const s = this.step(st.vertex);
      s.statuses.set(st.id, st);
      events.push({ type: 'status', step: s, status: st });
    }
    for (const l of r.logs) {
      const s = this.step(l.vertex);
      const key = `${l.vertex}\u0000${l.stream}`;
      let lines = this.output.get(key);
      if (!lines) this.output.set(key, lines = new LineSplitter());
      for (const line of lines.push(l.msg)) events.push(this.line(s, l.stream, line, l.timestamp));
    }
    for (const w of r.warnings) {
      this.warnings.push(w);
      events.push({ type: 'warning', step: w.vertex ? this.steps.get(w.vertex) : undefined, warning: w });
    }
    return events;
  }

  private line(s: StepState, stream: number, line: string, at?: number): TraceEvent {
    s.lines.push(line);
    if (s.lines.length > MAX_LOG_LINES * 2) s.lines.splice(0, s.lines.length - MAX_LOG_LINES);
    const base = s.started ?? at ?? 0;
    return { type: 'log', step: s, stream, line, at: at !== undefined ? Math.max(0, at - base) : 0 };
  }

  /** Lines still without their newline, when the step ends. */
  private flush(s: StepState): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (const stream of [1, 2]) {
      const key = `${s.digest}\u0000${stream}`;
      const rest = this.output.get(key)?.flush();
      if (rest) out.push(this.line(s, stream, rest, s.completed));
      this.output.delete(key);
    }
    return out;
  }

  /** The last n lines a step printed. */
  lastLines(s: StepState, n: number): string[] {
    return s.lines.filter((l) => l.trim()).slice(-n);
  }
}
