// The one line splitter: bytes or text in arbitrary chunks → complete lines. Decodes UTF-8
// across chunk boundaries (a multi-byte character split between two chunks stays whole). Pure.
import { StringDecoder } from 'node:string_decoder';

export class LineSplitter {
  private tail = '';
  private readonly decoder = new StringDecoder('utf8');

  /** Complete lines (without their "\n"; a trailing "\r" is removed too). */
  push(chunk: Buffer | string): string[] {
    const text = this.tail + (typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
    const parts = text.split('\n');
    this.tail = parts.pop() ?? '';
    return parts.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }

  /** What is left (an unterminated last line), or undefined. */
  flush(): string | undefined {
    const rest = this.tail + this.decoder.end();
    this.tail = '';
    return rest ? rest : undefined;
  }

  /** Characters held waiting for the end of their line. */
  get buffered(): number {
    return this.tail.length;
  }
}
