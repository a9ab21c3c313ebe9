// What the extension-host suites report back to the harness (written as JSON by the runner
// extension, read by scripts/e2e.mjs). No `vscode` import: both sides use it.

export type TestState = 'passed' | 'failed' | 'pending';

export interface TestResult {
  title: string;
  fullTitle: string;
  state: TestState;
  durationMs?: number;
  error?: string;
}

export interface SuiteResults {
  /** Where the suites ran: "code-server 1.100.3" or the desktop version. */
  host: string;
  tests: TestResult[];
  /** Set when the suites could not run at all (load error, crash). */
  error?: string;
}

/** Config the harness writes next to the runner extension (config.json). */
export interface RunnerConfig {
  /** Where to write SuiteResults (JSON). */
  resultsFile: string;
  /** Only suite files whose name contains this (scripts/e2e.mjs --suites <text>). */
  files?: string;
}

/**
 * A suite that makes the editor show a modal dialog (e.g. a language-model tool's confirmation)
 * asks the harness, which drives the browser, to answer it: it writes a DialogRequest to
 * dialogRequestFile(resultsFile); the harness waits for the dialog, writes its text to
 * dialogAnswerFile(resultsFile) and clicks the button.
 */
export interface DialogRequest {
  /** The button's label; several as "Continue|Yes" (the first the dialog has). */
  button: string;
}

export interface DialogAnswer {
  /** The dialog's text as the user saw it. */
  text?: string;
  /** The button pressed. */
  button?: string;
  /** Set when no dialog with that button appeared. */
  error?: string;
}

export const dialogRequestFile = (resultsFile: string): string => `${resultsFile}.dialog-request.json`;
export const dialogAnswerFile = (resultsFile: string): string => `${resultsFile}.dialog-answer.json`;
