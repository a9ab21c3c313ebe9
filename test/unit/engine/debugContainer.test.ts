import { strict as assert } from 'node:assert';
import { debugCommand, engineIsLocal, findListeningDebugger, remoteProgram } from '../../../src/engine/debugContainer';

describe('engine/debugContainer (pure parts)', () => {
  it('debugCommand: node waits under --inspect-brk, on all interfaces in a bridge network, loopback with the host network', () => {
    assert.deepEqual(debugCommand({ runtime: 'node', program: 'src/a.js', remoteRoot: '/app', args: ['x'], port: 9229, network: 'bridge' }),
      ['node', '--inspect-brk=0.0.0.0:9229', '/app/src/a.js', 'x']);
    assert.deepEqual(debugCommand({ runtime: 'node', program: '/srv/a.js', remoteRoot: '/app', args: [], port: 9300, network: 'host' }),
      ['node', '--inspect-brk=127.0.0.1:9300', '/srv/a.js']);
  });
  it('debugCommand: python listens through debugpy, says so, and waits for the client', () => {
    const cmd = debugCommand({ runtime: 'python', program: 'app.py', remoteRoot: '/app', args: ['--v'], port: 5678, network: 'bridge' });
    assert.equal(cmd[0], 'python3');
    assert.equal(cmd[1], '-c');
    assert.match(cmd[2], /debugpy\.listen\(\("0\.0\.0\.0", 5678\)\)/);
    assert.match(cmd[2], /wait_for_client/);
    assert.deepEqual(cmd.slice(3), ['/app/app.py', '--v']);
  });
  it('remoteProgram joins Windows-style relative paths with forward slashes', () => {
    assert.equal(remoteProgram({ program: 'src\\main.js', remoteRoot: '/app' }), '/app/src/main.js');
  });
  it('engineIsLocal: sockets and loopback tcp are local; ssh and other hosts are not', () => {
    assert.equal(engineIsLocal('unix:///var/run/docker.sock'), true);
    assert.equal(engineIsLocal('npipe:////./pipe/docker_engine'), true);
    assert.equal(engineIsLocal('tcp://127.0.0.1:2375'), true);
    assert.equal(engineIsLocal('tcp://build.lan:2376'), false);
    assert.equal(engineIsLocal('ssh://me@build.lan'), false);
    assert.equal(engineIsLocal('nonsense'), false);
  });
  it('findListeningDebugger: node --inspect forms, NODE_OPTIONS, debugpy --listen, exposed ports', () => {
    assert.deepEqual(findListeningDebugger(['node', '--inspect', 'a.js'], [], []), { runtime: 'node', port: 9229 });
    assert.deepEqual(findListeningDebugger(['node', '--inspect-brk=0.0.0.0:9333', 'a.js'], [], []), { runtime: 'node', port: 9333 });
    assert.deepEqual(findListeningDebugger(['node', 'a.js'], ['NODE_OPTIONS=--max-old-space-size=100 --inspect=9400'], []), { runtime: 'node', port: 9400 });
    assert.deepEqual(findListeningDebugger(['python', '-m', 'debugpy', '--listen', '0.0.0.0:5679', 'app.py'], [], []), { runtime: 'python', port: 5679 });
    assert.deepEqual(findListeningDebugger(['python', 'app.py', '--listen', '80'], [], []), undefined);
    assert.deepEqual(findListeningDebugger(['sh'], [], ['5678/tcp']), { runtime: 'python', port: 5678 });
    assert.deepEqual(findListeningDebugger(['sh'], [], ['80/tcp']), undefined);
  });
});
