// A unix-socket proxy in front of an engine that counts the HTTP requests passing through it:
// how tests and benchmarks see how often Dockyard calls an engine (e.g. none while idle).
import * as fs from 'node:fs';
import * as net from 'node:net';

const REQUEST_LINE = /(?:^|\r\n)(GET|POST|PUT|DELETE|HEAD) (\S+) HTTP\/1\.[01]\r\n/g;

export class CountingProxy {
  readonly requests: { method: string; path: string; at: number }[] = [];
  private readonly server: net.Server;
  private readonly sockets = new Set<net.Socket>();

  constructor(readonly socket: string, private readonly target: string) {
    this.server = net.createServer((client) => {
      const upstream = net.connect(this.target);
      this.sockets.add(client).add(upstream);
      client.on('data', (chunk: Buffer) => {
        for (const m of chunk.toString('latin1').matchAll(REQUEST_LINE)) this.requests.push({ method: m[1], path: m[2], at: Date.now() });
      });
      client.pipe(upstream).pipe(client);
      const close = () => { client.destroy(); upstream.destroy(); this.sockets.delete(client); this.sockets.delete(upstream); };
      client.on('error', close).on('close', close);
      upstream.on('error', close).on('close', close);
    });
  }

  get host(): string {
    return `unix://${this.socket}`;
  }

  listen(): Promise<this> {
    fs.rmSync(this.socket, { force: true });
    return new Promise((resolve) => this.server.listen(this.socket, () => resolve(this)));
  }

  /** Requests since `t` (ms epoch). */
  since(t: number): { method: string; path: string }[] {
    return this.requests.filter((r) => r.at >= t);
  }

  close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    return new Promise((resolve) => this.server.close(() => { fs.rmSync(this.socket, { force: true }); resolve(); }));
  }
}
