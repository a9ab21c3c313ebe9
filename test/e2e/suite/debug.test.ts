// Extension-host suite: debugging in containers with the real debugger (VS Code's js-debug).
// A `dockyard` launch configuration runs a program in a container made from this machine's node
// binary; a breakpoint set in the local file is hit, a variable is read through the debug
// protocol, and the container is gone once the session ends. Attach Debugger's configuration
// attaches to a container already running node --inspect. The e2e engine has no bridge network,
// so the containers share the host's network with the inspector on 127.0.0.1.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { eventually } from './eventually';
import { buildNodeImage } from '../../support/nodeImage';
import { TEST_LABELS, TestDocker, uniqueName } from '../harness/docker';

const DEBUG_LABEL = 'dockyard.debug';

interface Stop {
  session: vscode.DebugSession;
  threadId: number;
  reason: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const p = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(p));
    });
  });
}


/** A stack frame's source path as a local path (code-server reports vscode-remote:// URIs). */
function localPath(p: string | undefined): string | undefined {
  return p && /^[a-z][a-z0-9+.-]+:\/\//i.test(p) ? vscode.Uri.parse(p).path : p;
}

/** The value of a local variable in the top frame of a stopped thread, read through DAP. */
async function readLocal(stop: Stop, name: string): Promise<{ value: string; file?: string; line: number }> {
  const trace = (await stop.session.customRequest('stackTrace', { threadId: stop.threadId, startFrame: 0, levels: 1 })) as { stackFrames: { id: number; line: number; source?: { path?: string } }[] };
  const frame = trace.stackFrames[0];
  const { scopes } = (await stop.session.customRequest('scopes', { frameId: frame.id })) as { scopes: { name: string; variablesReference: number }[] };
  for (const scope of scopes) {
    const { variables } = (await stop.session.customRequest('variables', { variablesReference: scope.variablesReference })) as { variables: { name: string; value: string }[] };
    const v = variables.find((x) => x.name === name);
    if (v) return { value: v.value, file: localPath(frame.source?.path), line: frame.line };
  }
  throw new Error(`no variable ${name} in ${scopes.map((s) => s.name).join(', ')}`);
}

/** A container start and a debugger attach on a loaded machine take a while. */
const DEBUG_WAIT_MS = 60_000;

