// A pass-through proxy in front of a real engine's unix socket that can cut connections
// abruptly (both sockets destroyed, no HTTP ending), as an engine that crashes, a VM that
// sleeps or a tunnel that drops does. Counts the connections it holds open.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

interface Pair { client: net.Socket; upstream: net.Socket; request: string }

export class CutProxy {
  readonly socketPath = path.join(os.tmpdir(), `dockyard-test-cut-${randomBytes(4).toString('hex')}.sock`);
  private readonly server: net.Server;
  private readonly pairs = new Set<Pair>();

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
      upstream.pipe(client);
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
      p.upstream.unpipe(p.client);
      p.client.destroy();
      p.upstream.destroy();
    }
    return n;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.socketPath, { force: true });
  }
}
