import { strict as assert } from 'node:assert';
import {
  attachConfiguration, checkAttach, checkLaunch, detectProject, FolderView, launchConfigFor, pickRuntimeImage, substituteFolder,
} from '../../../src/debug/detect';

function folder(files: Record<string, string>): FolderView {
  return { names: Object.keys(files), read: (n) => files[n] };
}

describe('debug/detect', () => {
  describe('detectProject', () => {
    it('takes the file a "node …" start script runs, with its arguments', () => {
      assert.deepEqual(detectProject(folder({ 'package.json': JSON.stringify({ main: 'lib/x.js', scripts: { start: 'node --enable-source-maps ./dist/server.js --port 3000' } }) })),
        { runtime: 'node', program: 'dist/server.js', args: ['--port', '3000'] });
    });
    it('falls back to package.json main, then index.js', () => {
      assert.deepEqual(detectProject(folder({ 'package.json': JSON.stringify({ main: './lib/main.js', scripts: { start: 'nodemon app' } }) })),
        { runtime: 'node', program: 'lib/main.js', args: [] });
      assert.deepEqual(detectProject(folder({ 'package.json': '{ broken', 'index.js': '' })), { runtime: 'node', program: 'index.js', args: [] });
    });
    it('finds a Python entry (main.py before others, or the only *.py)', () => {
      assert.deepEqual(detectProject(folder({ 'util.py': '', 'main.py': '' })), { runtime: 'python', program: 'main.py', args: [] });
      assert.deepEqual(detectProject(folder({ 'tool.py': '' })), { runtime: 'python', program: 'tool.py', args: [] });
      assert.equal(detectProject(folder({ 'a.py': '', 'b.py': '' })), undefined);
    });
    it('finds nothing in a folder with neither', () => {
      assert.equal(detectProject(folder({ 'README.md': '' })), undefined);
    });
  });

  it('pickRuntimeImage: the newest tag of node (any registry) and not nodejs-like names', () => {
    const images = [
      { repoTags: ['node:18'], created: 1 },
      { repoTags: ['registry.local:5000/library/node:20-slim'], created: 3 },
      { repoTags: ['nodered/node-red:latest', 'mynode:1'], created: 9 },
      { repoTags: ['python:3.12'], created: 2 },
    ];
    assert.equal(pickRuntimeImage('node', images), 'registry.local:5000/library/node:20-slim');
    assert.equal(pickRuntimeImage('python', images), 'python:3.12');
    assert.equal(pickRuntimeImage('node', [{ repoTags: ['busybox:latest'], created: 1 }]), undefined);
  });

  it('launchConfigFor writes a dockyard launch configuration rooted at the workspace folder', () => {
    const c = launchConfigFor({ runtime: 'node', program: 'index.js', args: [] }, 'node:20');
    assert.equal(c.type, 'dockyard');
    assert.equal(c.request, 'launch');
    assert.equal(c.localRoot, '${workspaceFolder}');
    assert.equal(c.remoteRoot, '/app');
    assert.equal(c.image, 'node:20');
  });

  describe('checkLaunch', () => {
    it('applies defaults and substitutes ${workspaceFolder}', () => {
      const c = checkLaunch({ program: '${workspaceFolder}/src/app.js' }, '/w/proj');
      assert.ok(typeof c !== 'string');
      assert.equal(c.runtime, 'node');
      assert.equal(c.program, 'src/app.js');
      assert.equal(c.localRoot, '/w/proj');
      assert.equal(c.remoteRoot, '/app');
      assert.equal(c.port, 9229);
      assert.equal(c.network, 'bridge');
      const py = checkLaunch({ runtime: 'python', program: 'app.py', network: 'host' }, '/w/proj');
      assert.ok(typeof py !== 'string');
      assert.equal(py.port, 5678);
      assert.equal(py.network, 'host');
    });
    it('says what is wrong with bad input', () => {
      assert.match(String(checkLaunch({}, '/w')), /"program"/);
      assert.match(String(checkLaunch({ program: 'a.js', runtime: 'ruby' }, '/w')), /"runtime"/);
      assert.match(String(checkLaunch({ program: 'a.js', port: 70000 }, '/w')), /"port"/);
      assert.match(String(checkLaunch({ program: 'a.js', args: 'x' }, '/w')), /"args"/);
      assert.match(String(checkLaunch({ program: 'a.js', env: { A: 1 } }, '/w')), /"env"/);
      assert.match(String(checkLaunch({ program: 'a.js', remoteRoot: 'app' }, '/w')), /"remoteRoot"/);
      assert.match(String(checkLaunch({ program: 'a.js', localRoot: '${env:HOME}' }, '/w')), /"localRoot"/);
      assert.match(String(checkLaunch({ program: 'a.js', network: 'none' }, '/w')), /"network"/);
      assert.match(String(checkLaunch({ program: 'a.js' }, undefined)), /"localRoot"/);
    });
  });

  it('checkAttach needs a container and keeps the optional fields', () => {
    assert.match(String(checkAttach({}, '/w')), /"container"/);
    const c = checkAttach({ container: ' web ', port: 9230 }, '/w');
    assert.ok(typeof c !== 'string');
    assert.equal(c.container, 'web');
    assert.equal(c.port, 9230);
    assert.equal(c.remoteRoot, undefined);
  });

  it('substituteFolder replaces the folder and its base name', () => {
    assert.equal(substituteFolder('${workspaceFolder}/x/${workspaceFolderBasename}', '/a/proj'), '/a/proj/x/proj');
  });

  it('attachConfiguration: js-debug node attach with path mapping, debugpy attach with pathMappings', () => {
    const n = attachConfiguration('node', 'n', '127.0.0.1', 4000, '/w', '/app', { k: 1 });
    assert.equal(n.type, 'node');
    assert.equal(n.request, 'attach');
    assert.equal(n.port, 4000);
    assert.equal(n.localRoot, '/w');
    assert.equal(n.remoteRoot, '/app');
    assert.equal(n.continueOnAttach, true);
    assert.equal(n.k, 1);
    const p = attachConfiguration('python', 'p', 'h', 5678, '/w', '/app', {});
    assert.equal(p.type, 'debugpy');
    assert.deepEqual(p.connect, { host: 'h', port: 5678 });
    assert.deepEqual(p.pathMappings, [{ localRoot: '/w', remoteRoot: '/app' }]);
  });
});
