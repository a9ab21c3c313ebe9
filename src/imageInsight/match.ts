// Which Dockerfile instruction made which layer: the final stage's instructions matched to the
// image history from the end (instruction keyword and text). Pure.
import type { ImageLayer } from '../engine/imageLayersModel';
import { analyzeText } from '../dockerfile/model';

export interface DockerfileLine {
  keyword: string;
  text: string;
  /** Zero-based lines of the instruction. */
  startLine: number;
  endLine: number;
  /** False for instructions of earlier stages: they are not in the image. */
  inImage: boolean;
}

/** Every instruction but FROM, stage by stage; only the last stage's are in the image. */
export function dockerfileLines(text: string, target?: string): DockerfileLine[] {
  const model = analyzeText(text);
  let finalStage = model.stages.length - 1;
  if (target) {
    const t = model.stages.findIndex((s) => s.name?.toLowerCase() === target.toLowerCase());
    if (t >= 0) finalStage = t;
  }
  // A final stage built FROM an earlier stage carries that stage's instructions too.
  const inImage = new Set<number>();
  for (let s = model.stages[finalStage]; s; s = s.base!) { inImage.add(s.index); if (!s.base) break; }
  const out: DockerfileLine[] = [];
  for (const s of model.stages) {
    for (const ins of s.instructions) {
      if (ins.keyword === 'FROM') continue;
      out.push({ keyword: ins.keyword, text: ins.argsText, startLine: ins.startLine, endLine: ins.endLine, inImage: inImage.has(s.index) && s.index <= finalStage });
    }
  }
  return out;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').replace(/^\[\s*|\s*\]$/g, '').replace(/"/g, '').trim();

function keywordOf(layer: ImageLayer): string {
  return /^([A-Z]+)\b/.exec(layer.instruction)?.[1] ?? '';
}

export interface LineMatch {
  line: DockerfileLine;
  layer: ImageLayer | undefined;
  /** The instruction text agrees with the history entry exactly (not only the keyword). */
  exact: boolean;
}

/**
 * Matches the instructions in the image (from the last) to history entries (from the last):
 * each instruction takes the latest earlier entry with its keyword. ARG and instructions the
 * builder records nowhere stay without a layer.
 */
export function matchLayers(lines: DockerfileLine[], layers: ImageLayer[]): LineMatch[] {
  const out: LineMatch[] = lines.map((line) => ({ line, layer: undefined, exact: false }));
  let j = layers.length - 1;
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i];
    if (!line.inImage) continue;
    for (let k = j; k >= 0; k--) {
      if (keywordOf(layers[k]) !== line.keyword) continue;
      const rest = layers[k].instruction.slice(line.keyword.length);
      out[i].layer = layers[k];
      out[i].exact = norm(rest) === norm(line.text);
      j = k - 1;
      break;
    }
  }
  return out;
}

/** Whether an image's history plausibly comes from this Dockerfile: every RUN matched exactly, at least one. */
export function historyMatches(matches: LineMatch[]): boolean {
  const runs = matches.filter((m) => m.line.inImage && (m.line.keyword === 'RUN'));
  const files = matches.filter((m) => m.line.inImage && ['RUN', 'COPY', 'ADD'].includes(m.line.keyword));
  return files.length > 0 && files.every((m) => m.layer) && runs.every((m) => m.exact);
}
