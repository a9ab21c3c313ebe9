// Extension-host suite: Dockyard's language-model tools through the editor's own vscode.lm.invokeTool
// (toolInvocationToken undefined: outside a chat request), against the e2e engine.
//
// How VS Code 1.100 (code-server 4.100.3) treats a tool invoked outside a chat request, read from its
// LanguageModelToolsService: it calls the tool's prepareInvocation first; when that returns
// confirmationMessages it shows a modal dialog (title as the message, the message as its detail) and
// runs invoke only after Continue (Cancel rejects with a CancellationError). chat.tools.autoApprove is
// not consulted there. So this suite (which cannot press a button in the browser) checks the
// confirmation on each tool that changes something through prepareInvocation, checks that bad input
// is refused through invokeTool (prepareInvocation refuses it before any dialog), and runs the
// tool's invoke itself for the engine side of start/stop/restart/remove/run. In code-server, the
// harness (which drives the browser) also answers the real dialog for it: Cancel, then Continue.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { TestDocker, uniqueName } from '../harness/docker';
import { DialogAnswer, dialogAnswerFile, dialogRequestFile, RunnerConfig } from '../harness/results';

const EXTENSION_ID = 'dockyard.dockyard';
type Tool = vscode.LanguageModelTool<unknown>;

interface DockyardApi {
  lmTools?: Record<string, Tool>;
}

const none = new vscode.CancellationTokenSource().token;

function textOf(result: vscode.LanguageModelToolResult): string {
  return result.content.map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : '')).join('');
}

async function invoke(name: string, input: object): Promise<string> {
  return textOf(await vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined }));
}

/** invokeTool rejects, with a message that matches. */
async function refused(name: string, input: object, message: RegExp): Promise<void> {
  await assert.rejects(Promise.resolve(vscode.lm.invokeTool(name, { input, toolInvocationToken: undefined })), (e: unknown) => {
    assert.ok(e instanceof Error, `${name}: rejects with an Error`);
    assert.match(e.message, message);
    return true;
  });
}

/** The runner's config in code-server (absent in desktop VS Code, where no harness answers dialogs). */
function runnerConfig(): RunnerConfig | undefined {
  const file = path.join(__dirname, '..', 'config.json');
  return fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) as RunnerConfig : undefined;
}

