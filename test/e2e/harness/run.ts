// The browser half of the e2e tier, called by scripts/e2e.mjs once code-server is up:
// opens one page (each connection gets its own extension host), collects the extension-host
// suites' results, checks the extension host's log, then runs the UI journeys in order.
import { chromium, type Browser, type Page } from 'playwright-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TestDocker, uniqueName } from './docker';
import type { EngineControl, Journey, JourneyContext } from './journey';
import { DialogAnswer, DialogRequest, dialogAnswerFile, dialogRequestFile, SuiteResults } from './results';
import { Workbench } from './workbench';

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage',
];

export interface E2eRunOptions {
  /** code-server URL that opens the workspace (…/?folder=…). */
  url: string;
  workspace: string;
  image: string;
  /** host:port of the tier's local registry (docker-registry on loopback). */
  registry: string;
  /** code-server's DOCKER_CONFIG: a folder of its own with the contexts e2e-blue and e2e-green. */
  dockerConfig: string;
  engine: EngineControl;
  /** Where the runner extension writes the suites' results. */
  suiteResultsFile: string;
  /** code-server's user-data dir (its logs are checked for activation errors). */
  userDataDir: string;
  /** Screenshots go here. */
  resultsDir: string;
  journeysDir: string;
  /** Only journeys whose name contains this (and no suites when it is set). */
  only?: string;
  /** The display language code-server was started with: runs the journeys of that locale only (no suites). */
  locale?: string;
  /** Only the extension-host suites (--suites): no journeys. */
  suitesOnly?: boolean;
  chromiumPath: string;
  /** Registers a cleanup the caller runs even when this never returns (global timeout). */
  onCleanup(fn: () => Promise<void>): void;
  log(message: string): void;
}

export interface E2eResult {
  kind: 'suite' | 'log' | 'journey';
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
  screenshots: string[];
}

async function withTimeout<T>(p: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms / 1000} s`)), ms); });
  try {
    return await Promise.race([p, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/**
 * The code-server runs needed: undefined (English: the suites and the journeys without a locale;
 * always there unless --only picks locale journeys alone), then each display language journeys ask for.
 */
export function journeyLocales(dir: string, only?: string): (string | undefined)[] {
  const journeys = loadJourneys(dir, only, null);
  const locales = [...new Set(journeys.map((j) => j.locale).filter((l): l is string => !!l))];
  return !only || journeys.some((j) => !j.locale) ? [undefined, ...locales] : locales;
}

function loadJourneys(dir: string, only?: string, locale?: string | null): Journey[] {
  const files = fs.readdirSync(dir).filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts')).sort();
  const out: Journey[] = [];
  for (const f of files) {
    // Loaded through tsx's CommonJS hook (scripts/e2e.mjs registers it).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, f)) as { default?: Journey };
    const j = mod.default;
    if (!j) throw new Error(`${f} has no default export of a Journey`);
    if ((!only || only.split(',').some((o) => j.name.includes(o.trim()))) && (locale === null || j.locale === locale)) out.push(j);
  }
  return out;
}

async function waitForSuiteResults(file: string, timeoutMs: number, wb: Workbench): Promise<SuiteResults> {
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the extension-host suites wrote no results within ${timeoutMs / 1000} s (is the runner extension installed?)`);
    await answerDialog(file, wb);
    await new Promise((r) => setTimeout(r, 250));
  }
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SuiteResults;
}

