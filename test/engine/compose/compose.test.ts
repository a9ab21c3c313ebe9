// docker-compose (v1 from Debian, or the docker plugin when present) against the private
// engine, driven with the argument lists the extension uses.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { ComposeCli, composeArgs, detectComposeCli, targetFromLabels } from '../../../src/compose/cli';
import type { Engine } from '../../../src/engine/engine';
import { testEngine, unique } from '../helpers';

const FIXTURE = path.resolve(__dirname, '../../fixtures/compose/two-services/compose.yaml');

function run(cli: ComposeCli, args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cli.bin, args, { env: { ...process.env, DOCKER_HOST: process.env.DOCKER_HOST }, cwd: path.dirname(FIXTURE), shell: false });
    let out = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { out += d.toString(); });
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

describe('compose (engine)', function () {
  let engine: Engine;
  let cli: ComposeCli | undefined;
  const project = unique('compose').replace(/[^a-z0-9_-]/g, '');

  before(async function () {
    engine = testEngine();
    cli = await detectComposeCli();
    if (!cli) throw new Error('no compose CLI on this machine (docker-compose is installed by scripts/install-deps.sh)');
  });

  after(async () => {
    if (cli) await run(cli, composeArgs(cli, { files: [FIXTURE], projectName: project }, { verb: 'down' }));
  });

  const projectContainers = async () => (await engine.listContainers()).filter((c) => c.composeProject === project);

  it('brings a two-service project up detached, restarts, and takes it down', async () => {
    const c = cli!;
    const up = await run(c, composeArgs(c, { files: [FIXTURE], projectName: project }, { verb: 'up', detached: true }));
    assert.equal(up.code, 0, up.out);
    const ctrs = await projectContainers();
    assert.deepEqual(ctrs.map((x) => x.composeService).sort(), ['web', 'worker']);
    assert.ok(ctrs.every((x) => x.state === 'running'));

    // What the Containers tree's project group uses for Down / Logs.
    const target = targetFromLabels(ctrs[0].labels);
    assert.equal(target?.projectName, project);
    assert.equal(target?.projectDirectory, path.dirname(FIXTURE));
    assert.ok(target?.files.some((f) => path.resolve(path.dirname(FIXTURE), f) === FIXTURE), JSON.stringify(target));

    const logs = await run(c, composeArgs(c, { ...target!, files: target!.files.map((f) => path.resolve(target!.projectDirectory!, f)) }, { verb: 'logs', follow: false, services: ['worker'] }));
    assert.equal(logs.code, 0, logs.out);
    assert.match(logs.out, /worker ready/);

    const restart = await run(c, composeArgs(c, { files: [FIXTURE], projectName: project }, { verb: 'restart', services: ['web'] }));
    assert.equal(restart.code, 0, restart.out);

    const down = await run(c, composeArgs(c, { files: [FIXTURE], projectName: project }, { verb: 'down' }));
    assert.equal(down.code, 0, down.out);
    assert.deepEqual(await projectContainers(), []);
  });

  it('brings up only the selected services', async () => {
    const c = cli!;
    const up = await run(c, composeArgs(c, { files: [FIXTURE], projectName: project }, { verb: 'up', detached: true, services: ['worker'] }));
    assert.equal(up.code, 0, up.out);
    assert.deepEqual((await projectContainers()).map((x) => x.composeService), ['worker']);
    const down = await run(c, composeArgs(c, { files: [FIXTURE], projectName: project }, { verb: 'down' }));
    assert.equal(down.code, 0, down.out);
  });
});
