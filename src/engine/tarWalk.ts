// A push-style tar reader for the hot path of image exports: it reads headers (ustar, pax
// `path`/`linkpath`/`size`, GNU long names) and hands each entry's content to a sink as
// sub-views of the chunks it was given, or skips it without copying. Nested tars (a layer
// inside an export) feed one walker into another. Synchronous and allocation-light. Pure.

export interface TarHeader {
  name: string;
  /** '0' file, '1' hard link, '2' symlink, '5' folder, … (the tar typeflag). */
  typeflag: string;
  size: number;
  mode: number;
  linkname: string;
}

export interface TarSink {
  data(chunk: Buffer): void;
  end(): void;
}

const BLOCK = 512;

function cstr(b: Buffer, start: number, len: number): string {
  let end = start;
  const max = start + len;
  while (end < max && b[end] !== 0) end++;
  return b.toString('utf8', start, end);
}

function num(b: Buffer, start: number, len: number): number {
  if (b[start] & 0x80) {
    // base-256 (GNU) for sizes over 8 GB
    let v = b[start] & 0x7f;
    for (let i = start + 1; i < start + len; i++) v = v * 256 + b[i];
    return v;
  }
  const s = cstr(b, start, len).trim();
  return s ? parseInt(s, 8) || 0 : 0;
}

function checksumOk(b: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : b[i];
  return sum === num(b, 148, 8);
}

function paxRecords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  const buf = Buffer.from(text, 'utf8');
  let i = 0;
  while (i < buf.length) {
    const sp = buf.indexOf(0x20, i);
    if (sp < 0) break;
    const len = parseInt(buf.toString('utf8', i, sp), 10);
    if (!(len > 0)) break;
    const rec = buf.toString('utf8', sp + 1, i + len - 1);
    const eq = rec.indexOf('=');
    if (eq > 0) out.set(rec.slice(0, eq), rec.slice(eq + 1));
    i += len;
  }
  return out;
}

export class TarWalker {
  private readonly head = Buffer.alloc(BLOCK);
  private headFill = 0;
  private remaining = 0;
  private pad = 0;
  private sink: TarSink | undefined;
  private meta: { kind: string; parts: Buffer[] } | undefined;
  private next: { path?: string; linkpath?: string; size?: number } = {};
  /** Set when a header is not a tar header: the rest is ignored. */
  broken = false;

  constructor(private readonly onEntry: (h: TarHeader) => TarSink | undefined) {}

  push(chunk: Buffer): void {
    let i = 0;
    const len = chunk.length;
    while (i < len && !this.broken) {
      if (this.remaining > 0) {
        const n = Math.min(this.remaining, len - i);
        if (this.meta) this.meta.parts.push(Buffer.from(chunk.subarray(i, i + n)));
        else this.sink?.data(chunk.subarray(i, i + n));
        i += n;
        this.remaining -= n;
        if (this.remaining === 0) this.endEntry();
        continue;
      }
      if (this.pad > 0) {
        const n = Math.min(this.pad, len - i);
        i += n;
        this.pad -= n;
        continue;
      }
      const n = Math.min(BLOCK - this.headFill, len - i);
      chunk.copy(this.head, this.headFill, i, i + n);
      this.headFill += n;
      i += n;
      if (this.headFill === BLOCK) {
        this.headFill = 0;
        this.header();
      }
    }
  }

  private header(): void {
    const b = this.head;
    if (b[0] === 0 && b.every((x) => x === 0)) return; // end-of-archive blocks
    if (!checksumOk(b)) { this.broken = true; return; }
    const typeflag = b[156] === 0 ? '0' : String.fromCharCode(b[156]);
    let size = num(b, 124, 12);
    if (typeflag === 'x' || typeflag === 'L' || typeflag === 'K' || typeflag === 'g') {
      this.meta = { kind: typeflag, parts: [] };
      this.startBody(size);
      return;
    }
    let name = cstr(b, 0, 100);
    // POSIX ustar ("ustar\0"): a prefix before the name; GNU ("ustar  ") keeps other fields there.
    if (b.toString('latin1', 257, 263) === 'ustar\0') {
      const prefix = cstr(b, 345, 155);
      if (prefix) name = `${prefix}/${name}`;
    }
    let linkname = cstr(b, 157, 100);
    if (this.next.path !== undefined) name = this.next.path;
    if (this.next.linkpath !== undefined) linkname = this.next.linkpath;
    if (this.next.size !== undefined) size = this.next.size;
    this.next = {};
    const bodySize = typeflag === '1' || typeflag === '2' || typeflag === '5' ? 0 : size;
    this.sink = this.onEntry({ name, typeflag, size, mode: num(b, 100, 8), linkname });
    this.startBody(bodySize);
  }

  private startBody(size: number): void {
    this.remaining = size;
    this.pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (size === 0) this.endEntry();
  }

  private endEntry(): void {
    if (this.meta) {
      const text = Buffer.concat(this.meta.parts).toString('utf8');
      const kind = this.meta.kind;
      this.meta = undefined;
      if (kind === 'L') this.next.path = text.replace(/\0+$/, '');
      else if (kind === 'K') this.next.linkpath = text.replace(/\0+$/, '');
      else if (kind === 'x') {
        const r = paxRecords(text);
        if (r.has('path')) this.next.path = r.get('path');
        if (r.has('linkpath')) this.next.linkpath = r.get('linkpath');
        if (r.has('size')) this.next.size = Number(r.get('size'));
      }
      return;
    }
    const sink = this.sink;
    this.sink = undefined;
    sink?.end();
  }
}
