// Compose files: which names are compose files, their services, and YAML errors with
// positions. Pure (no vscode).
import * as path from 'node:path';
import { isMap, isScalar, parseDocument } from 'yaml';
import { l10n } from '../shared/l10n';

/** compose.yaml, compose.yml, docker-compose.yml/.yaml, docker-compose.*.yml, compose.*.yaml. */
export function isComposeFileName(file: string): boolean {
  return /^(docker-)?compose(\.[\w.-]+)?\.ya?ml$/i.test(path.basename(file));
}

export const COMPOSE_GLOB = '**/{compose.yaml,compose.yml,compose.*.yaml,compose.*.yml,docker-compose.yml,docker-compose.yaml,docker-compose.*.yml,docker-compose.*.yaml}';

export interface ComposeProblem {
  message: string;
  /** Zero-based. */
  line: number;
  character: number;
  endLine: number;
  endCharacter: number;
  severity: 'error' | 'warning';
}

export interface ComposeFileInfo {
  services: string[];
  problems: ComposeProblem[];
}

export function parseComposeFile(text: string): ComposeFileInfo {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  const problems: ComposeProblem[] = [];
  const at = (pos: [number, number] | undefined, len: number) => {
    const [start, end] = pos ?? [0, len];
    const s = lineCol(text, start);
    const e = lineCol(text, Math.max(end, start + 1));
    return { line: s.line, character: s.character, endLine: e.line, endCharacter: e.character };
  };
  for (const e of doc.errors) problems.push({ message: firstLine(e.message), ...at(e.pos, 1), severity: 'error' });
  for (const w of doc.warnings) problems.push({ message: firstLine(w.message), ...at(w.pos, 1), severity: 'warning' });
  const services: string[] = [];
  if (!doc.errors.length) {
    const root = doc.contents;
    if (root !== null && root !== undefined && !isMap(root)) {
      problems.push({ message: l10n.t('A compose file is a mapping (services:, volumes:, …) at the top level.'), ...at(root.range ? [root.range[0], root.range[1]] : undefined, 1), severity: 'error' });
    } else if (isMap(root)) {
      const svc = root.get('services', true);
      if (svc !== undefined && svc !== null && !isMap(svc) && !(isScalar(svc) && svc.value === null)) {
        const r = (svc as { range?: [number, number, number] }).range;
        problems.push({ message: l10n.t('"services" must be a mapping of service names to their definitions.'), ...at(r ? [r[0], r[1]] : undefined, 1), severity: 'error' });
      } else if (isMap(svc)) {
        for (const item of svc.items) {
          const key = isScalar(item.key) ? item.key.value : item.key;
          if (typeof key === 'string' || typeof key === 'number') services.push(String(key));
        }
      }
    }
  }
  return { services, problems };
}

function firstLine(message: string): string {
  // prettyErrors appends the source line and a caret: keep the sentence.
  return message.split('\n')[0].trim();
}

function lineCol(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let last = -1;
  const end = Math.min(offset, text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) { line++; last = i; }
  }
  return { line, character: end - last - 1 };
}
