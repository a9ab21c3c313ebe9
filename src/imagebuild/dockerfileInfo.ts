// What the build prompts and the failure mapping need from a Dockerfile: its instructions
// with ranges (in build-step order), named stages, and ARGs with defaults. Pure (no vscode);
// parses with dockerfile-ast.
import { Arg, DockerfileParser, From } from 'dockerfile-ast';

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
  const df = DockerfileParser.parse(text);
  const instructions: InstructionInfo[] = df.getInstructions().map((i) => {
    const r = i.getRange();
    return {
      keyword: i.getKeyword().toUpperCase(),
      range: { startLine: r.start.line, startCharacter: r.start.character, endLine: r.end.line, endCharacter: r.end.character },
    };
  });
  const froms = df.getInstructions().filter((i): i is From => i instanceof From);
  const stages = froms.map((f) => f.getBuildStage()).filter((s): s is string => !!s);
  const firstFromLine = froms.length ? froms[0].getRange().start.line : Number.MAX_SAFE_INTEGER;
  const seen = new Set<string>();
  const args: BuildArgInfo[] = [];
  for (const i of df.getInstructions()) {
    if (!(i instanceof Arg)) continue;
    const p = i.getProperty();
    if (!p) continue;
    const name = p.getName();
    if (!name || seen.has(name)) continue;
    seen.add(name);
    const value = p.getValue();
    args.push({ name, defaultValue: value ?? undefined, global: i.getRange().start.line < firstFromLine });
  }
  return { instructions, stages, stageCount: froms.length, args };
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
