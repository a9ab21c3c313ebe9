// The one line splitter: bytes or text in arbitrary chunks → complete lines. Decodes UTF-8
// across chunk boundaries (a multi-byte character split between two chunks stays whole). Pure.
// Linear in the input: only each new chunk is searched, never the held tail again.
import { StringDecoder } from 'node:string_decoder';

export interface LineSplitterOptions {
  /**
   * Handle "\r" like a terminal does for progress bars (tqdm, curl, apt): text after a carriage
   * return replaces the line, so only its last state is kept ("\r\n" still ends a line normally).
   */
  carriageReturn?: boolean;
  /** A line longer than this many characters is cut into pieces of this size (bounded memory). */
  maxLine?: number;
}

/** The bound used for terminal output (logs, build): 256 Ki characters per line. */
export const MAX_TERMINAL_LINE = 256 * 1024;

export class LineSplitter {
  /** Pieces of the current (unterminated) line; joined only when the line ends. */
  private parts: string[] = [];
  private length = 0;
  /** A "\r" was seen and no text since: the next text replaces the line. */
  private crPending = false;
  private readonly decoder = new StringDecoder('utf8');
  private readonly cr: boolean;
  private readonly maxLine: number;

  constructor(opts: LineSplitterOptions = {}) {
    this.cr = opts.carriageReturn ?? false;
    this.maxLine = opts.maxLine ?? Infinity;
  }

  /** Complete lines (without their "\n"; a trailing "\r" is removed too). */
  push(chunk: Uint8Array | string): string[] {
    const text = typeof chunk === 'string' ? chunk : this.decoder.write(chunk);
    const out: string[] = [];
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      this.append(text.slice(start, nl < 0 ? text.length : nl), out);
      if (nl < 0) break;
      out.push(this.take(true));
      start = nl + 1;
    }
    return out;
  }

  /** What is left (an unterminated last line), or undefined. */
  flush(): string | undefined {
    this.append(this.decoder.end(), []);
    const rest = this.take(false);
    return rest ? rest : undefined;
  }

  /** Characters held waiting for the end of their line. */
  get buffered(): number {
    return this.length;
  }

  /** The current unterminated line as it stands (its last state with carriage returns). */
  peek(): string {
    return this.parts.join('');
  }

  private append(segment: string, out: string[]): void {
    if (!segment) return;
    if (this.cr) {
      const lastCr = segment.lastIndexOf('\r');
      if (lastCr >= 0) {
        const before = segment.slice(0, lastCr);
        const after = segment.slice(lastCr + 1);
        // Text between an earlier "\r" and this one replaced the line and was replaced again.
        const firstCr = segment.indexOf('\r');
        if (firstCr < lastCr) {
          const between = before.slice(before.lastIndexOf('\r') + 1);
          if (between) this.replace(between);
        } else if (before) this.add(before);
        if (after) this.replace(after);
        else this.crPending = true;
        this.cut(out);
        return;
      }
      if (this.crPending) { this.replace(segment); this.cut(out); return; }
    }
    this.add(segment);
    this.cut(out);
  }

  private add(s: string): void {
    if (this.crPending) { this.replace(s); return; }
    this.parts.push(s);
    this.length += s.length;
  }

  private replace(s: string): void {
    this.parts = [s];
    this.length = s.length;
    this.crPending = false;
  }

  /** Keeps the held line under maxLine by emitting full pieces. */
  private cut(out: string[]): void {
    if (this.length <= this.maxLine) return;
    let line = this.parts.join('');
    while (line.length > this.maxLine) {
      out.push(line.slice(0, this.maxLine));
      line = line.slice(this.maxLine);
    }
    this.parts = line ? [line] : [];
    this.length = line.length;
  }

  private take(newline: boolean): string {
    let line = this.parts.join('');
    this.parts = [];
    this.length = 0;
    this.crPending = false;
    if (newline && !this.cr && line.endsWith('\r')) line = line.slice(0, -1);
    return line;
  }
}