/** A suite asked for a dialog to be answered (see DialogRequest): read its text, click the button. */
async function answerDialog(resultsFile: string, wb: Workbench): Promise<void> {
  const requestFile = dialogRequestFile(resultsFile);
  if (!fs.existsSync(requestFile)) return;
  const request = JSON.parse(fs.readFileSync(requestFile, 'utf8')) as DialogRequest;
  fs.rmSync(requestFile);
  let answer: DialogAnswer;
  try {
    const text = await wb.waitForDialog(/\S/, { timeoutMs: 30_000 });
    const labels = request.button.split('|');
    const buttons = await wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').allInnerTexts();
    const label = labels.find((l) => buttons.some((b) => b.trim() === l));
    if (!label) throw new Error(`the dialog has the buttons ${buttons.join(', ')}, not ${labels.join(' or ')}`);
    await wb.confirm(label, { timeoutMs: 10_000 });
    answer = { text, button: label };
  } catch (e) {
    answer = { error: errorText(e) };
  }
  const tmp = `${dialogAnswerFile(resultsFile)}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(answer));
  fs.renameSync(tmp, dialogAnswerFile(resultsFile));
}

function logFiles(dir: string, match: (file: string) => boolean): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...logFiles(p, match));
    else if (match(p)) out.push(p);
  }
  return out;
}

/**
 * Errors from Dockyard's activation: the extension host's "Activating extension … failed"
 * and every [error] line in Dockyard's own log channels so far (a feature that failed to
 * register is logged there). Call it before the journeys, which cause errors on purpose.
 */
export function activationErrors(userDataDir: string): string[] {
  const logsDir = path.join(userDataDir, 'logs');
  const bad: string[] = [];
  for (const f of logFiles(logsDir, (p) => /exthost\.log$/i.test(p))) {
    const lines = fs.readFileSync(f, 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (/Activating extension '?dockyard\.dockyard'? failed/i.test(line)) bad.push([line, ...lines.slice(i + 1, i + 3)].join('\n'));
    });
  }
  for (const f of logFiles(logsDir, (p) => p.includes(`${path.sep}dockyard.dockyard${path.sep}`) && p.endsWith('.log'))) {
    for (const line of fs.readFileSync(f, 'utf8').split('\n')) if (/\[error\]/.test(line)) bad.push(`${path.basename(f)}: ${line}`);
  }
  return bad;
}

export async function runE2e(o: E2eRunOptions): Promise<E2eResult[]> {
  const results: E2eResult[] = [];
  fs.mkdirSync(o.resultsDir, { recursive: true });

  // The e2e engine is private to this tier: clear what an interrupted run may have left.
  const leftovers = new TestDocker(o.engine.host, o.image);
  await leftovers.cleanup();
  for (const prefix of ['dockyard-e2e', 'dockyard-suite']) await leftovers.removeTagsWithPrefix(prefix);

  // Signals are the harness's to handle (it stops code-server and the engine too), not Playwright's.
  const browser: Browser = await chromium.launch({
    executablePath: o.chromiumPath, args: CHROMIUM_ARGS, handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
  });
  o.onCleanup(() => browser.close().catch(() => undefined));
  try {
    const page: Page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (e) => o.log(`page error: ${e.message.split('\n')[0]}`));
    const wb = new Workbench(page);
    const t0 = Date.now();
    await page.goto(o.url);
    await wb.ready();
    o.log(`workbench loaded in ${Date.now() - t0} ms`);

    // 1. The extension-host suites (the runner extension starts them when the host is up).
    if (!o.only && !o.locale) {
      const s0 = Date.now();
      try {
        const suite = await waitForSuiteResults(o.suiteResultsFile, 180_000, wb);
        o.log(`extension-host suites ran in ${suite.host}`);
        if (suite.error) results.push({ kind: 'suite', name: 'extension-host suites load', ok: false, ms: Date.now() - s0, error: suite.error, screenshots: [] });
        for (const t of suite.tests) {
          if (t.state === 'pending') continue;
          results.push({ kind: 'suite', name: t.fullTitle, ok: t.state === 'passed', ms: t.durationMs ?? 0, error: t.error, screenshots: [] });
        }
      } catch (e) {
        results.push({ kind: 'suite', name: 'extension-host suites', ok: false, ms: Date.now() - s0, error: errorText(e), screenshots: [] });
      }
    }

    // 2. The logs so far: Dockyard activated without errors (before journeys cause some on purpose).
    if (!o.only && !o.locale) {
      const bad = activationErrors(o.userDataDir);
      results.push({ kind: 'log', name: 'Dockyard activated without errors in the logs', ok: bad.length === 0, ms: 0, error: bad.join('\n'), screenshots: [] });
    }

    // 3. The UI journeys, in file order, each with its own timeout and cleanup.
    if (o.suitesOnly) return results;
    await wb.openActivity('Dockyard', { timeoutMs: 60_000 });
    await wb.setSideBarWidth(560);
    await wb.clearNotifications();
    for (const j of o.suitesOnly ? [] : loadJourneys(o.journeysDir, o.only, o.locale)) {
      const docker = new TestDocker(o.engine.host, o.image);
      const shots: string[] = [];
      const ctx: JourneyContext = {
        page, wb, docker, engine: o.engine, registry: o.registry, dockerConfig: o.dockerConfig, workspace: o.workspace,
        unique: (prefix) => uniqueName(`dockyard-e2e-${prefix}`),
        screenshot: async (name) => {
          await wb.parkMouse(); // no hover tooltips over the tree
          const file = path.join(o.resultsDir, `e2e-${j.name}-${name}.png`);
          await page.screenshot({ path: file });
          shots.push(file);
          return file;
        },
        log: (m) => o.log(`  ${j.name}: ${m}`),
      };
      // Screenshots of this journey's earlier runs go (only this journey's: runs may overlap).
      for (const f of fs.readdirSync(o.resultsDir)) if (f.startsWith(`e2e-${j.name}-`) && f.endsWith('.png')) fs.rmSync(path.join(o.resultsDir, f), { force: true });
      const j0 = Date.now();
      let error: string | undefined;
      try {
        await withTimeout(j.run(ctx), j.timeoutMs ?? 60_000, `journey ${j.name}`);
      } catch (e) {
        error = errorText(e);
        await ctx.screenshot('FAILED').catch(() => undefined);
      }
      // Whatever happened, leave the engine up, no menus open, and nothing of ours behind.
      await wb.escape().catch(() => undefined);
      await o.engine.start().catch(() => undefined);
      await docker.cleanup().catch((e: unknown) => o.log(`  ${j.name}: cleanup failed: ${errorText(e)}`));
      results.push({ kind: 'journey', name: j.name, ok: !error, ms: Date.now() - j0, error, screenshots: shots });
      o.log(`${error ? 'FAIL' : 'ok  '} journey ${j.name} (${((Date.now() - j0) / 1000).toFixed(1)} s)${error ? `: ${error}` : ''}`);
    }

  } finally {
    await browser.close().catch(() => undefined);
  }
  return results;
}
