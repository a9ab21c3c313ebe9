// Follows the classic builder's JSON messages ({stream}, {status}, {error, errorDetail},
// {aux: {ID}}): the current step, the output of that step, the image built, and where a
// failure belongs in the Dockerfile. Pure (no vscode).
import { BuildInput, instructionForStep, parseErrorRange } from './buildInput';
import type { BuildMessage } from '../engine/models';
import { LineSplitter, MAX_TERMINAL_LINE } from '../shared/lines';
import { l10n } from '../shared/l10n';
import { RED, RESET } from '../shared/ansi';
import { explainBuildError } from '../engine/build';
import type { BuildFailure, Step } from './job';

const STEP = /^Step (\d+)\/(\d+) : (.*)$/;
const MAX_STEP_LINES = 200;

export class BuildOutput {
  step: Step | undefined;
  imageId: string | undefined;
  readonly tags: string[] = [];
  error: string | undefined;
  /** Output lines of the current step (bounded). */
  private stepLines: string[] = [];
  /** Progress bars ("\r" without "\n") keep only the line's last state, linearly and bounded. */
  private readonly splitter = new LineSplitter({ carriageReturn: true, maxLine: MAX_TERMINAL_LINE });

  /** The engine refused the build before streaming (e.g. a Dockerfile parse error). */
  refused(message: string): void {
    this.error = explainBuildError(message.trim());
  }

  /** Takes one message; returns the text to show in a terminal (CRLF line ends). */
  add(m: BuildMessage): string {
    if (m.error || m.errorDetail?.message) {
      this.error = explainBuildError((m.errorDetail?.message ?? m.error ?? '').trim());
      return `\r\n${RED}${this.error.replace(/\r?\n/g, '\r\n')}${RESET}\r\n`;
    }
    if (m.aux?.ID) {
      this.imageId = m.aux.ID;
      return '';
    }
    if (typeof m.stream === 'string') {
      this.consume(m.stream);
      return m.stream.replace(/\r?\n/g, '\r\n');
    }
    if (typeof m.status === 'string') {
      // Pull progress while FROM fetches a base image.
      const line = [m.id, m.status, m.progress].filter(Boolean).join(' ');
      return `${line}\r\n`;
    }
    return '';
  }

  private consume(text: string): void {
    for (const line of this.splitter.push(text)) this.line(line);
  }

  private line(line: string): void {
    const s = STEP.exec(line);
    if (s) {
      this.step = { n: Number(s[1]), total: Number(s[2]), text: s[3].trim() };
      this.stepLines = [];
      return;
    }
    const built = /^Successfully built ([0-9a-f]{12,64})\s*$/.exec(line);
    if (built) { this.imageId ??= built[1]; return; }
    const tagged = /^Successfully tagged (\S+)\s*$/.exec(line);
    if (tagged) { this.tags.push(tagged[1]); return; }
    if (/^ ---> /.test(line) || /^Removing intermediate container /.test(line)) return;
    if (!line.trim()) return;
    this.stepLines.push(line);
    if (this.stepLines.length > MAX_STEP_LINES) this.stepLines.splice(0, this.stepLines.length - MAX_STEP_LINES);
  }

  /** The last lines the current step printed. */
  lastLines(n: number): string[] {
    const partial = this.splitter.peek();
    const all = partial.trim() ? [...this.stepLines, partial] : this.stepLines;
    return all.slice(-n);
  }

  /** Where the error belongs; undefined when the build did not fail. */
  failure(input: BuildInput | undefined, lines = 5): BuildFailure | undefined {
    if (this.error === undefined) return undefined;
    const message = this.error || l10n.t('The build failed.');
    const detail = [message, ...this.lastLines(lines).filter((l) => l.trim() && l.trim() !== message)].join('\n');
    if (!input) return { message, step: this.step, detail };
    const parsed = parseErrorRange(input, message);
    if (parsed) return { message, step: this.step, detail, range: parsed };
    if (this.step) return { message, step: this.step, detail, range: instructionForStep(input, this.step.n, this.step.text)?.range };
    return { message, detail };
  }
}