/** Asks the harness to press `button` in the next modal dialog; resolves with the dialog's text. */
async function pressInDialog(resultsFile: string, button: string): Promise<string> {
  const answerFile = dialogAnswerFile(resultsFile);
  fs.rmSync(answerFile, { force: true });
  fs.writeFileSync(dialogRequestFile(resultsFile), JSON.stringify({ button }));
  const deadline = Date.now() + 45_000;
  while (!fs.existsSync(answerFile)) {
    if (Date.now() > deadline) throw new Error(`the harness answered no dialog (${button})`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const answer = JSON.parse(fs.readFileSync(answerFile, 'utf8')) as DialogAnswer;
  fs.rmSync(answerFile);
  if (answer.error !== undefined || answer.text === undefined) throw new Error(`the harness could not press ${button}: ${answer.error}`);
  return answer.text;
}

describe('language-model tools', () => {
  const host = vscode.workspace.getConfiguration('dockyard').get<string>('host', '') || process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
  const docker = new TestDocker(host);
  const names = {
    running: uniqueName('dockyard-suite-lm-run'),
    stopped: uniqueName('dockyard-suite-lm-stop'),
    volume: uniqueName('dockyard-suite-lm-v'),
    network: uniqueName('dockyard-suite-lm-n'),
    image: uniqueName('dockyard-suite-lm-img'),
    started: uniqueName('dockyard-suite-lm-new'),
  };
  let tools: Record<string, Tool>;
  let engineLine: RegExp;
  let logged: { id: string; name: string };

  before(async function () {
    this.timeout(60_000);
    const api = (await vscode.extensions.getExtension<DockyardApi>(EXTENSION_ID)!.activate());
    assert.ok(api?.lmTools, 'activate() returns { lmTools } so tests can call prepareInvocation');
    tools = api.lmTools;
    logged = await docker.container(names.running, { cmd: ['sh', '-c', 'for i in 1 2 3 4 5; do echo "line $i"; done; echo oops >&2; sleep 3600'] });
    await docker.container(names.stopped, { start: false });
    await docker.volume(names.volume);
    await docker.network(names.network);
    await docker.tag(names.image, 'v1');
    // The engine line every answer starts with: the active engine's name and the host the harness set.
    const first = await invoke('dockyard_list_networks', { name: names.network });
    const m = /^Engine: (.+) \((.+)\)$/m.exec(first);
    assert.ok(m, `an engine line in:\n${first}`);
    assert.equal(m[2], host);
    engineLine = new RegExp(`^Engine: ${m[1].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(${host.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\)\n`);
  });

  after(async () => {
    const c = docker.docker.getContainer(names.started);
    await c.remove({ force: true }).catch(() => undefined);
    await docker.cleanup();
  });

  it('are all registered with the editor', () => {
    const registered = new Set(vscode.lm.tools.map((t) => t.name));
    const declared = (vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON as { contributes: { languageModelTools: { name: string }[] } }).contributes.languageModelTools.map((t) => t.name);
    assert.equal(declared.length, 14);
    assert.deepEqual(declared.filter((n) => !registered.has(n)), []);
  });

  it('list containers: all, running only, by name; names the engine', async () => {
    const all = await invoke('dockyard_list_containers', { name: 'dockyard-suite-lm-' });
    assert.match(all, engineLine);
    assert.ok(all.includes(names.running) && all.includes(names.stopped), all);
    assert.match(all, new RegExp(`${names.running}\\s+[0-9a-f]{12}\\s+dockyard-test/busybox:latest\\s+running`));
    const running = await invoke('dockyard_list_containers', { name: 'dockyard-suite-lm-', all: false });
    assert.ok(running.includes(names.running) && !running.includes(names.stopped), running);
    const one = await invoke('dockyard_list_containers', { name: 'dockyard-suite-lm-', limit: 1 });
    assert.match(one, /Containers: 2/);
    assert.match(one, /… 1 more not shown/);
  });

  it('list images, volumes and networks', async () => {
    assert.match(await invoke('dockyard_list_images', { name: names.image }), new RegExp(`${names.image}:v1\\s+[0-9a-f]{12}`));
    const volumes = await invoke('dockyard_list_volumes', { name: names.volume });
    assert.match(volumes, engineLine);
    assert.match(volumes, new RegExp(`Volumes: 1\\n[\\s\\S]*${names.volume}\\s+local`));
    assert.match(await invoke('dockyard_list_networks', { name: names.network }), new RegExp(`${names.network}\\s+[0-9a-f]{12}\\s+bridge\\s+local`));
    assert.match(await invoke('dockyard_list_volumes', { name: 'no-such-volume-anywhere' }), /Volumes: 0$/);
  });

  it('container logs: the last lines, stdout and stderr, bounded by tail', async () => {
    let text = '';
    for (let i = 0; i < 50 && !/line 5/.test(text); i++) {
      text = await invoke('dockyard_container_logs', { container: logged.name });
      if (!/line 5/.test(text)) await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(text, engineLine);
    // stdout in order; stderr too (the engine orders the two streams by arrival).
    assert.match(text, /line 1[\s\S]*line 2[\s\S]*line 3[\s\S]*line 4[\s\S]*line 5/);
    assert.match(text, /Z oops$/m);
    const stamped = (t: string) => t.split('\n').filter((l) => /^\d{4}-\d\d-\d\dT[\d:.]+Z /.test(l));
    assert.equal(stamped(text).length, 6);
    const tail = await invoke('dockyard_container_logs', { container: logged.name, tail: 2 });
    assert.match(tail, /last 2 lines/);
    assert.equal(stamped(tail).length, 2, tail);
    const since = await invoke('dockyard_container_logs', { container: logged.name, since: '1h' });
    assert.match(since, /since 1h/);
    assert.equal(stamped(since).length, 6);
    const future = await invoke('dockyard_container_logs', { container: logged.name, since: String(Math.floor(Date.now() / 1000) + 3600) });
    assert.match(future, /\(no output\)$/);
  });

  it('inspect: each kind, trimmed fields', async () => {
    const c = await invoke('dockyard_inspect', { kind: 'container', target: names.running });
    assert.match(c, engineLine);
    assert.match(c, /"Status": "running"/);
    assert.match(c, new RegExp(`"Name": "/${names.running}"`));
    assert.ok(!c.includes('GraphDriver'), 'trimmed');
    assert.match(await invoke('dockyard_inspect', { kind: 'image', target: `${names.image}:v1` }), new RegExp(`"${names.image}:v1"`));
    assert.match(await invoke('dockyard_inspect', { kind: 'volume', target: names.volume }), /"Driver": "local"/);
    assert.match(await invoke('dockyard_inspect', { kind: 'network', target: names.network }), /"Internal": true/);
  });

  it('image layers: sizes and total from the image history', async () => {
    const text = await invoke('dockyard_image_layers', { image: `${names.image}:v1` });
    assert.match(text, engineLine);
    assert.match(text, new RegExp(`Layers of image ${names.image}:v1, newest first: \\d+ entries, [\\d.]+ [kMG]?B in total`));
    assert.match(text, /LAYER\s+SIZE\s+CREATED\s+CREATED BY/);
  });

  it('Dockerfile and compose diagnostics of workspace files', async () => {
    const df = await invoke('dockyard_dockerfile_diagnostics', { path: 'Dockerfile' });
    assert.match(df, /^Dockerfile Dockerfile: /);
    // The fixture's FROM has no tag: hadolint's DL3006 ("Always tag the version of an image explicitly").
    assert.match(df, /^\d+:\d+ \w+ DL3006: /m);
    const compose = await invoke('dockyard_compose_diagnostics', { path: 'compose.yaml' });
    assert.match(compose, /^Compose file compose\.yaml: no problems found\.$/);
    const doc = await vscode.workspace.openTextDocument({ language: 'dockercompose', content: 'services:\n  web:\n    depends_on: [db]\n' });
    try {
      assert.equal(doc.isUntitled, true);
      await refused('dockyard_compose_diagnostics', { path: doc.uri.fsPath }, /"path"/);
    } finally {
      // An untitled document with text is dirty: close it unsaved, or the journeys meet a "Save changes?" dialog.
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('diagnostics refuse files outside the workspace and missing files', async () => {
    await refused('dockyard_dockerfile_diagnostics', { path: '/etc/passwd' }, /not inside an open workspace folder/);
    await refused('dockyard_dockerfile_diagnostics', { path: 'no/such/Dockerfile' }, /was not found in the workspace/);
    await refused('dockyard_dockerfile_diagnostics', { path: '../../../../../../etc/passwd' }, /was not found in the workspace/);
    await refused('dockyard_compose_diagnostics', { path: 'api' }, /is a folder, not a file/);
    await refused('dockyard_compose_diagnostics', {}, /"path" is required/);
  });

  it('every tool refuses bad input with a message that says what to change', async () => {
    await refused('dockyard_list_containers', { limit: 5000 }, /"limit" must be between 1 and 200/);
    await refused('dockyard_list_images', { colour: 'red' }, /Unknown input field\(s\): colour/);
    await refused('dockyard_list_volumes', { name: 7 }, /"name" must be a string/);
    await refused('dockyard_list_networks', { engine: 'no-such-engine' }, /"engine": no engine is named "no-such-engine"/);
    await refused('dockyard_container_logs', { container: names.running, tail: 100000 }, /"tail" must be between 1 and 1000/);
    await refused('dockyard_container_logs', { container: 'bad name!' }, /not a container name or id/);
    await refused('dockyard_container_logs', { container: names.running, since: 'last tuesday' }, /"since"/);
    await refused('dockyard_inspect', { kind: 'secret', target: 'x' }, /"kind" must be one of/);
    await refused('dockyard_image_layers', { image: 'Busybox' }, /"image" is not an image reference or id/);
    // Tools that change something refuse in prepareInvocation, before the editor asks the user.
    await refused('dockyard_start_container', {}, /"container" is required/);
    await refused('dockyard_stop_container', { container: 'x y' }, /not a container name or id/);
    await refused('dockyard_restart_container', { container: names.running, force: true }, /Unknown input field\(s\): force/);
    await refused('dockyard_remove_container', { container: names.running, engine: 'elsewhere' }, /no engine is named "elsewhere"/);
    await refused('dockyard_run_image', { image: 'busybox', ports: ['http'] }, /"ports" entry "http"/);
    await refused('dockyard_run_image', { image: 'busybox', name: 'a' }, /"name"/);
    await refused('dockyard_run_image', { image: 'busybox', env: ['NO_EQUALS_SIGN'] }, /"env" entry/);
  });

  it('engine errors come back naming the engine', async () => {
    await refused('dockyard_inspect', { kind: 'container', target: 'dockyard-suite-no-such-container' }, /^Engine: .+\n.*no longer exists|^Engine: .+\n.*No such container/s);
  });

  it('tools that change something ask first, naming the engine and the target', async () => {
    for (const [name, input, title] of [
      ['dockyard_start_container', { container: names.stopped }, `Start container ${names.stopped}?`],
      ['dockyard_stop_container', { container: names.running }, `Stop container ${names.running}?`],
      ['dockyard_restart_container', { container: names.running }, `Restart container ${names.running}?`],
      ['dockyard_remove_container', { container: names.stopped, force: true }, `Remove container ${names.stopped} (even if it is running)?`],
      ['dockyard_run_image', { image: `${names.image}:v1`, name: names.started, env: ['API_TOKEN=s3cret'] }, `Run image ${names.image}:v1?`],
    ] as const) {
      const prepared = await tools[name].prepareInvocation!({ input }, none);
      assert.ok(prepared?.confirmationMessages, `${name} asks for confirmation`);
      assert.equal(prepared.confirmationMessages.title, title);
      const message = String(prepared.confirmationMessages.message);
      assert.ok(message.includes(host), `${name}: the message names the engine's host: ${message}`);
      assert.ok(!message.includes('s3cret'), 'secret-looking values are hidden');
    }
    // …whatever the input says (there is no field to skip it).
    await assert.rejects(async () => tools.dockyard_stop_container.prepareInvocation!({ input: { container: names.running, confirm: false } }, none), /Unknown input field\(s\): confirm/);
    // Read-only tools do not ask.
    for (const name of ['dockyard_list_containers', 'dockyard_container_logs', 'dockyard_inspect', 'dockyard_image_layers', 'dockyard_dockerfile_diagnostics']) {
      assert.equal(tools[name].prepareInvocation, undefined, `${name} needs no confirmation`);
    }
  });

  const config = runnerConfig();
  if (config) {
    it('through the editor\'s own confirmation dialog: Cancel leaves the container alone, Continue stops it', async function () {
      this.timeout(120_000);
      const stop = () => Promise.resolve(vscode.lm.invokeTool('dockyard_stop_container', { input: { container: names.running }, toolInvocationToken: undefined }));
      // Cancel: invokeTool rejects and the container still runs.
      const cancelled = stop();
      const shown = await pressInDialog(config.resultsFile, 'Cancel');
      assert.match(shown, new RegExp(`Stop container ${names.running}\\?`));
      assert.ok(shown.includes(host), `the dialog names the engine: ${shown}`);
      await assert.rejects(cancelled, (e: unknown) => e instanceof Error && /cancel/i.test(`${e.name} ${e.message}`));
      assert.equal(await docker.containerState(logged.id), 'running');
      // Continue: the tool runs.
      const confirmed = stop();
      await pressInDialog(config.resultsFile, 'Continue|Yes|OK');
      const text = textOf(await confirmed);
      assert.match(text, engineLine);
      assert.match(text, /State now: exited/);
      assert.equal(await docker.containerState(logged.id), 'exited');
      await docker.start(logged.id);
    });
  }

  it('after confirmation: stop, start, restart, run and remove act on the engine', async function () {
    this.timeout(60_000);
    const run = async (name: string, input: object) => {
      const r = await tools[name].invoke({ input, toolInvocationToken: undefined }, none);
      return textOf(r as vscode.LanguageModelToolResult);
    };
    const stopped = await run('dockyard_stop_container', { container: names.running });
    assert.match(stopped, engineLine);
    assert.match(stopped, /State now: exited/);
    assert.equal(await docker.containerState(logged.id), 'exited');
    assert.match(await run('dockyard_start_container', { container: names.running }), /State now: running/);
    assert.equal(await docker.containerState(logged.id), 'running');
    assert.match(await run('dockyard_restart_container', { container: names.running }), /State now: running/);
    const created = await run('dockyard_run_image', { image: `${names.image}:v1`, name: names.started, ports: ['127.0.0.1:18123:80'], env: ['MODE=lm'], command: 'sleep 300' });
    assert.match(created, engineLine);
    assert.match(created, new RegExp(`Started container ${names.started} \\([0-9a-f]{12}\\) from image ${names.image}:v1`));
    const info = await docker.docker.getContainer(names.started).inspect();
    assert.equal(info.State.Status, 'running');
    assert.deepEqual(info.Config.Cmd, ['sleep', '300']);
    assert.ok(info.Config.Env.includes('MODE=lm'));
    assert.deepEqual(info.HostConfig.PortBindings, { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '18123' }] });
    // A running container is removed only with force.
    await assert.rejects(async () => tools.dockyard_remove_container.invoke({ input: { container: names.started }, toolInvocationToken: undefined }, none), /^Error: Engine: .+\n.*running container/);
    assert.match(await run('dockyard_remove_container', { container: names.started, force: true }), new RegExp(`Removed container ${names.started}`));
    await assert.rejects(docker.docker.getContainer(names.started).inspect());
  });
});
