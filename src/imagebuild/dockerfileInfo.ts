// What the build prompts and the failure mapping need from a Dockerfile: its instructions
// with ranges (in build-step order), named stages, and ARGs with defaults. Pure (no vscode);
// read with the same parser as the editor's analysis (src/dockerfile/parser.ts).
import { analyzeText, keyValues } from '../dockerfile/model';
import { positionAt } from '../dockerfile/parser';

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
}

export interface BuildArgInfo {
  name: string;
  /** The default given in the Dockerfile, if any. */
  defaultValue?: string;
  /** True for ARGs before the first FROM (usable in FROM lines). */
  global: boolean;
}

export interface DockerfileInfo {
  instructions: InstructionInfo[];
  /** Stage names in order (unnamed stages are left out). */
  stages: string[];
  /** Number of stages (FROM lines), named or not. */
  stageCount: number;
  /** ARGs, first declaration of each name. */
  args: BuildArgInfo[];
}

export function analyzeDockerfile(text: string): DockerfileInfo {
  const model = analyzeText(text);
  const { df } = model;
  const range = (from: number, to: number): LineRange => {
    const s = positionAt(df.lineStarts, from);
    const e = positionAt(df.lineStarts, to);
    return { startLine: s.line, startCharacter: s.character, endLine: e.line, endCharacter: e.character };
  };
  const instructions: InstructionInfo[] = df.instructions.map((i) => ({ keyword: i.keyword, range: range(i.start, i.end) }));
  const stages = model.stages.map((s) => s.name).filter((n): n is string => !!n);
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
  return { instructions, stages, stageCount: model.stages.length, args };
}

/**
 * The instruction a classic-builder step refers to. The builder numbers every instruction in
 * document order (global ARGs, then each stage's FROM and commands), so "Step N/M" is the
 * Nth instruction. When the step's text names a different keyword (a Dockerfile edited since),
 * the nearest instruction with that keyword is taken.
 */
export function instructionForStep(info: DockerfileInfo, step: number, stepText?: string): InstructionInfo | undefined {
  const byIndex = info.instructions[step - 1];
  const keyword = stepText ? /^\s*(\w+)/.exec(stepText)?.[1]?.toUpperCase() : undefined;
  if (!keyword || !byIndex || byIndex.keyword === keyword) return byIndex;
  let best: InstructionInfo | undefined;
  let bestDistance = Number.MAX_SAFE_INTEGER;
  info.instructions.forEach((ins, ix) => {
    if (ins.keyword !== keyword) return;
    const d = Math.abs(ix - (step - 1));
    if (d < bestDistance) { best = ins; bestDistance = d; }
  });
  return best ?? byIndex;
}

/** The instruction on a (zero-based) line, e.g. for "Dockerfile parse error line 3". */
export function instructionAtLine(info: DockerfileInfo, line: number): InstructionInfo | undefined {
  return info.instructions.find((i) => i.range.startLine <= line && line <= i.range.endLine);
}
