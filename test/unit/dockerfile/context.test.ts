import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { FsBuildContext } from '../../../src/dockerfile/fsContext';
import { diags } from './helpers';

describe('dockerfile build context', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-ctx-'));
    fs.mkdirSync(path.join(dir, 'src'));
    fs.writeFileSync(path.join(dir, 'src', 'main.go'), 'package main\n');
    fs.writeFileSync(path.join(dir, 'go.mod'), 'module x\n');
    fs.writeFileSync(path.join(dir, 'secret.env'), 'X=1\n');
    fs.writeFileSync(path.join(dir, '.dockerignore'), '*.env\nnode_modules\n');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const run = (text: string) => diags(text, { context: new FsBuildContext(dir, path.join(dir, 'Dockerfile')) });

  it('reports missing sources and accepts existing ones, globs included', () => {
    const d = run('FROM golang:1.22\nCOPY go.mod go.sum* ./\nCOPY src/*.go /src/\nCOPY missing.txt /x\nCOPY ["src", "/src"]\n');
    const missing = d.filter((x) => x.code === 'CopySourceNotFound');
    assert.equal(missing.length, 2, JSON.stringify(missing.map((m) => m.message))); // go.sum* and missing.txt
    assert.match(missing[1].message, /missing\.txt/);
  });

  it('reports files excluded by .dockerignore as CopyIgnoredFile', () => {
    const d = run('FROM debian:12\nCOPY secret.env /etc/app.env\n');
    assert.deepEqual(d.filter((x) => x.code.startsWith('Copy')).map((x) => x.code), ['CopyIgnoredFile']);
  });

  it('skips --from, URLs, variables and heredocs', () => {
    const d = run('FROM debian:12 AS a\nFROM debian:12\nCOPY --from=a /nope /x\nADD https://example.com/x.tgz /x\nARG F=x\nCOPY $F /x\nCOPY <<EOF /x\nhi\nEOF\n');
    assert.ok(!d.some((x) => x.code === 'CopySourceNotFound' || x.code === 'CopyIgnoredFile'), JSON.stringify(d));
  });

  it('prefers <Dockerfile>.dockerignore', () => {
    fs.writeFileSync(path.join(dir, 'Dockerfile.dockerignore'), 'go.mod\n');
    try {
      const d = run('FROM debian:12\nCOPY go.mod secret.env /x/\n');
      assert.deepEqual(d.filter((x) => x.code === 'CopyIgnoredFile').length, 1);
      assert.match(d.find((x) => x.code === 'CopyIgnoredFile')!.message, /go\.mod/);
    } finally {
      fs.rmSync(path.join(dir, 'Dockerfile.dockerignore'));
    }
  });
});
