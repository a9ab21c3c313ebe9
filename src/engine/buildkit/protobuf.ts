// The protobuf wire format, just enough for BuildKit's session and trace messages: varints,
// length-delimited fields (strings, bytes, nested messages), and skipping of the rest.
// Hand-written so that no .proto file has to be found on disk at run time. Pure.

export const enum Wire {
  Varint = 0,
  Fixed64 = 1,
  Bytes = 2,
  Fixed32 = 5,
}

export interface Field {
  no: number;
  wire: number;
  /** Varint fields: the value (safe up to 2^53; BuildKit's numbers stay far below). */
  int: number;
  /** Length-delimited fields: the bytes (a view into the buffer). */
  bytes: Uint8Array;
}

export class ProtoError extends Error {
  constructor(message: string) {
    super(`Malformed protobuf message: ${message}`);
    this.name = 'ProtoError';
  }
}

const EMPTY = new Uint8Array(0);

/** The fields of one message, in wire order. Repeated fields appear once per element. */
export function* fields(buf: Uint8Array): Generator<Field> {
  let pos = 0;
  const varint = (): number => {
    let result = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (pos >= buf.length) throw new ProtoError('truncated varint');
      const b = buf[pos++];
      result += (b & 0x7f) * mul;
      if (b < 0x80) return result;
      mul *= 128;
    }
    throw new ProtoError('varint too long');
  };
  while (pos < buf.length) {
    const key = varint();
    const no = Math.floor(key / 8);
    const wire = key & 7;
    if (no === 0) throw new ProtoError('field number 0');
    switch (wire) {
      case Wire.Varint:
        yield { no, wire, int: varint(), bytes: EMPTY };
        break;
      case Wire.Bytes: {
        const len = varint();
        if (pos + len > buf.length) throw new ProtoError(`field ${no} runs past the end`);
        yield { no, wire, int: 0, bytes: buf.subarray(pos, pos + len) };
        pos += len;
        break;
      }
      case Wire.Fixed64:
        if (pos + 8 > buf.length) throw new ProtoError('truncated fixed64');
        pos += 8;
        break;
      case Wire.Fixed32:
        if (pos + 4 > buf.length) throw new ProtoError('truncated fixed32');
        pos += 4;
        break;
      default:
        throw new ProtoError(`unknown wire type ${wire}`);
    }
  }
}

const decoder = new TextDecoder('utf-8');
export function str(f: Field): string {
  return decoder.decode(f.bytes);
}

/** Builds a message field by field. */
export class Writer {
  private readonly parts: Buffer[] = [];

  private varint(n: number): void {
    const out: number[] = [];
    let v = n;
    while (v >= 0x80) {
      out.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
    this.parts.push(Buffer.from(out));
  }

  private key(no: number, wire: Wire): void {
    this.varint(no * 8 + wire);
  }

  /** A string field; empty strings are left out, as proto3 does. */
  string(no: number, value: string | undefined): this {
    if (value) this.bytes(no, Buffer.from(value, 'utf8'));
    return this;
  }

  bytes(no: number, value: Uint8Array | undefined): this {
    if (!value) return this;
    this.key(no, Wire.Bytes);
    this.varint(value.length);
    this.parts.push(Buffer.from(value.buffer, value.byteOffset, value.byteLength));
    return this;
  }

  int(no: number, value: number | undefined): this {
    if (!value) return this;
    if (value < 0 || !Number.isSafeInteger(value)) throw new RangeError(`cannot encode ${value}`);
    this.key(no, Wire.Varint);
    this.varint(value);
    return this;
  }

  finish(): Buffer {
    return Buffer.concat(this.parts);
  }
}
