// A second private dockerd for tests and benchmarks that need two engines: its own data root,
// exec root, pidfile, unix socket and containerd namespace under /tmp, off the network like the
// first (--bridge=none --iptables=false --ip-masq=false). The test image is copied into it from
// the first engine (docker save | docker load through the Engine API). Stopped and removed by stop().
import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import Dockerode from 'dockerode';

function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: 1000 }, (res) => { res.resume(); resolve(res.statusCode === 200); });
    req.on('error', () => resolve(false));
    req.on('timeout', () => { req.destroy(); resolve(false); });
  });
}

async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export class SecondDockerd {
  /** Short: unix socket paths are limited to ~107 bytes. */
  readonly dir = fs.mkdtempSync('/tmp/dyk2-');
  readonly socket = path.join(this.dir, 'docker.sock');
  readonly host = `unix://${this.socket}`;
  private readonly namespace = `dockyard-second-${randomBytes(3).toString('hex')}`;
  private child: ChildProcess | undefined;

  /** Starts the daemon (again, after stop({ keep: true })) and waits until it answers. */
  async start(): Promise<void> {
    const log = fs.openSync(path.join(this.dir, 'dockerd.log'), 'a');
    const child = spawn('dockerd', [
      '--data-root', path.join(this.dir, 'data'),
      '--exec-root', path.join(this.dir, 'exec'),
      '--pidfile', path.join(this.dir, 'dockerd.pid'),
      '--host', this.host,
      '--bridge=none', '--iptables=false', '--ip-masq=false', '--ip6tables=false',
      '--containerd-namespace', this.namespace,
      '--containerd-plugins-namespace', `${this.namespace}-plugins`,
    ], { stdio: ['ignore', log, log] });
    fs.closeSync(log);
    this.child = child;
    await until(() => ping(this.socket), `the second dockerd (see ${path.join(this.dir, 'dockerd.log')})`, 60000);
  }

  /** Copies an image from another engine (docker save | docker load over the API). */
  async loadImageFrom(from: Dockerode, ref: string): Promise<void> {
    const to = new Dockerode({ socketPath: this.socket });
    const tar = await from.getImage(ref).get();
    const res = await to.loadImage(tar);
    await new Promise<void>((resolve, reject) => { res.on('end', resolve); res.on('error', reject); res.resume(); });
    await to.getImage(ref).inspect();
  }

  /** Stops the daemon (SIGTERM, waits). keep: leave its data for start() again. */
  async stop(opts: { keep?: boolean } = {}): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (child && child.exitCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30000))]);
    }
    if (opts.keep) return;
    // dockerd may leave mounts below its roots; unmount them (innermost first) before deleting.
    let mounts = '';
    try { mounts = fs.readFileSync('/proc/self/mounts', 'utf8'); } catch { /* not Linux */ }
    const targets = mounts.split('\n').map((l) => l.split(' ')[1]?.replace(/\\040/g, ' '))
      .filter((m): m is string => !!m && (m === this.dir || m.startsWith(`${this.dir}/`)))
      .sort((a, b) => b.length - a.length);
    for (const m of targets) { try { execFileSync('umount', ['-l', m], { stdio: 'ignore' }); } catch { /* not ours to force */ } }
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
