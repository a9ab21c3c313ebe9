// A pass-through proxy in front of the real engine's unix socket that can end the engine's
// event streams cleanly (the terminating HTTP chunk, then the end of the connection), as an
// engine shutting down gracefully or a tunnel closing does. Everything else passes unchanged.
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';

export class EndingProxy {
  readonly socketPath = path.join(os.tmpdir(), `dockyard-test-proxy-${randomBytes(4).toString('hex')}.sock`);
  private readonly server: net.Server;
  private readonly pairs = new Set<{ client: net.Socket; upstream: net.Socket; events: boolean }>();

  constructor(upstreamPath: string) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(upstreamPath);
      const pair = { client, upstream, events: false };
      this.pairs.add(pair);
      client.on('data', (b: Buffer) => {
        const head = b.subarray(0, 200).toString('latin1');
        if (/^[A-Z]+ /.test(head)) pair.events = /^GET \S*\/events[?\s]/.test(head);
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

  get host(): string {
    return `unix://${this.socketPath}`;
  }

  listen(): Promise<void> {
    return new Promise((resolve) => this.server.listen(this.socketPath, resolve));
  }

  /** Ends every open event stream cleanly; returns how many. Call while no event is being sent. */
  endEventStreams(): number {
    let n = 0;
    for (const p of [...this.pairs]) {
      if (!p.events) continue;
      n++;
      p.upstream.unpipe(p.client);
      p.upstream.destroy();
      p.client.end('0\r\n\r\n');
    }
    return n;
  }

  async close(): Promise<void> {
    for (const p of this.pairs) { p.client.destroy(); p.upstream.destroy(); }
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    fs.rmSync(this.socketPath, { force: true });
  }
}