describe('Debugging in containers (js-debug, real engine)', function () {
  this.timeout(240_000);
  const host = vscode.workspace.getConfiguration('dockyard').get<string>('host', '') || process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  const docker = new TestDocker(host);
  let image: string;
  let dir: string;
  let file: string;
  const stops: Stop[] = [];
  const disposables: vscode.Disposable[] = [];

  before(async () => {
    await vscode.extensions.getExtension('dockyard.dockyard')?.activate();
    image = await buildNodeImage(docker.docker, docker.image, TEST_LABELS);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dockyard-suite-debug-'));
    file = path.join(dir, 'app.js');
    fs.writeFileSync(file, [
      'function compute(n) {',
      '  const answer = n * 7;',
      '  return answer;',
      '}',
      'let rounds = 0;',
      'const timer = setInterval(() => {',
      '  const result = compute(6);',
      '  if (++rounds >= (process.env.ROUNDS ? Number(process.env.ROUNDS) : 1)) clearInterval(timer);',
      '  console.log("result", result);',
      '}, 50);',
      '',
    ].join('\n'));
    disposables.push(vscode.debug.registerDebugAdapterTrackerFactory('*', {
      createDebugAdapterTracker: (session) => ({
        onDidSendMessage: (m: { type?: string; event?: string; body?: { threadId?: number; reason?: string } }) => {
          if (m.type === 'event' && m.event === 'stopped') stops.push({ session, threadId: m.body?.threadId ?? 0, reason: m.body?.reason ?? '' });
        },
      }),
    }));
  });

  after(async () => {
    await vscode.debug.stopDebugging();
    vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
    for (const d of disposables) d.dispose();
    await docker.cleanup();
    fs.rmSync(dir, { recursive: true, force: true });
    // Leave the window as the journeys expect it: no debug panel, no editors, the Explorer shown.
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand('workbench.view.explorer');
  });

  async function debugContainers(): Promise<string[]> {
    return (await docker.docker.listContainers({ all: true, filters: JSON.stringify({ label: [DEBUG_LABEL] }) })).map((c) => c.Id);
  }

  async function nextBreakpointStop(from: number): Promise<Stop> {
    return eventually(async () => {
      for (const s of stops.slice(from)) {
        if (s.reason === 'breakpoint') return s;
        // Anything else (an entry pause) is continued; the breakpoint comes next.
        if (s.reason !== 'handled') {
          s.reason = 'handled';
          await Promise.resolve(s.session.customRequest('continue', { threadId: s.threadId })).catch(() => undefined);
        }
      }
      return undefined;
    }, 'the breakpoint to be hit', DEBUG_WAIT_MS);
  }

  it('launch: runs the program in a container, stops at a breakpoint in the local file, reads a variable, removes the container at the end', async () => {
    const workspaceFolder = vscode.workspace.workspaceFolders?.[0];
    vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(2, 0)))]);
    const from = stops.length;
    const ended = new Promise<void>((resolve) => {
      const d = vscode.debug.onDidTerminateDebugSession((s) => { if (s.configuration.dockyardContainer) { d.dispose(); resolve(); } });
    });
    const started = await vscode.debug.startDebugging(workspaceFolder, {
      type: 'dockyard',
      request: 'launch',
      name: 'suite: debug app.js in a container',
      runtime: 'node',
      program: 'app.js',
      image,
      localRoot: dir,
      remoteRoot: '/app',
      network: 'host',
      port: await freePort(),
    });
    assert.equal(started, true, 'startDebugging refused the dockyard configuration');
    try {
    const ids = await debugContainers();
    assert.equal(ids.length, 1, 'one labelled debug container runs');
    const info = await docker.docker.getContainer(ids[0]).inspect();
    assert.deepEqual(info.HostConfig.Binds, [`${dir}:/app`]);
    assert.match(info.Config.Cmd.join(' '), /^node --inspect-brk=127\.0\.0\.1:\d+ \/app\/app\.js$/);

    const stop = await nextBreakpointStop(from);
    const answer = await readLocal(stop, 'answer');
    assert.equal(answer.value, '42');
    assert.equal(answer.file, file, 'the stopped frame maps to the workspace file');
    assert.equal(answer.line, 3);

    await stop.session.customRequest('continue', { threadId: stop.threadId });
    await ended;
    } finally {
      await vscode.debug.stopDebugging();
    }
    await eventually(async () => ((await debugContainers()).length === 0 ? true : undefined), 'the debug container to be removed', DEBUG_WAIT_MS);
  });

  it('launch: a configuration without a program is refused before anything runs', async () => {
    const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
      type: 'dockyard', request: 'launch', name: 'suite: no program', image, localRoot: dir,
    });
    assert.equal(started, false);
    assert.deepEqual(await debugContainers(), []);
  });

  it('attach: finds node --inspect in a running container and stops at a breakpoint', async () => {
    const port = await freePort();
    const name = uniqueName('dockyard-suite-inspect');
    const c = await docker.docker.createContainer({
      name,
      Image: image,
      Entrypoint: [],
      Cmd: ['node', `--inspect=127.0.0.1:${port}`, '/app/app.js'],
      Env: ['ROUNDS=100000'],
      WorkingDir: '/app',
      Labels: TEST_LABELS,
      HostConfig: { NetworkMode: 'host', Binds: [`${dir}:/app:ro`] },
    });
    await c.start();
    try {
      vscode.debug.removeBreakpoints(vscode.debug.breakpoints);
      vscode.debug.addBreakpoints([new vscode.SourceBreakpoint(new vscode.Location(vscode.Uri.file(file), new vscode.Position(1, 0)))]);
      const from = stops.length;
      // The inspector is up once node prints it.
      await eventually(async () => {
        const logs = (await c.logs({ stdout: true, stderr: true })).toString();
        return /Debugger listening/.test(logs) ? true : undefined;
      }, 'node --inspect to listen', DEBUG_WAIT_MS);
      const started = await vscode.debug.startDebugging(vscode.workspace.workspaceFolders?.[0], {
        type: 'dockyard', request: 'attach', name: 'suite: attach', container: name, localRoot: dir,
      });
      assert.equal(started, true);
      const stop = await nextBreakpointStop(from);
      const answer = await readLocal(stop, 'n');
      assert.equal(answer.value, '6');
      assert.equal(answer.file, file);
      await vscode.debug.stopDebugging();
      // Attach leaves the container it did not start alone, and Stop only detaches: js-debug would
      // otherwise kill the process tree of the container-namespace pid on this machine (it took the
      // engine down here before the disconnect was made a detach).
      assert.equal((await c.inspect()).State.Running, true);
    } finally {
      await c.remove({ force: true });
    }
  });
});
