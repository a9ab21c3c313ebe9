// Files inside containers on the private engine:
//  - container-file-read-10mb: Dockyard's readFile (GET /archive, one allocation) vs
//    `docker cp ctr:/file -` (the CLI streaming the same archive to a pipe).
//  - container-dir-list-10000: Dockyard's listDirectory on a running container (one `ls` exec,
//    parsed) vs `docker exec ctr ls -la DIR` (the CLI printing the same listing).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import * as tarStream from 'tar-stream';
import { listDirectory, readFile, writeFile } from '../src/engine/archive';
import { resolveHost } from '../src/engine/hosts/resolve';
import { Engine } from '../src/engine/engine';
import { BenchEntry, timeInterleaved } from './stats';

const run = promisify(execFile);
const LABEL = 'dockyard.bench';
const IMAGE = process.env.DOCKYARD_TEST_IMAGE ?? 'dockyard-test/busybox:latest';

export async function runContainerFilesBench(): Promise<BenchEntry[]> {
  const engine = new Engine(resolveHost({ env: process.env, homeDir: '/nonexistent', platform: process.platform, readFile: () => undefined, exists: () => false }));
  const id = await engine.call(undefined, async (d) => {
    const c = await d.createContainer({ Image: IMAGE, Cmd: ['sleep', '600'], Labels: { [LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } });
    await c.start();
    return c.id;
  });
  const cli = (args: string[]) => run('docker', ['-H', engine.resolved.host, ...args], { maxBuffer: 64 << 20, encoding: 'buffer' });
  try {
    await writeFile(engine, id, '/tmp/10mb.bin', Buffer.alloc(10 * 1024 * 1024, 7));
    const pack = tarStream.pack();
    pack.entry({ name: 'many', type: 'directory', mode: 0o755 });
    for (let i = 0; i < 10000; i++) pack.entry({ name: `many/file-${String(i).padStart(5, '0')}.txt`, mode: 0o644 }, 'x');
    pack.finalize();
    await engine.call(undefined, (d) => d.getContainer(id).putArchive(pack, { path: '/tmp' }) as Promise<unknown>);

    const [readMs, cpMs] = await timeInterleaved([
      async () => { const r = await readFile(engine, id, '/tmp/10mb.bin'); if (r.data.length !== 10 * 1024 * 1024) throw new Error('short read'); },
      () => cli(['cp', `${id}:/tmp/10mb.bin`, '-']),
    ], 9, 2);
    const [listMs, lsMs] = await timeInterleaved([
      async () => { const l = await listDirectory(engine, id, '/tmp/many', { running: true }); if (l.entries.length !== 10000 || l.via !== 'exec') throw new Error(`listed ${l.entries.length} via ${l.via}`); },
      () => cli(['exec', id, 'ls', '-la', '/tmp/many']),
    ], 9, 2);
    return [
      { name: 'container-file-read-10mb', dockyard_ms: readMs, baseline: 'docker cp ctr:file -', baseline_ms: cpMs },
      { name: 'container-dir-list-10000', dockyard_ms: listMs, baseline: 'docker exec ls -la', baseline_ms: lsMs },
    ];
  } finally {
    await engine.call(undefined, (d) => d.getContainer(id).remove({ force: true })).catch(() => undefined);
  }
}
