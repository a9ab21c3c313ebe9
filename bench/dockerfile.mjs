// Dockerfile analysis and semantic tokens, side by side with dockerfile-utils and
// dockerfile-language-service on the same generated files. Runs alone (`node bench/dockerfile.mjs`,
// after `node scripts/build.mjs`) or from bench/run.mjs through run().
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.join(here, '..');
const require = createRequire(import.meta.url);

/** A realistic multi-stage Dockerfile of about `lines` lines; every RUN is distinct (no cache help). */
export function generate(lines) {
  const out = ['# syntax=docker/dockerfile:1', '# check=skip=InvalidDefinitionDescription', 'ARG BASE_IMAGE=debian:12', 'ARG APP_VERSION=1.0.0', ''];
  let i = 0;
  while (out.length < lines) {
    out.push(
      `FROM --platform=$BUILDPLATFORM \${BASE_IMAGE} AS build${i}`,
      'ARG APP_VERSION',
      `ENV APP_HOME=/srv/app${i} PATH=/srv/app${i}/bin:$PATH`,
      'WORKDIR $APP_HOME',
      `COPY --chown=1000:1000 --chmod=0644 package${i}.json ./`,
      `RUN --mount=type=cache,target=/var/cache/apt,sharing=locked apt-get update && \\`,
      `    apt-get install -y --no-install-recommends curl=7.88.${i} ca-certificates=2023${i} && \\`,
      '    rm -rf /var/lib/apt/lists/*',
      `RUN <<EOF`,
      `set -eux`,
      `echo "building ${i}" > /tmp/build-${i}.log`,
      `make -j4 VERSION=\${APP_VERSION} target${i}`,
      'EOF',
      `LABEL org.opencontainers.image.version="\${APP_VERSION}" stage="${i}"`,
      `EXPOSE ${8000 + (i % 1000)}/tcp`,
      `HEALTHCHECK --interval=30s --timeout=3s CMD ["curl", "-f", "http://localhost:${8000 + (i % 1000)}/"]`,
      'USER 1000:1000',
      `CMD ["node", "server${i}.js"]`,
      '',
    );
    i++;
  }
  return out.slice(0, lines).join('\n') + '\n';
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(fn, runs, warmup = 2, before = () => {}) {
  for (let i = 0; i < warmup; i++) { before(); fn(); }
  const xs = [];
  for (let i = 0; i < runs; i++) {
    before();
    const t = process.hrtime.bigint();
    fn();
    xs.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return Math.round(median(xs) * 100) / 100;
}

export async function run() {
  const lintJs = path.join(root, 'dist', 'lint.js');
  if (!existsSync(lintJs)) execFileSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  const dy = require(lintJs);
  const utils = require('dockerfile-utils');
  const { DockerfileLanguageServiceFactory } = require('dockerfile-language-service');
  const service = DockerfileLanguageServiceFactory.createLanguageService();

  const f2000 = generate(2000);
  const f8000 = generate(8000);
  const cold = () => dy.clearShellCache();
  const entries = [];

  // tokens first: measured on a quiet heap, before the analysis runs fill it
  const t2000 = time(() => dy.semanticTokens(dy.buildModel(dy.parse(f2000))), 21, 10);
  const s2000 = time(() => service.computeSemanticTokens(f2000), 3, 1);

  const a2000 = time(() => dy.analyze(f2000), 21, 10, cold);
  const u2000 = time(() => utils.validate(f2000), 7, 2);
  entries.push({ name: 'dockerfile-analysis-2000', dockyard_ms: a2000, baseline: 'dockerfile-utils', baseline_ms: u2000 });

  const a8000 = time(() => dy.analyze(f8000), 11, 4, cold);
  const u8000 = time(() => utils.validate(f8000), 3, 1);
  entries.push({ name: 'dockerfile-analysis-8000', dockyard_ms: a8000, baseline: 'dockerfile-utils', baseline_ms: u8000 });

  entries.push({ name: 'semantic-tokens-2000', dockyard_ms: t2000, baseline: 'dockerfile-language-service', baseline_ms: s2000 });

  // the lint CLI, as CI runs it (a process, node start-up included): a RUN continued over 80,000 lines,
  // and the 2,000-line file
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'dockyard-bench-'));
  try {
    const cont = path.join(tmp, 'continuations.Dockerfile');
    writeFileSync(cont, 'FROM debian:12\nRUN true' + ' \\\n  && echo x'.repeat(80000) + '\n');
    const cli = (file) => () => spawnSync(process.execPath, [lintJs, '--no-context', '--no-shellcheck', file], { stdio: 'ignore' });
    entries.push({ name: 'dockerfile-continuations-80000', dockyard_ms: time(cli(cont), 3, 1) });
    const big = path.join(tmp, 'big.Dockerfile');
    writeFileSync(big, f2000);
    entries.push({ name: 'dockerfile-cli-2000', dockyard_ms: time(cli(big), 5, 1) });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }

  // ShellCheck on the 2,000-line file's RUNs (about 200): cold (a process per script), then cached
  const sc = new dy.ShellChecker(process.env.SHELLCHECK || 'shellcheck');
  const model = dy.analyze(f2000).model;
  let t = process.hrtime.bigint();
  const coldResult = await sc.check(model);
  const coldMs = Number(process.hrtime.bigint() - t) / 1e6;
  if (coldResult === null) {
    console.log('shellcheck not found: the ShellCheck entries are left out');
  } else {
    t = process.hrtime.bigint();
    await sc.check(model);
    const warmMs = Number(process.hrtime.bigint() - t) / 1e6;
    entries.push({ name: 'shellcheck-2000-cold', dockyard_ms: Math.round(coldMs), note: `${sc.spawned} ShellCheck processes` });
    entries.push({ name: 'shellcheck-2000-cached', dockyard_ms: Math.round(warmMs * 100) / 100 });
  }
  return entries;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const entries = await run();
  for (const e of entries) console.log(`${e.name.padEnd(32)} ${String(e.dockyard_ms).padStart(9)} ms   ${e.baseline ? `${e.baseline} ${e.baseline_ms} ms` : ''}`);
  console.log(`analysis 8000/2000 ratio: ${(entries[1].dockyard_ms / entries[0].dockyard_ms).toFixed(2)} (linear: 4)`);
}
