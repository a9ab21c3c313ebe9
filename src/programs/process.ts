// Runs a program (the compose or docker CLI) as a child process (a program and its argument list, never a shell
// line) and hands its output over as terminal text. Used instead of a terminal that starts the
// program itself, which VS Code closes the moment the program ends: the output of Up or Down
// would vanish with it. No vscode.
import { execFile, spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';
import { l10n } from '../shared/l10n';

/** Output as a terminal wants it: every line break a CR LF (a lone LF only moves down). */
export function toTerminalText(chunk: string): string {
  return chunk.replace(/\r?\n/g, '\r\n');
}

/** The last line of a finished run, without the terminal's "press any key" part. */
export function exitSummary(label: string, code: number | null, signal: NodeJS.Signals | null): string {
  if (code === 0) return l10n.t('{0} finished', label);
  if (code !== null) return l10n.t('{0} failed with exit code {1}', label, code);
  return signal ? l10n.t('{0} stopped ({1})', label, signal) : l10n.t('{0} ended', label);
}

export interface RunningProgram {
  /** Asks the program to stop (SIGINT, like Ctrl+C in a shell; SIGKILL when asked twice). */
  stop(): void;
  readonly done: Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: string }>;
}

export function runProgram(bin: string, args: string[], opts: { cwd?: string; env: NodeJS.ProcessEnv }, onOutput: (text: string) => void): RunningProgram {
  const child = spawn(bin, args, { cwd: opts.cwd, env: opts.env, stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
  // One decoder per pipe: a character split between two chunks comes out whole.
  const pipe = (stream: NodeJS.ReadableStream) => {
    const decoder = new StringDecoder('utf8');
    stream.on('data', (d: Buffer) => { const text = decoder.write(d); if (text) onOutput(toTerminalText(text)); });
    stream.on('end', () => { const rest = decoder.end(); if (rest) onOutput(toTerminalText(rest)); });
  };
  pipe(child.stdout);
  pipe(child.stderr);
  let stops = 0;
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: string }>((resolve) => {
    child.on('error', (e) => resolve({ code: null, signal: null, error: e.message }));
    child.on('close', (code, signal) => resolve({ code, signal }));
  });
  return {
    stop: () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill(stops++ === 0 ? 'SIGINT' : 'SIGKILL');
    },
    done,
  };
}

/** Runs a program to completion for its output (a version probe): its exit code and stdout. */
export type Exec = (bin: string, args: string[], env: NodeJS.ProcessEnv) => Promise<{ code: number; stdout: string }>;

export const execProgram: Exec = (bin, args, env) => new Promise((resolve) => {
  execFile(bin, args, { env, timeout: 10000, windowsHide: true }, (err, stdout) => {
    const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 127) : 0;
    resolve({ code, stdout: String(stdout ?? '') });
  });
});
