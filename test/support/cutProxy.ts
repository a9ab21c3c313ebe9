// A pass-through proxy in front of a real engine's unix socket that can cut connections
// abruptly (both sockets destroyed, no HTTP ending), as an engine that crashes, a VM that
// sleeps or a tunnel that drops does. Counts the connections it holds open.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

interface Pair { client: net.Socket; upstream: net.Socket; request: string; armed?: RegExp }

export class CutProxy {
  readonly socketPath = path.join(os.tmpdir(), `dockyard-test-cut-${randomBytes(4).toString('hex')}.sock`);
  private readonly server: net.Server;
  private readonly pairs = new Set<Pair>();
  /** Requests whose response is cut right after its headers (see cutAfterHeaders). */
  private armed: { match: RegExp; done: () => void }[] = [];

  constructor(upstreamPath: string) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(upstreamPath);
      const pair: Pair = { client, upstream, request: '' };
      this.pairs.add(pair);
      client.on('data', (b: Buffer) => {
        const head = b.subarray(0, 300).toString('latin1');
        const m = /^([A-Z]+ \S+)/.exec(head);
        if (m) pair.request = m[1];
        upstream.write(b);
      });
      let head = Buffer.alloc(0);
      upstream.on('data', (b: Buffer) => {
        const arm = this.armed.find((a) => a.match.test(pair.request));
        if (!arm) { client.write(b); return; }
        // Forward the response's headers only, then drop the connection: the body is cut off for sure.
        head = Buffer.concat([head, b]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        this.armed = this.armed.filter((a) => a !== arm);
        client.write(head.subarray(0, end + 4), () => {
          this.pairs.delete(pair);
          client.destroy();
          upstream.destroy();
          arm.done();
        });
      });
      const drop = () => { this.pairs.delete(pair); client.destroy(); upstream.destroy(); };
      client.on('close', drop);
      upstream.on('close', drop);
      client.on('error', drop);
      upstream.on('error', drop);
    });
  }

  /** The proxy's DOCKER_HOST. */
  get host(): string {
    return `unix://${this.socketPath}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.socketPath, resolve));
  }

  /** Open connections whose last request line matches (all when omitted). */
  open(match?: RegExp): number {
    return [...this.pairs].filter((p) => !match || match.test(p.request)).length;
  }

  /** Destroys the connections whose last request line matches (all when omitted); returns how many. */
  cut(match?: RegExp): number {
    let n = 0;
    for (const p of [...this.pairs]) {
      if (match && !match.test(p.request)) continue;
      n++;
      this.pairs.delete(p);
      p.client.destroy();
      p.upstream.destroy();
    }
    return n;
  }

  /** Cuts the next response to a request matching `match` right after its headers; resolves once cut. */
  cutAfterHeaders(match: RegExp): Promise<void> {
    return new Promise((resolve) => this.armed.push({ match, done: resolve }));
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.socketPath, { force: true });
  }
}
