// A Node.js image made offline from this machine's own node binary: the binary and the shared
// libraries `ldd` lists, copied onto the busybox test image through POST /build with a context tar
// (nothing pulled, no network). Used by the debug tests (engine tier and extension host).
import type Dockerode from 'dockerode';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as tarStream from 'tar-stream';

/** The files node needs at run time: itself and each library ldd resolves (by the path it is loaded from). */
export function nodeRuntimeFiles(nodePath = process.execPath): { from: string; to: string }[] {
  const out: { from: string; to: string }[] = [{ from: fs.realpathSync(nodePath), to: '/usr/local/bin/node' }];
  const ldd = spawnSync('ldd', [nodePath], { encoding: 'utf8' });
  if (ldd.status !== 0) throw new Error(`ldd ${nodePath} failed: ${ldd.stderr}`);
  for (const line of ldd.stdout.split('\n')) {
    // "libm.so.6 => /lib/x86_64-linux-gnu/libm.so.6 (0x…)" or "/lib64/ld-linux-x86-64.so.2 (0x…)"
    const m = /=>\s*(\/\S+)/.exec(line) ?? /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) out.push({ from: fs.realpathSync(m[1]), to: m[1] });
  }
  return out;
}

function contextTar(baseImage: string, files: { from: string; to: string }[]): NodeJS.ReadableStream {
  const pack = tarStream.pack();
  const dockerfile = `FROM ${baseImage}\nCOPY rootfs/ /\nENV PATH=/usr/local/bin:/usr/bin:/bin\n`;
  const add = async () => {
    pack.entry({ name: 'Dockerfile' }, dockerfile);
    for (const f of files) {
      const data = await fs.promises.readFile(f.from);
      await new Promise<void>((resolve, reject) => pack.entry({ name: `rootfs${f.to}`, mode: 0o755 }, data, (e) => (e ? reject(e) : resolve())));
    }
    pack.finalize();
  };
  add().catch((e: Error) => pack.destroy(e));
  return pack;
}

/**
 * Builds (once per engine: the tag names the node version) an image with this machine's node at
 * /usr/local/bin/node (and on PATH as `node`) and returns its tag.
 */
export async function buildNodeImage(docker: Dockerode, baseImage: string, labels: Record<string, string> = {}): Promise<string> {
  const tag = `dockyard-test/node-host:${process.version.slice(1)}`;
  const existing = await docker.getImage(tag).inspect().catch(() => undefined);
  if (existing) return tag;
  const stream = await docker.buildImage(contextTar(baseImage, nodeRuntimeFiles()) as unknown as NodeJS.ReadableStream, { t: tag, networkmode: 'none', labels: JSON.stringify(labels) } as unknown as Dockerode.ImageBuildOptions);
  await new Promise<void>((resolve, reject) => {
    docker.modem.followProgress(stream, (err: Error | null, out: { error?: string }[]) => {
      const failed = out?.find((o) => o.error);
      if (err || failed) reject(err ?? new Error(failed?.error)); else resolve();
    });
  });
  return tag;
}
