// Several files (compose.yaml + compose.override.yaml found as the CLI finds it), a profile and
// an --env-file, run with the argument lists the extension builds, against the private engine
// (Debian's docker-compose 1.29, or the docker plugin when present).
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ComposeCli, composeArgs, ComposeTarget, detectComposeCli } from '../../../src/compose/cli';
import { defaultChoice, filesFor, projectOfFile, ProjectFs, servicesAndProfiles } from '../../../src/compose/project';
import type { Engine } from '../../../src/engine/engine';
import { testEngine, unique } from '../helpers';

const DIR = path.resolve(__dirname, '../../fixtures/compose/profiles');
const BASE = path.join(DIR, 'compose.yaml');
const diskFs: ProjectFs = { exists: (f) => fs.existsSync(f), read: (f) => { try { return fs.readFileSync(f, 'utf8'); } catch { return undefined; } } };

function run(cli: ComposeCli, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    // No GREETING in the environment: the value must come from the env file.
    const env = { ...process.env };
    delete env.GREETING;
    const child = spawn(cli.bin, args, { env, cwd: DIR, shell: false });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

describe('compose files, profiles and env file (engine)', function () {
  let engine: Engine;
  let cli: ComposeCli | undefined;
  const project = unique('composeprof').replace(/[^a-z0-9_-]/g, '');

  before(async function () {
    engine = testEngine();
    cli = await detectComposeCli();
    if (!cli) throw new Error('no compose CLI on this machine (docker-compose is installed by scripts/install-deps.sh)');
  });

  const target = (t: Partial<ComposeTarget>): ComposeTarget => ({ files: filesFor(BASE, diskFs), projectName: project, ...t });

  after(async () => {
    if (cli) await run(cli, composeArgs(cli, target({ profiles: ['debug'] }), { verb: 'down' }));
  });

  const running = async () => (await engine.listContainers()).filter((c) => c.composeProject === project);

  it('finds the override file and the profiles the files define', () => {
    assert.deepEqual(filesFor(BASE, diskFs), [BASE, path.join(DIR, 'compose.override.yaml')]);
    assert.deepEqual(servicesAndProfiles(filesFor(BASE, diskFs), diskFs), { services: ['web', 'debug', 'worker'], profiles: ['debug'] });
    assert.deepEqual(defaultChoice(BASE, diskFs, {}).profiles, []);
  });

  it('up with both files and no profile: web (with the override\'s label) and worker, not debug', async () => {
    const c = cli!;
    const up = await run(c, composeArgs(c, target({}), { verb: 'up', detached: true }));
    assert.equal(up.code, 0, up.out);
    const ctrs = await running();
    assert.deepEqual(ctrs.map((x) => x.composeService).sort(), ['web', 'worker']);
    const web = ctrs.find((x) => x.composeService === 'web')!;
    assert.equal(web.labels['dockyard.override'], 'yes');
    // What Compose Logs on either file uses to find the project.
    assert.equal(projectOfFile(BASE, ctrs), project);
    assert.equal(projectOfFile(path.join(DIR, 'compose.override.yaml'), ctrs), project);
    assert.equal(projectOfFile(path.join(DIR, 'nope.yaml'), ctrs), undefined);
    const env = ((await engine.inspectContainer(web.id)).Config as { Env: string[] }).Env;
    assert.ok(env.includes('GREETING=from-default'), env.join(' '));
  });

  it('up with the debug profile and the env file: debug starts, web gets the env file\'s value', async () => {
    const c = cli!;
    const up = await run(c, composeArgs(c, target({ profiles: ['debug'], envFile: path.join(DIR, 'test.env') }), { verb: 'up', detached: true }));
    assert.equal(up.code, 0, up.out);
    const ctrs = await running();
    assert.deepEqual(ctrs.map((x) => x.composeService).sort(), ['debug', 'web', 'worker']);
    const web = ctrs.find((x) => x.composeService === 'web')!;
    const env = ((await engine.inspectContainer(web.id)).Config as { Env: string[] }).Env;
    assert.ok(env.includes('GREETING=hello-from-env-file'), env.join(' '));

    // Down Selected Services: only debug goes.
    const rm = await run(c, composeArgs(c, target({ profiles: ['debug'] }), { verb: 'rm', services: ['debug'] }));
    assert.equal(rm.code, 0, rm.out);
    assert.deepEqual((await running()).map((x) => x.composeService).sort(), ['web', 'worker']);

    const down = await run(c, composeArgs(c, target({ profiles: ['debug'] }), { verb: 'down' }));
    assert.equal(down.code, 0, down.out);
    assert.deepEqual(await running(), []);
  });
});
