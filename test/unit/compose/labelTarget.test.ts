import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkLabelTarget } from '../../../src/compose/labelTarget';

describe('compose/labelTarget: container labels name files compose may run', () => {
  let root: string;
  let ws: string;
  let outside: string;
  before(() => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-labels-')));
    ws = path.join(root, 'ws');
    outside = path.join(root, 'elsewhere');
    fs.mkdirSync(path.join(ws, 'app'), { recursive: true });
    fs.mkdirSync(outside);
    fs.writeFileSync(path.join(ws, 'app', 'compose.yaml'), 'services: {}\n');
    fs.writeFileSync(path.join(ws, 'app', 'compose.override.yaml'), 'services: {}\n');
    fs.writeFileSync(path.join(outside, 'compose.yaml'), 'services: {}\n');
    fs.symlinkSync(outside, path.join(ws, 'sneaky'));
  });
  after(() => fs.rmSync(root, { recursive: true, force: true }));

  const labels = (files: string, dir?: string) => ({
    'com.docker.compose.project': 'p',
    'com.docker.compose.project.config_files': files,
    ...(dir ? { 'com.docker.compose.project.working_dir': dir } : {}),
  });

  it('files inside an open workspace folder are run (relative ones against the working dir)', () => {
    const app = path.join(ws, 'app');
    const r = checkLabelTarget(labels(`${app}/compose.yaml,compose.override.yaml`, app), 'p', [ws]);
    assert.deepEqual(r, { kind: 'files', files: [path.join(app, 'compose.yaml'), path.join(app, 'compose.override.yaml')], projectDirectory: app });
  });

  it('a file outside every workspace folder is refused with a clear message (an image can set these labels)', () => {
    const r = checkLabelTarget(labels(path.join(outside, 'compose.yaml'), outside), 'p', [ws]);
    assert.equal(r.kind, 'refused');
    assert.match((r as { message: string }).message, /outside the open workspace folders/);
    assert.match((r as { message: string }).message, /compose\.yaml/);
  });

  it('"..", symlinks out of the workspace and a project folder outside are refused too', () => {
    const viaDots = path.join(ws, 'app', '..', '..', 'elsewhere', 'compose.yaml');
    assert.equal(checkLabelTarget(labels(viaDots), 'p', [ws]).kind, 'refused');
    assert.equal(checkLabelTarget(labels(path.join(ws, 'sneaky', 'compose.yaml')), 'p', [ws]).kind, 'refused');
    assert.equal(checkLabelTarget(labels(path.join(ws, 'app', 'compose.yaml'), outside), 'p', [ws]).kind, 'refused', 'working_dir outside (compose reads its .env)');
  });

  it('no workspace folder open: refused, and says so', () => {
    const r = checkLabelTarget(labels(path.join(ws, 'app', 'compose.yaml'), path.join(ws, 'app')), 'p', []);
    assert.equal(r.kind, 'refused');
    assert.match((r as { message: string }).message, /none is open/);
  });

  it('files that are not on this machine, or no files at all: by project name', () => {
    assert.deepEqual(checkLabelTarget(labels('/nonexistent/dir/compose.yaml', '/nonexistent/dir'), 'p', [ws]), { kind: 'absent' });
    assert.deepEqual(checkLabelTarget({ 'com.docker.compose.project': 'p' }, 'p', [ws]), { kind: 'absent' });
  });

  it('relative files without a working dir are refused', () => {
    assert.equal(checkLabelTarget(labels('compose.yaml'), 'p', [ws]).kind, 'refused');
  });
});
