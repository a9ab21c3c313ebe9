// Journey 52: a compose project whose file defines a profile and a develop.watch rule (its
// container made with compose's labels). The Containers view shows the profile as a group
// (not up), the project's context menu → Start Watch: the row says it is watched; a file edited
// on disk lands in the running container; Stop Watch: the row is back to normal.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as tarStream from 'tar-stream';
import type { Readable } from 'node:stream';
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const COMPOSE = [
  'services:',
  '  web:',
  '    image: dockyard-test/busybox:latest',
  '    develop:',
  '      watch:',
  '        - action: sync',
  '          path: ./src',
  '          target: /app',
  '  debug:',
  '    image: dockyard-test/busybox:latest',
  '    profiles: [debug]',
  '',
].join('\n');

const journey: Journey = {
  name: 'compose-watch',
  description: 'Compose profiles as groups of a project; Start Watch syncs a file edited on disk into the running container; Stop Watch',
  timeoutMs: 120_000,
  async run(t) {
    const folder = t.unique('composewatch');
    const project = folder.replace(/[^a-z0-9_-]/g, '');
    const dir = path.join(t.workspace, folder);
    fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'compose.yaml'), COMPOSE);
    fs.writeFileSync(path.join(dir, 'src', 'hello.txt'), 'hello\n');
    /** A file's content in the container through GET /archive, undefined while it is not there. */
    const read = async (id: string, p: string): Promise<string | undefined> => {
      let stream: Readable;
      try { stream = (await t.docker.docker.getContainer(id).getArchive({ path: p })) as unknown as Readable; } catch { return undefined; }
      return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        const x = tarStream.extract();
        x.on('entry', (_h, s, next) => { s.on('data', (b: Buffer) => chunks.push(b)); s.on('end', next); });
        x.on('finish', () => resolve(Buffer.concat(chunks).toString('utf8')));
        x.on('error', reject);
        stream.pipe(x);
      });
    };
    try {
      const web = await t.docker.container(`${project}-web-1`, {
        labels: {
          'com.docker.compose.project': project, 'com.docker.compose.service': 'web',
          'com.docker.compose.project.config_files': path.join(dir, 'compose.yaml'), 'com.docker.compose.project.working_dir': dir,
        },
      });
      await t.wb.openActivity('Dockyard');
      const containers = t.wb.section('Containers');
      await containers.expand();
      await containers.waitForRow(project, { timeoutMs: 30_000 });
      // The profile is a group under the project, shown though none of its services is up.
      const debug = await containers.waitForRowInfo('debug', (i) => /profile · not up/.test(i.description), 'the debug profile, not up', { timeoutMs: 30_000 });
      t.log(`profile row: ${debug.label} — ${debug.description}`);
      const profileMenu = await containers.contextMenuItems('debug');
      if (!profileMenu.includes('Compose Up Profile')) throw new Error(`the profile's context menu: ${profileMenu.join(', ')}`);
      await t.screenshot('profile');

      const menu = await containers.contextMenuItems(project);
      t.log(`project menu: ${menu.join(', ')}`);
      if (!menu.includes('Start Watch (develop.watch)') || menu.includes('Stop Watch')) throw new Error(`the project's context menu: ${menu.join(', ')}`);
      await containers.contextMenu(project, 'Start Watch (develop.watch)');
      await containers.waitForRowInfo(project, (i) => /watching/.test(i.description), 'the project row to say it is watched', { timeoutMs: 30_000 });
      await t.screenshot('watching');

      // An edit on disk lands in the container (VS Code's file watcher → PUT /archive).
      const text = `edited ${Date.now()}\n`;
      const t0 = Date.now();
      fs.writeFileSync(path.join(dir, 'src', 'hello.txt'), text);
      await waitUntil(async () => ((await read(web.id, '/app/hello.txt')) === text ? true : undefined), '/app/hello.txt to have the edit', { timeoutMs: 30_000 });
      t.log(`edit → in the container (polled through the archive API): ${Date.now() - t0} ms`);

      const watching = await containers.contextMenuItems(project);
      if (!watching.includes('Stop Watch') || watching.includes('Start Watch (develop.watch)')) throw new Error(`the watched project's context menu: ${watching.join(', ')}`);
      await containers.contextMenu(project, 'Stop Watch');
      await containers.waitForRowInfo(project, (i) => !/watching/.test(i.description), 'the project row back to not watched', { timeoutMs: 30_000 });
      await t.screenshot('stopped');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
export default journey;
