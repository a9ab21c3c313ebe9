// The Dockerfile of one build, read once and parsed once with the editor's parser
// (src/dockerfile/parser.ts): its instructions with ranges and stages, the ARGs the form
// offers, the secret and ssh mounts of its RUN steps, and the images its FROM lines pull.
// Everything the build needs from the Dockerfile comes from here. Pure (no vscode).
import * as path from 'node:path';
import type { Dockerfile } from '../dockerfile/parser';
import { positionAt } from '../dockerfile/parser';
import { analyzeText, expandVariables, globalArgValues, keyValues } from '../dockerfile/model';

export interface LineRange {
  /** Zero-based, as in VS Code. */
  startLine: number;
  startCharacter: number;
  endLine: number;
  endCharacter: number;
}

export interface InstructionInfo {
  /** Upper-case keyword: RUN, COPY, … */
  keyword: string;
  range: LineRange;
  /** Index in BuildInput.stages of the stage it belongs to (its FROM included); undefined before the first FROM. */
  stage?: number;
  /** The instruction on one line as BuildKit names it: continuations joined, comment lines left out, blanks collapsed. */
  text: string;
}

export interface StageInfo {
  /** The AS name, lower-cased (stage names are case-insensitive). */
  name?: string;
  /** The FROM image as written (variables not expanded). */
  image: string;
}

export interface BuildArgInfo {
  name: string;
  /** The default given in the Dockerfile, if any. */
  defaultValue?: string;
  /** True for ARGs before the first FROM (usable in FROM lines). */
  global: boolean;
}

export interface SecretMount {
  id: string;
  required: boolean;
  /** Zero-based line of the RUN instruction. */
  line: number;
}

export interface BuildKitMounts {
  secrets: SecretMount[];
  /** ssh ids (`default` when none is given). */
  ssh: string[];
}

export interface BuildInput {
  readonly text: string;
  /** In document order, which is the classic builder's step order. */
  readonly instructions: readonly InstructionInfo[];
  readonly stages: readonly StageInfo[];
  /** ARGs, first declaration of each name. */
  readonly args: readonly BuildArgInfo[];
  /** What the RUN steps mount from the client (`--mount=type=secret`, `--mount=type=ssh`). */
  readonly mounts: BuildKitMounts;
  /**
   * The images the FROM lines pull, global ARGs expanded (a build arg over the ARG's default);
   * earlier stages used as images and `scratch` are left out; each once, in order.
   */
  fromImages(buildArgs?: Readonly<Record<string, string>>): string[];
}

export function readBuildInput(text: string): BuildInput {
  const model = analyzeText(text);
  const { df } = model;
  const range = (from: number, to: number): LineRange => {
    const s = positionAt(df.lineStarts, from);
    const e = positionAt(df.lineStarts, to);
    return { startLine: s.line, startCharacter: s.character, endLine: e.line, endCharacter: e.character };
  };
  const stageOf = new Map(model.stages.flatMap((s) => [s.from, ...s.instructions].map((i) => [i, s.index] as const)));
  const instructions: InstructionInfo[] = df.instructions.map((i) => ({
    keyword: i.keyword,
    range: range(i.start, i.end),
    stage: stageOf.get(i),
    text: i.logical.replace(/\s+/g, ' ').trim(),
  }));
  const stages: StageInfo[] = model.stages.map((s) => ({ name: s.name, image: s.image?.value ?? '' }));
  const firstFrom = model.stages[0]?.from.start ?? Number.MAX_SAFE_INTEGER;
  const seen = new Set<string>();
  const args: BuildArgInfo[] = [];
  for (const i of df.instructions) {
    if (i.keyword !== 'ARG') continue;
    for (const kv of keyValues(i, df.escape)) {
      if (!kv.name || seen.has(kv.name)) continue;
      seen.add(kv.name);
      args.push({ name: kv.name, defaultValue: kv.value ?? undefined, global: i.start < firstFrom });
    }
  }
  const fromImages = (buildArgs: Readonly<Record<string, string>> = {}): string[] => {
    const vars = globalArgValues(model, buildArgs);
    const earlier = new Set<string>();
    const images = new Set<string>();
    for (const s of model.stages) {
      const image = s.image ? expandVariables(s.image.value, vars) : '';
      const lower = image.toLowerCase();
      if (image && lower !== 'scratch' && !earlier.has(lower)) images.add(image);
      if (s.name) earlier.add(s.name);
    }
    return [...images];
  };
  return { text, instructions, stages, args, mounts: mountsOf(df), fromImages };
}

const TRUE = new Set(['1', 't', 'true']);

/** The secret and ssh mounts of the RUN steps, from their `--mount` flags (in any order, quoted or not). */
function mountsOf(df: Dockerfile): BuildKitMounts {
  const secrets = new Map<string, SecretMount>();
  const ssh = new Set<string>();
  for (const ins of df.instructions) {
    if (ins.keyword !== 'RUN') continue;
    for (const flag of ins.flags) {
      if (flag.name !== 'mount') continue;
      const o = new Map(flag.options().map((x) => [x.key.toLowerCase(), x.value]));
      const type = o.get('type');
      if (type === 'secret') {
        const target = o.get('target') || o.get('dst') || o.get('destination');
        const id = o.get('id') || (target ? path.posix.basename(target) : '');
        // A bare `required` is true, like `required=true`.
        const required = o.has('required') && (o.get('required') === null || TRUE.has(o.get('required')!.toLowerCase()));
        if (id && !secrets.has(id)) secrets.set(id, { id, required, line: ins.startLine });
      } else if (type === 'ssh') {
        ssh.add(o.get('id') || 'default');
      }
    }
  }
  return { secrets: [...secrets.values()], ssh: [...ssh] };
}

/**
 * The instruction a classic-builder step refers to. The builder numbers every instruction in
 * document order (global ARGs, then each stage's FROM and commands), so "Step N/M" is the
 * Nth instruction. When the step's text names a different keyword (a Dockerfile edited since),
 * the nearest instruction with that keyword is taken.
 */
export function instructionForStep(input: BuildInput, step: number, stepText?: string): InstructionInfo | undefined {
  const byIndex = input.instructions[step - 1];
  const keyword = stepText ? /^\s*(\w+)/.exec(stepText)?.[1]?.toUpperCase() : undefined;
  if (!keyword || !byIndex || byIndex.keyword === keyword) return byIndex;
  let best: InstructionInfo | undefined;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  input.instructions.forEach((ins, ix) => {
    if (ins.keyword !== keyword) return;
    const d = Math.abs(ix - (step - 1));
    if (d < bestDistance) { best = ins; bestDistance = d; }
  });
  return best ?? byIndex;
}

/** The instruction on a (zero-based) line, e.g. for "Dockerfile parse error line 3". */
export function instructionAtLine(input: BuildInput, line: number): InstructionInfo | undefined {
  return input.instructions.find((i) => i.range.startLine <= line && line <= i.range.endLine);
}

/** Where a Dockerfile syntax error belongs: "dockerfile parse error line 3: …", "Dockerfile:3" (the instruction there, else the line). */
export function parseErrorRange(input: BuildInput, message: string): LineRange | undefined {
  const m = /(?:parse error (?:on )?line|Dockerfile:)\s*(\d+)/i.exec(message);
  if (!m) return undefined;
  const line = Number(m[1]) - 1;
  return instructionAtLine(input, line)?.range ?? { startLine: line, startCharacter: 0, endLine: line, endCharacter: Number.MAX_SAFE_INTEGER };
}
