// Runs the extension-host suites (every *.test.js bundled next to this file) with mocha,
// inside a real VS Code extension host.
//   collect(): used by the e2e runner extension in code-server; returns per-test results.
//   run():     the entry @vscode/test-electron calls (extensionTestsPath); throws on failure.
import Mocha from 'mocha';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SuiteResults, TestResult } from '../harness/results';

function errorText(err: unknown): string {
  if (err instanceof Error) return `${err.message}${err.stack ? `\n${err.stack.split('\n').slice(1, 6).join('\n')}` : ''}`;
  return String(err);
}

/** Runs the suites (only files whose name contains `files`, when given). */
export function collect(files?: string): Promise<SuiteResults> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).filter((n) => n.endsWith('.test.js') && (!files || n.includes(files))).sort()) mocha.addFile(path.join(__dirname, f));
  const tests: TestResult[] = [];
  const host = `${vscode.env.appName} ${vscode.version}`;
  return new Promise<SuiteResults>((resolve) => {
    let runner: Mocha.Runner;
    try {
      runner = mocha.run(() => resolve({ host, tests }));
    } catch (e) {
      resolve({ host, tests, error: errorText(e) });
      return;
    }
    runner.on('pass', (t) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'passed', durationMs: t.duration }));
    runner.on('fail', (t, err) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'failed', durationMs: t.duration, error: errorText(err) }));
    runner.on('pending', (t) => tests.push({ title: t.title, fullTitle: t.fullTitle(), state: 'pending' }));
  });
}

export async function run(): Promise<void> {
  const r = await collect();
  const failed = r.tests.filter((t) => t.state === 'failed');
  if (r.error) throw new Error(`extension-host suites did not run: ${r.error}`);
  if (failed.length) throw new Error(`${failed.length} extension-host test(s) failed: ${failed.map((t) => t.fullTitle).join('; ')}`);
}
