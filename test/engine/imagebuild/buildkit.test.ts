// BuildKit builds through the Engine API (POST /build?version=2 + a session) on the private
// engine: cache mounts, secrets, multi-stage targets, failures on their line, cancel, and the
// classic fallback when it is forced.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Engine } from '../../../src/engine/engine';
import { chooseBuilder, probeBuilder } from '../../../src/engine/buildkit/detect';
import { BuildSession } from '../../../src/engine/buildkit/session';
import type { BuildJob, BuildResult } from '../../../src/imagebuild/job';
import { runBuild } from '../../../src/imagebuild/runner';
import { TEST_LABEL, testEngine, unique, waitUntil } from '../helpers';

const FIXTURES = path.resolve(__dirname, '../../fixtures/build');
const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, '');

describe('BuildKit build (engine)', function () {
  this.timeout(120_000);
  let engine: Engine;
  const tags: string[] = [];
  const dirs: string[] = [];

  before(() => { engine = testEngine(); });

  after(async () => {
    await engine.call(undefined, async (d) => {
      for (const t of tags) await d.getImage(t).remove({ force: true }).catch(() => undefined);
    });
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  function tag(name: string): string {
    const t = `${unique(name)}:latest`;
    tags.push(t);
    return t;
  }

  function workspace(files: Record<string, string>): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-buildkit-'));
    dirs.push(dir);
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }

  async function run(dir: string, opts: Partial<BuildJob> = {}, signal?: AbortSignal): Promise<BuildResult & { text: string; steps: string[] }> {
    const chunks: string[] = [];
    const steps: string[] = [];
    const r = await runBuild(engine, {
      dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, labels: { [TEST_LABEL]: '1' }, builder: 'auto', ...opts,
    }, { onText: (t) => chunks.push(t), onStep: (s) => steps.push(`${s.n}/${s.total}`) }, signal);
    return Object.assign(r, { text: strip(chunks.join('')), steps });
  }

  async function runInImage(image: string, cmd: string[]): Promise<string> {
    return engine.call(undefined, async (d) => {
      const c = await d.createContainer({ Image: image, Cmd: cmd, Labels: { [TEST_LABEL]: '1' }, HostConfig: { NetworkMode: 'none' } });
      try {
        await c.start();
        await c.wait();
        const logs = await c.logs({ stdout: true, stderr: true }) as unknown as Buffer;
        let out = '';
        for (let i = 0; i + 8 <= logs.length;) {
          const len = logs.readUInt32BE(i + 4);
          out += logs.subarray(i + 8, i + 8 + len).toString();
          i += 8 + len;
        }
        return out;
      } finally {
        await c.remove({ force: true }).catch(() => undefined);
      }
    });
  }

  /** The image as `docker save` writes it (every layer), to look for bytes in it. */
  async function saved(image: string): Promise<Buffer> {
    return engine.call(undefined, async (d) => {
      const stream = await d.getImage(image).get();
      const parts: Buffer[] = [];
      for await (const b of stream) parts.push(b as Buffer);
      return Buffer.concat(parts);
    });
  }

  it('finds BuildKit on the private engine (auto picks it)', async () => {
    const facts = await probeBuilder(engine);
    assert.equal(facts.os, 'linux');
    assert.equal(facts.podman, false);
    assert.deepEqual(chooseBuilder('auto', facts), { builder: 'buildkit' });
  });

  it('opens and closes a session right away without bringing the process down', async () => {
    // Node's HTTP/2 session reads the engine's first bytes on the next tick; closing before
    // that once crashed the process with "Cannot read properties of undefined (reading 'receive')".
    for (let i = 0; i < 5; i++) {
      const s = new BuildSession(engine);
      await s.open();
      s.close();
    }
    await new Promise((r) => setTimeout(r, 200));
    await engine.ping();
  });

  it('builds RUN --mount=type=cache; the cache mount survives into a rebuild of the step, and an unchanged build reports the step CACHED', async () => {
    const cacheId = unique('cache');
    const dir = workspace({
      Dockerfile: [
        'FROM dockyard-test/busybox',
        'LABEL dockyard.test=1',
        'ARG BUST=1',
        `RUN --mount=type=cache,id=${cacheId},target=/cache \\`,
        '    echo run >> /cache/runs && wc -l < /cache/runs > /runs.txt && echo "cache runs: $(cat /runs.txt)"',
        'COPY hello.txt /hello.txt',
      ].join('\n'),
      'hello.txt': 'hello from a BuildKit context\n',
    });
    const t = tag('cache');
    const first = await run(dir, { tag: t });
    assert.equal(first.outcome, 'succeeded', first.text);
    assert.equal(first.builder, 'buildkit');
    assert.match(first.text, /#\d+ \[stage-0 2\/3\] RUN --mount=type=cache/);
    assert.match(first.text, /#\d+ [\d.]+ cache runs: 1/);
    assert.match(first.text, /#\d+ DONE \d+\.\ds/);
    assert.match(first.summary ?? '', /^\d+ steps, \d+ cached$/);
    assert.ok(first.steps.length > 2, `step progress reported: ${first.steps.join(' ')}`);
    assert.equal(await runInImage(t, ['cat', '/runs.txt', '/hello.txt']), '1\nhello from a BuildKit context\n');

    const second = await run(dir, { tag: t });
    assert.equal(second.outcome, 'succeeded', second.text);
    assert.match(second.text, /#(\d+) \[stage-0 2\/3\] RUN --mount=type=cache[^\n]*\r?\n#\1 CACHED/);
    assert.doesNotMatch(second.text, /#\d+ [\d.]+ cache runs:/, "the step did not run again");

    // A changed build arg runs the step again, on the same cache mount.
    const third = await run(dir, { tag: t, buildArgs: { BUST: '2' } });
    assert.equal(third.outcome, 'succeeded', third.text);
    assert.match(third.text, /#\d+ [\d.]+ cache runs: 2/);
    assert.equal(await runInImage(t, ['cat', '/runs.txt']), '2\n', 'the cache mount kept the first run');
  });

  it('serves a secret from a file: it reaches the RUN step but no log line and no image layer', async () => {
    const secret = `s3cret-${crypto.randomBytes(12).toString('hex')}`;
    const dir = workspace({
      Dockerfile: [
        'FROM dockyard-test/busybox',
        'LABEL dockyard.test=1',
        'RUN --mount=type=secret,id=token \\',
        "    test -s /run/secrets/token && sha256sum < /run/secrets/token | cut -d' ' -f1 > /token.sha256 && echo secret mounted",
      ].join('\n'),
    });
    const secretFile = path.join(workspace({ 'token.txt': secret }), 'token.txt');
    const t = tag('secret');
    const r = await run(dir, { tag: t, noCache: true, secrets: [{ id: 'token', file: secretFile }] });
    assert.equal(r.outcome, 'succeeded', r.text);
    assert.match(r.text, /secret mounted/);
    assert.ok(!r.text.includes(secret), 'the secret is not in the build output');
    const sum = crypto.createHash('sha256').update(secret).digest('hex');
    assert.equal(await runInImage(t, ['cat', '/token.sha256']), `${sum}\n`);
    assert.equal((await runInImage(t, ['ls', '/run/secrets'])).trim(), '', 'nothing left in /run/secrets');
    const image = await saved(t);
    assert.ok(image.length > 100_000, 'the saved image holds its layers');
    assert.ok(!image.includes(Buffer.from(secret)), 'the secret is in no layer');

    // Without the secret the step fails, and the terminal says which secret was missing.
    const missing = await run(dir, { tag: t, noCache: true });
    assert.equal(missing.outcome, 'failed');
    if (missing.outcome === 'failed') assert.deepEqual([missing.failure.range?.startLine, missing.failure.range?.endLine], [2, 3]);
  });

  it('keeps the session alive through a long build: a secret asked for after several seconds is still served', async () => {
    const secret = `late-${crypto.randomBytes(8).toString('hex')}`;
    const dir = workspace({
      Dockerfile: [
        'FROM dockyard-test/busybox',
        'LABEL dockyard.test=1',
        'RUN sleep 4 && echo slept',
        'RUN --mount=type=secret,id=late,required=true test -s /run/secrets/late && echo late secret mounted',
      ].join('\n'),
    });
    const r = await run(dir, { tag: tag('late'), noCache: true, secrets: [{ id: 'late', value: Buffer.from(secret) }] });
    assert.equal(r.outcome, 'succeeded', r.text);
    assert.match(r.text, /#\d+ [\d.]+ late secret mounted/);
  });

  it('forwards the ssh-agent to RUN --mount=type=ssh, and a required ssh mount without one fails with what to do', async () => {
    const agentDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-agent-'));
    dirs.push(agentDir);
    const sock = path.join(agentDir, 'agent.sock');
    const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
    try {
      await waitUntil(() => fs.existsSync(sock), 'ssh-agent to listen', 10000);
      const dir = workspace({ Dockerfile: 'FROM dockyard-test/busybox\nLABEL dockyard.test=1\nRUN --mount=type=ssh test -S "$SSH_AUTH_SOCK" && echo "agent socket at $SSH_AUTH_SOCK"\n' });
      const t = tag('ssh');
      const r = await run(dir, { tag: t, noCache: true, sshAgentSocket: sock });
      assert.equal(r.outcome, 'succeeded', r.text);
      assert.match(r.text, /#\d+ [\d.]+ agent socket at \/run\/buildkit\/ssh_agent\.0/);
      // Without an agent an optional ssh mount is simply absent, and a required one fails the step.
      const without = await run(dir, { tag: t, noCache: true });
      assert.equal(without.outcome, 'failed');
      if (without.outcome === 'failed') assert.match(without.failure.message, /exit code: 1/);
      const requiredDir = workspace({ Dockerfile: 'FROM dockyard-test/busybox\nLABEL dockyard.test=1\nRUN --mount=type=ssh,required=true true\n' });
      const required = await run(requiredDir, { tag: t, noCache: true });
      assert.equal(required.outcome, 'failed');
      if (required.outcome === 'failed') {
        assert.match(required.failure.message, /ssh/i);
        assert.match(required.text, /SSH_AUTH_SOCK/);
        assert.equal(required.failure.range?.startLine, 2);
      }
    } finally {
      agent.kill('SIGTERM');
    }
  });

  it('maps a failing RUN to its instruction, with the step\'s last lines', async () => {
    const r = await run(path.join(FIXTURES, 'fail'), { tag: tag('fail') });
    assert.equal(r.outcome, 'failed', r.text);
    if (r.outcome !== 'failed') return;
    assert.equal(r.builder, 'buildkit');
    assert.deepEqual([r.failure.range?.startLine, r.failure.range?.endLine], [4, 5]);
    assert.match(r.failure.message, /exit code: 3/);
    assert.match(r.failure.detail, /something went wrong/);
    assert.deepEqual(r.failure.step && [r.failure.step.n, r.failure.step.total], [3, 3]);
    assert.match(r.text, /ERROR: .*exit code: 3/);
  });

  it('places failures in later stages, after WORKDIR/ENV/ARG lines, and Dockerfile parse errors', async () => {
    const dir = workspace({
      Dockerfile: [
        'ARG BASE=dockyard-test/busybox',        // 0
        'FROM ${BASE} AS base',                  // 1
        'LABEL dockyard.test=1',                 // 2
        'ENV A=1',                               // 3
        'WORKDIR /work',                         // 4
        'RUN echo "in $A"',                      // 5
        '',
        'FROM base AS second',                   // 7
        'ARG X=2',                               // 8
        'WORKDIR /other',                        // 9
        'COPY data.txt .',                       // 10
        'RUN echo "x is $X" && test "$X" = 3',   // 11
      ].join('\n'),
      'data.txt': 'data\n',
    });
    const r = await run(dir, { tag: tag('stage2'), noCache: true });
    assert.equal(r.outcome, 'failed', r.text);
    if (r.outcome !== 'failed') return;
    assert.equal(r.failure.range?.startLine, 11, r.text);
    assert.match(r.failure.detail, /x is 2/);

    const bad = workspace({ Dockerfile: 'FROM dockyard-test/busybox\nLABEL dockyard.test=1\nFROBNICATE now\n' });
    const p = await run(bad, { tag: tag('parse') });
    assert.equal(p.outcome, 'failed');
    if (p.outcome !== 'failed') return;
    assert.match(p.failure.message, /unknown instruction/i);
    assert.equal(p.failure.range?.startLine, 2);
  });

  it('builds the target stage of a multi-stage Dockerfile with build args', async () => {
    const t = tag('stages');
    const r = await run(path.join(FIXTURES, 'stages'), { tag: t, target: 'test', buildArgs: { FLAVOUR: 'spicy' } });
    assert.equal(r.outcome, 'succeeded', r.text);
    assert.equal(await runInImage(t, ['cat', '/flavour.txt', '/stage.txt']), 'spicy\ntest stage\n');
    // The release stage is not built for target "test".
    assert.doesNotMatch(r.text, /release stage/);
  });

  it('passes --platform, and --cache-from reuses an image\'s inline cache after the build cache is gone', async () => {
    const dir = workspace({ Dockerfile: `FROM dockyard-test/busybox\nLABEL dockyard.test=1\nRUN echo "${unique('inline')}" > /marker && echo marker written\n` });
    const a = tag('inline-a');
    const first = await run(dir, { tag: a, platform: 'linux/amd64', buildArgs: { BUILDKIT_INLINE_CACHE: '1' } });
    assert.equal(first.outcome, 'succeeded', first.text);
    assert.match(first.text, /#\d+ [\d.]+ marker written/);
    const img = await engine.inspectImage(a) as { Architecture: string; Os: string };
    assert.deepEqual([img.Os, img.Architecture], ['linux', 'amd64']);
    await engine.call(undefined, (d) => d.pruneBuilder());
    const second = await run(dir, { tag: tag('inline-b'), cacheFrom: [a], buildArgs: { BUILDKIT_INLINE_CACHE: '1' } });
    assert.equal(second.outcome, 'succeeded', second.text);
    assert.match(second.text, /#(\d+) \[(?:stage-0 )?2\/2\] RUN echo[^\n]*\r?\n#\1 CACHED/);
    assert.doesNotMatch(second.text, /#\d+ [\d.]+ marker written/);
  });

  it('cancel stops the build on the engine and tags nothing', async () => {
    const t = tag('slow');
    // A sleep with a duration of its own, so that its process can be told from any other.
    const seconds = `30.${crypto.randomInt(100000, 999999)}`;
    const dir = workspace({ Dockerfile: `FROM dockyard-test/busybox\nLABEL dockyard.test=1\nRUN echo "sleeping" && sleep ${seconds}\n` });
    const sleeping = () => fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p)).some((pid) => {
      try { return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') === `sleep\u0000${seconds}\u0000`; } catch { return false; }
    });
    const abort = new AbortController();
    const chunks: string[] = [];
    const startedAt = Date.now();
    const p = runBuild(engine, { dockerfilePath: path.join(dir, 'Dockerfile'), contextDir: dir, tag: t }, { onText: (x) => chunks.push(x) }, abort.signal);
    await waitUntil(() => /#\d+ [\d.]+ sleeping/.test(strip(chunks.join(''))) && sleeping(), 'the RUN step to sleep', 30000);
    abort.abort();
    const r = await p;
    assert.equal(r.outcome, 'cancelled');
    assert.ok(Date.now() - startedAt < 20000, 'cancel returns promptly');
    await waitUntil(() => !sleeping() || undefined, 'the engine to stop the step', 15000);
    await assert.rejects(engine.inspectImage(t));
  });

  it('uses the classic builder when forced, and says so', async () => {
    const t = tag('classic');
    const r = await run(path.join(FIXTURES, 'ok'), { tag: t, builder: 'classic' });
    assert.equal(r.outcome, 'succeeded', r.text);
    assert.notEqual(r.builder, 'buildkit');
    assert.match(r.text, /Using the classic builder \(dockyard\.build\.builder is "classic"\)/);
    assert.match(r.text, /Step 1\/\d+ : FROM dockyard-test\/busybox/);
    // A BuildKit-only Dockerfile then fails with the engine's own words and what to do.
    const dir = workspace({ Dockerfile: 'FROM dockyard-test/busybox\nLABEL dockyard.test=1\nRUN --mount=type=cache,target=/c true\n' });
    const bad = await run(dir, { tag: tag('classic-mount'), builder: 'classic' });
    assert.equal(bad.outcome, 'failed');
    if (bad.outcome === 'failed') assert.match(bad.failure.message, /requires BuildKit/);
  });
});
