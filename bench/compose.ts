// Compose language: diagnostics (YAML, schema, references, ports, variables) for generated
// compose files, side by side with parsing alone (the yaml package's parseDocument, the floor).
// Runs alone (`node --import tsx bench/compose.ts`) or from bench/run.mjs through runComposeBench().
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { analyzeCompose } from '../src/compose/language/analyze';
import { complete } from '../src/compose/language/completion';

/** A compose file with `services` services (about 16 lines each) sharing anchors, networks and volumes. */
export function generate(services: number): string {
  const out = [
    'x-common: &common',
    '  restart: unless-stopped',
    '  logging:',
    '    driver: json-file',
    '    options: { max-size: "10m" }',
    'services:',
  ];
  for (let i = 0; i < services; i++) {
    out.push(
      `  svc${i}:`,
      '    <<: *common',
      `    image: "registry.example/app${i}:\${TAG:-latest}"`,
      '    environment:',
      `      NAME: svc${i}`,
      '      LEVEL: ${LOG_LEVEL:-info}',
      '    ports:',
      `      - "127.0.0.1:${10000 + i}:80"`,
      '    depends_on:',
      `      - svc${i === 0 ? 1 : i - 1}`,
      '    networks: [front, back]',
      '    volumes:',
      `      - data${i % 10}:/data`,
      '    healthcheck:',
      '      test: ["CMD", "true"]',
      '      interval: 30s',
    );
  }
  out.push('networks:', '  front: {}', '  back: {}', 'volumes:');
  for (let v = 0; v < 10; v++) out.push(`  data${v}: {}`);
  return `${out.join('\n')}\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn: () => void, runs: number, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const xs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return Math.round(median(xs) * 100) / 100;
}

/** Medians of two functions run in turns (a, b, a, b …), so a busy machine weighs on both alike. */
function timePair(a: () => void, b: () => void, runs: number, warmup = 3): [number, number] {
  for (let i = 0; i < warmup; i++) { a(); b(); }
  const xa: number[] = [];
  const xb: number[] = [];
  for (let i = 0; i < runs; i++) {
    for (const [fn, xs] of (i % 2 ? [[b, xb], [a, xa]] : [[a, xa], [b, xb]]) as [() => void, number[]][]) {
      const t = process.hrtime.bigint();
      fn();
      xs.push(Number(process.hrtime.bigint() - t) / 1e6);
    }
  }
  return [Math.round(median(xa) * 100) / 100, Math.round(median(xb) * 100) / 100];
}

const ms = (t: bigint) => Math.round(Number(process.hrtime.bigint() - t) / 1e4) / 100;

export async function runComposeBench(): Promise<{ name: string; dockyard_ms: number; baseline?: string; baseline_ms?: number }[]> {
  const env = { environment: { TAG: '1' } };
  // The first analysis of the session (the schema's validator is precompiled: no compile here)
  // beside the next one, of a file of the same shape.
  const first = generate(3);
  const next = generate(3).replace(/svc/g, 'app');
  const t0 = process.hrtime.bigint();
  analyzeCompose(first, env);
  const cold = ms(t0);
  const t1 = process.hrtime.bigint();
  analyzeCompose(next, env);
  const warm = ms(t1);

  const f500lines = generate(31); // ~500 lines
  const f500 = generate(500);
  const f2000 = generate(2000);
  const [a500lines, p500lines] = timePair(() => analyzeCompose(f500lines, env), () => parseDocument(f500lines), 41, 10);
  const [a500, p500] = timePair(() => analyzeCompose(f500, env), () => parseDocument(f500), 31, 5);
  const [a2000, p2000] = timePair(() => analyzeCompose(f2000, env), () => parseDocument(f2000), 5, 2);
  const model = analyzeCompose(f500, env).model;
  const at = f500.indexOf('      - svc1\n') + 8;
  const c500 = time(() => complete(f500, at, model), 21, 5);
  const entries = [
    { name: 'compose-first-analysis', dockyard_ms: cold, baseline: 'the next analysis', baseline_ms: warm },
    { name: 'compose-analysis-500-lines', dockyard_ms: a500lines, baseline: 'yaml parseDocument only', baseline_ms: p500lines },
    { name: 'compose-analysis-500-services', dockyard_ms: a500, baseline: 'yaml parseDocument only', baseline_ms: p500 },
    { name: 'compose-analysis-2000-services', dockyard_ms: a2000, baseline: 'yaml parseDocument only', baseline_ms: p2000 },
    { name: 'compose-completion-500-services', dockyard_ms: c500 },
  ];
  return entries;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  void runComposeBench().then((entries) => {
  for (const e of entries) console.log(`${e.name.padEnd(34)} ${String(e.dockyard_ms).padStart(9)} ms   ${e.baseline ?? ''} ${e.baseline_ms ?? ''}`);
  console.log(`2000/500 ratio: ${(entries[3].dockyard_ms / entries[2].dockyard_ms).toFixed(2)} (linear: 4)`);
  console.log(`lines: ${generate(31).split('\n').length} / ${generate(500).split('\n').length}`);
  });
}
