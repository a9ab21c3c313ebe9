import * as assert from 'node:assert/strict';
import { exitSummary, runProgram, toTerminalText } from '../../../src/programs/process';

describe('compose process', () => {
  it('turns line feeds into CR LF once', () => {
    assert.equal(toTerminalText('a\nb\r\nc'), 'a\r\nb\r\nc');
  });

  it('summarises how a run ended', () => {
    assert.equal(exitSummary('docker-compose up', 0, null), 'docker-compose up finished');
    assert.equal(exitSummary('docker-compose up', 1, null), 'docker-compose up failed with exit code 1');
    assert.equal(exitSummary('docker-compose logs', null, 'SIGINT'), 'docker-compose logs stopped (SIGINT)');
  });

  it('runs a program with its arguments as given (no shell) and collects stdout and stderr', async () => {
    let text = '';
    const p = runProgram(process.execPath, ['-e', 'console.log(process.argv[1]); console.error("err")', 'a b; $(x)'], { env: process.env }, (t) => { text += t; });
    const r = await p.done;
    assert.equal(r.code, 0);
    assert.match(text, /a b; \$\(x\)\r\n/);
    assert.match(text, /err\r\n/);
  });

  it('keeps a character whole when its bytes arrive in two chunks', async () => {
    const chunks: string[] = [];
    // The first byte of "中" (e4 b8 ad), then the rest a moment later: two reads on our side.
    const script = 'process.stdout.write(Buffer.from([0xe4])); setTimeout(() => process.stdout.write(Buffer.from([0xb8, 0xad, 0x0a])), 300)';
    const r = await runProgram(process.execPath, ['-e', script], { env: process.env }, (t) => chunks.push(t)).done;
    assert.equal(r.code, 0);
    assert.equal(chunks.join(''), '中\r\n');
    assert.ok(!chunks.join('').includes('\ufffd'));
  });

  it('stops a program that runs on', async () => {
    const p = runProgram(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { env: process.env }, () => undefined);
    p.stop();
    const r = await p.done;
    assert.equal(r.signal, 'SIGINT');
  });

  it('reports a program that does not exist', async () => {
    const r = await runProgram('dockyard-no-such-program', [], { env: process.env }, () => undefined).done;
    assert.match(r.error ?? '', /ENOENT/);
  });
});
