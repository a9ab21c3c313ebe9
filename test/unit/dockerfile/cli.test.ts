import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/dockerfile/lint';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, (s) => { out += s; }, (s) => { err += s; });
  return { code, out, err };
}

describe('dockerfile CLI (lint)', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-cli-'));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), 'FROM debian:latest\nADD app.py /app/\nCMD python app.py\nRUNN make\n');
    fs.writeFileSync(path.join(dir, 'ok.Dockerfile'), 'FROM debian:12\nCMD ["true"]\n');
    fs.writeFileSync(path.join(dir, 'app.py'), 'print(1)\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints one JSON object per diagnostic with 1-based positions and exits 1 on errors', async () => {
    const r = await run(['--format', 'json', path.join(dir, 'Dockerfile')]);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    const dl3020 = lines.find((l) => l.code === 'DL3020')!;
    assert.deepEqual(Object.keys(dl3020), ['file', 'line', 'column', 'endLine', 'endColumn', 'code', 'severity', 'message']);
    assert.deepEqual([dl3020.line, dl3020.column, dl3020.endLine, dl3020.endColumn, dl3020.severity], [2, 1, 2, 4, 'warning']);
    assert.ok(lines.some((l) => l.code === 'UnknownInstruction' && l.severity === 'error'), 'the error that makes the exit status 1');
    assert.ok(lines.some((l) => l.code === 'DL3007' && l.line === 1 && l.column === 6));
    assert.ok(!lines.some((l) => l.code === 'CopySourceNotFound'), 'app.py exists in the default context (the file\'s folder)');
  });

  it('exits 0 without errors, uses --context, and text format', async () => {
    const r = await run([path.join(dir, 'ok.Dockerfile')]);
    assert.equal(r.code, 0);
    assert.equal(r.out, '');
    const other = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-cli-ctx-'));
    try {
      const r2 = await run(['--context', other, '--rule', 'DL3020=off', '--rule', 'UnknownInstruction=off', path.join(dir, 'Dockerfile')]);
      assert.match(r2.out, /Dockerfile:2:5: warning CopySourceNotFound: ADD source 'app.py' was not found/);
      assert.equal(r2.code, 0);
    } finally {
      fs.rmSync(other, { recursive: true, force: true });
    }
  });

  it('exits 2 on usage errors', async () => {
    assert.equal((await run([])).code, 2);
    assert.equal((await run(['--format', 'xml', 'Dockerfile'])).code, 2);
    assert.equal((await run(['--bogus', 'Dockerfile'])).code, 2);
    assert.equal((await run([path.join(dir, 'missing')])).code, 2);
    assert.equal((await run(['--rule', 'NOPE=off', 'x'])).code, 2);
  });
});
