// The same journey over every kind of host, through Dockyard's own Engine: list, events, exec,
// logs, build. Returns "works" or the message per operation, for the closing table.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import * as tarFs from 'tar-fs';
import { Engine } from '../../../src/engine/engine';
import { chooseBuilder, probeBuilder } from '../../../src/engine/buildkit/detect';
import { runBuild } from '../../../src/imagebuild/runner';
import { DockerEvent } from '../../../src/engine/models';
import { IMAGE, LABEL, tempDir } from './servers';
import { rawDocker } from '../../support/rawDocker';
import { EventStream } from '../../../src/engine/events';

export type Op = 'list' | 'events' | 'exec' | 'logs' | 'build' | 'buildkit';
export const OPS: Op[] = ['list', 'events', 'exec', 'logs', 'build', 'buildkit'];

/** host kind -> op -> "works" | message */
export const matrix: Record<string, Partial<Record<Op, string>>> = {};

export function record(kind: string, op: Op, result: string): void {
  (matrix[kind] ??= {})[op] = result;
}

function collect(stream: NodeJS.ReadableStream, demux: ((s: NodeJS.ReadableStream, o: NodeJS.WritableStream, e: NodeJS.WritableStream) => void) | undefined, timeoutMs = 15000): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    const sink = new PassThrough();
    sink.on('data', (d: Buffer) => { text += d.toString(); });
    if (demux) demux(stream, sink, sink); else stream.pipe(sink);
    const timer = setTimeout(() => reject(new Error(`stream did not end in ${timeoutMs} ms; got ${JSON.stringify(text)}`)), timeoutMs);
    stream.on('end', () => { clearTimeout(timer); resolve(text); });
    stream.on('close', () => { clearTimeout(timer); resolve(text); });
    stream.on('error', (e) => { clearTimeout(timer); reject(e); });
  });
}

async function step(kind: string, op: Op, fn: () => Promise<string | void>): Promise<void> {
  try {
    record(kind, op, (await fn()) || 'works');
  } catch (e) {
    record(kind, op, (e as Error).message.split('\n')[0]);
    throw e;
  }
}

