import * as assert from 'node:assert/strict';
import type { ContainerSummary } from '../../../src/engine/models';
import {
  capBytes, capRows, cell, containerActionConfirmation, containersText, diagnosticsText, inspectText, layersText, logsText, matchesName, maskEnv, runConfirmation,
} from '../../../src/lmTools/format';

const engine = { name: 'prod', host: 'ssh://me@prod' };

function container(i: number): ContainerSummary {
  return {
    id: `${String(i).padStart(4, '0')}${'f'.repeat(60)}`, name: `c${i}`, image: 'busybox', imageId: 'sha256:1', command: 'sh', created: 0,
    state: 'running', status: 'Up', health: undefined, ports: [{ privatePort: 80, publicPort: 8080, ip: '127.0.0.1', type: 'tcp' }], labels: {}, mounts: [], networks: [],
  };
}

describe('language-model tool answers', () => {
  it('caps rows and says how many more', () => {
    assert.deepEqual(capRows([1, 2, 3], 2), { shown: [1, 2], more: 1 });
    assert.deepEqual(capRows([1], 2), { shown: [1], more: 0 });
    const text = containersText(engine, Array.from({ length: 250 }, (_, i) => container(i)), 200);
    assert.match(text, /^Engine: prod \(ssh:\/\/me@prod\)\nContainers: 250\n/);
    assert.match(text, /… 50 more not shown/);
    assert.ok(text.includes('c199') && !text.includes('c200 '));
    assert.match(text, /127\.0\.0\.1:8080→80\/tcp/);
    assert.doesNotMatch(containersText(engine, [container(1)], 200), /more not shown/);
  });

  it('an empty list still names the engine', () => {
    assert.equal(containersText(engine, [], 200), 'Engine: prod (ssh://me@prod)\nContainers: 0');
  });

  it('matches names case-insensitively', () => {
    assert.equal(matchesName(['Web-1'], 'web'), true);
    assert.equal(matchesName(['db'], 'web'), false);
    assert.equal(matchesName(['db'], undefined), true);
  });

  it('cells are single bounded lines', () => {
    assert.equal(cell('a\nb\tc'), 'a b c');
    assert.equal(cell('x'.repeat(200)).length, 120);
  });

  it('caps bytes at character boundaries, keeping the end or the start', () => {
    const s = 'é'.repeat(100); // 200 bytes
    const end = capBytes(s, 51, 'end');
    assert.equal(end.text, 'é'.repeat(25));
    assert.equal(end.cut, 150);
    const start = capBytes(s, 51, 'start');
    assert.equal(start.text, 'é'.repeat(25));
    assert.deepEqual(capBytes('short', 100, 'end'), { text: 'short', cut: 0 });
    const lines = capBytes('old line\nnew line\n', 12, 'end');
    assert.equal(lines.text, 'new line\n');
  });

  it('logs keep the newest text and say what was cut', () => {
    const log = Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n');
    const text = logsText(engine, 'web', log, { tail: 100, maxBytes: 100, alreadyCut: 10 });
    assert.match(text, /^Engine: prod/);
    assert.match(text, /Earlier output cut: \d+ more bytes than the 100/);
    assert.match(text, /line 99$/);
    assert.doesNotMatch(text, /line 1\n/);
    assert.match(logsText(engine, 'web', '', { tail: 10, maxBytes: 100 }), /\(no output\)$/);
    assert.match(logsText(engine, 'web', 'x', { tail: 10, sinceText: '5m', maxBytes: 100 }), /last 10 lines since 5m/);
  });

  it('inspect keeps useful fields, hides secret values, and is bounded', () => {
    const raw = {
      Id: 'abc', Name: '/web', GraphDriver: { Data: { big: 'x' } },
      State: { Status: 'running', Running: true, Pid: 42 },
      Config: { Image: 'busybox', Env: ['MODE=dev', 'DB_PASSWORD=hunter2'] },
      HostConfig: { NetworkMode: 'none', LogConfig: {} },
      NetworkSettings: { Networks: { none: {} }, Ports: {} },
    };
    const text = inspectText(engine, 'container', 'web', raw, 16 * 1024);
    assert.match(text, /^Engine: prod/);
    assert.match(text, /"Status": "running"/);
    assert.match(text, /MODE=dev/);
    assert.ok(!text.includes('hunter2'));
    assert.match(text, /DB_PASSWORD=<hidden>/);
    assert.ok(!text.includes('GraphDriver'));
    const big = inspectText(engine, 'volume', 'v', { Name: 'v', Labels: { a: 'x'.repeat(5000) } }, 1000);
    assert.match(big, /\[Cut: \d+ more bytes than the 1000/);
    assert.equal(maskEnv('API_KEY=1'), 'API_KEY=<hidden>');
    assert.equal(maskEnv('PATH=/bin'), 'PATH=/bin');
  });

  it('layers: sizes, total, instruction', () => {
    const text = layersText(engine, 'app:1', [
      { id: 'sha256:' + 'b'.repeat(64), created: 0, createdBy: '/bin/sh -c #(nop)  CMD ["sh"]', size: 0, comment: '', tags: ['app:1'] },
      { id: '<missing>', created: 0, createdBy: '/bin/sh -c echo hi > /f', size: 1500, comment: '', tags: [] },
    ], 200);
    assert.match(text, /Layers of image app:1, newest first: 2 entries, 1\.50 kB in total/);
    assert.match(text, /bbbbbbbbbbbb\s+0 B/);
    assert.match(text, /CMD \["sh"\]/);
    assert.match(text, /<missing>\s+1\.50 kB/);
  });

  it('diagnostics are listed with positions, bounded', () => {
    assert.equal(diagnosticsText('Dockerfile', 'Dockerfile', [], 200), 'Dockerfile Dockerfile: no problems found.');
    const many = Array.from({ length: 3 }, (_, i) => ({ line: i + 1, column: 1, severity: 'warning', code: 'DL3007', message: 'Pin a tag' }));
    const text = diagnosticsText('app/Dockerfile', 'Dockerfile', many, 2);
    assert.match(text, /3 problem\(s\)/);
    assert.match(text, /^1:1 warning DL3007: Pin a tag$/m);
    assert.match(text, /… 1 more not shown/);
  });

  it('confirmations name the engine and the target, and hide secret values', () => {
    const stop = containerActionConfirmation('stop', engine, 'web', false);
    assert.equal(stop.title, 'Stop container web?');
    assert.match(stop.message, /web on engine prod \(ssh:\/\/me@prod\) will be stopped/);
    const rm = containerActionConfirmation('remove', engine, 'web', true);
    assert.match(rm.title, /even if it is running/);
    assert.match(rm.message, /will be removed/);
    const run = runConfirmation(engine, { image: 'busybox', name: 'web', ports: ['8080:80'], env: ['A=1', 'GITHUB_TOKEN=ghp_x'], command: ['sleep', '5'] });
    assert.equal(run.title, 'Run image busybox?');
    assert.match(run.message, /engine prod \(ssh:\/\/me@prod\)/);
    assert.match(run.message, /Ports: 8080:80/);
    assert.match(run.message, /GITHUB_TOKEN=<hidden>/);
    assert.ok(!run.message.includes('ghp_x'));
  });
});