/** Runs the journey; throws on the first failure (after cleaning up what it created). */
export async function exercise(kind: string, engine: Engine, opts: { build?: boolean } = {}): Promise<void> {
  const suffix = randomBytes(4).toString('hex');
  const slug = kind.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
  const name = `dockyard-hosts-${slug}-${suffix}`;
  const stream = new EventStream(engine);
  const seen: DockerEvent[] = [];
  stream.onEvent.on((ev) => seen.push(ev));
  const connected = new Promise<void>((resolve, reject) => {
    stream.onConnected.on(() => resolve());
    stream.onDisconnected.on((e) => reject(e));
  });
  stream.start();
  let id: string | undefined;
  const builtTag = `dockyard-test/hosts-build:${slug}-${suffix}`;
  try {
    await step(kind, 'list', async () => {
      const images = await engine.listImages();
      assert.ok(images.some((i) => JSON.stringify(i).includes('dockyard-test/busybox')), `the busybox image is listed (${images.length} images)`);
      const c = await rawDocker(engine).createContainer({
        name, Image: IMAGE, Cmd: ['sh', '-c', `echo hello-from-${slug}; exec sleep 60`], Labels: { [LABEL]: '1' },
        HostConfig: { NetworkMode: 'none' },
      });
      id = c.id;
      const list = await engine.listContainers();
      assert.ok(list.some((x) => x.id === id), 'the new container is listed');
    });
    await step(kind, 'events', async () => {
      await connected;
      await engine.startContainer(id!);
      const t0 = Date.now();
      while (!seen.some((e) => e.type === 'container' && e.action === 'start' && e.id === id)) {
        if (Date.now() - t0 > 10000) throw new Error(`no start event for the container (saw ${seen.map((e) => `${e.type}/${e.action}`).join(', ') || 'nothing'})`);
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await step(kind, 'exec', async () => {
      const c = rawDocker(engine).getContainer(id!);
      const ex = await c.exec({ Cmd: ['sh', '-c', 'echo exec-ok-$((6*7))'], AttachStdout: true, AttachStderr: true });
      const s = await ex.start({ hijack: true, stdin: false });
      const out = await collect(s, (a, o, e) => rawDocker(engine).modem.demuxStream(a, o, e));
      assert.match(out, /exec-ok-42/);
      const info = (await ex.inspect()) as { ExitCode?: number | null };
      assert.equal(info.ExitCode, 0);
    });
    await step(kind, 'logs', async () => {
      const t0 = Date.now();
      let out = '';
      while (!out.includes(`hello-from-${slug}`)) {
        if (Date.now() - t0 > 10000) throw new Error(`logs did not show the greeting: ${JSON.stringify(out)}`);
        const buf = (await rawDocker(engine).getContainer(id!).logs({ stdout: true, stderr: true, follow: false })) as unknown as Buffer;
        out = Buffer.isBuffer(buf) ? demuxBuffer(buf) : String(buf);
        if (!out.includes('hello')) await new Promise((r) => setTimeout(r, 100));
      }
    });
    if (opts.build !== false) {
      await step(kind, 'build', async () => {
        const dir = tempDir('build');
        mkdirSync(path.join(dir, 'ctx'));
        writeFileSync(path.join(dir, 'ctx', 'Dockerfile'), `FROM ${IMAGE}\nCOPY hello.txt /hello.txt\nRUN cat /hello.txt\n`);
        writeFileSync(path.join(dir, 'ctx', 'hello.txt'), `built-over-${slug}\n`);
        const s = await rawDocker(engine).buildImage(tarFs.pack(path.join(dir, 'ctx')) as unknown as NodeJS.ReadableStream, { t: builtTag, labels: { [LABEL]: '1' }, rm: true });
        const out = await collect(s, undefined, 60000);
        const errors = out.split('\n').filter((l) => l.includes('"error"'));
        assert.equal(errors.length, 0, errors.join('\n'));
        assert.match(out, new RegExp(`built-over-${slug}`));
        await engine.inspectImage(builtTag);
      });
    }
    if (opts.build !== false) {
      // Dockyard's own build: BuildKit with a session (a secret mount) where the engine offers it,
      // the classic builder (and saying so) where it does not.
      await step(kind, 'buildkit', async () => {
        const choice = chooseBuilder('auto', await probeBuilder(engine));
        const dir = tempDir('buildkit');
        const secret = choice.builder === 'buildkit'
          ? 'RUN --mount=type=secret,id=s test -s /run/secrets/s && echo "secret-over-$(cat /run/secrets/s | wc -c)"\n'
          : '';
        writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${IMAGE}\nLABEL ${LABEL}=1\nRUN echo "built-by-dockyard-${slug}"\n${secret}`);
        const text: string[] = [];
        const r = await runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag: builtTag, noCache: true, secrets: [{ id: 's', value: Buffer.from('12345') }] }, { onText: (t) => text.push(t) });
        const all = text.join('');
        assert.equal(r.outcome, 'succeeded', all);
        assert.match(all, new RegExp(`built-by-dockyard-${slug}`));
        if (choice.builder === 'buildkit') {
          assert.equal(r.builder, 'buildkit');
          assert.match(all, /secret-over-5/);
        } else {
          assert.match(all, /Using the classic builder/);
        }
        return `works (${choice.builder})`;
      });
    }
  } finally {
    stream.stop();
    if (id) await engine.removeContainer(id, { force: true }).catch(() => undefined);
    await engine.removeImage(builtTag, { force: true }).catch(() => undefined);
  }
}

/** Logs of a non-TTY container come multiplexed: 8-byte headers per frame. */
export function demuxBuffer(buf: Buffer): string {
  let out = '';
  let i = 0;
  while (i + 8 <= buf.length && buf[i] <= 2 && buf[i + 1] === 0) {
    const len = buf.readUInt32BE(i + 4);
    out += buf.subarray(i + 8, i + 8 + len).toString();
    i += 8 + len;
  }
  return i === 0 ? buf.toString() : out;
}

/** The closing table, printed by the root hook. */
export function matrixTable(): string {
  const kinds = Object.keys(matrix);
  if (!kinds.length) return '';
  const rows = [`| host kind | ${OPS.join(' | ')} |`, `|---|${OPS.map(() => '---').join('|')}|`];
  for (const k of kinds) rows.push(`| ${k} | ${OPS.map((o) => matrix[k][o] ?? 'not run').join(' | ')} |`);
  return rows.join('\n');
}
