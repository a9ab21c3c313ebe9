// Journey: a container's files in the tree. Expand container → Files → srv, open note.txt and see
// its content, edit and save it, and read the new content back from the engine; a change made in
// the container meanwhile is not silently overwritten by the next save.
import type { Readable } from 'node:stream';
import * as tarStream from 'tar-stream';
import type { TestDocker } from '../harness/docker';
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

/** The file's content as the engine has it (GET /archive), not as the editor shows it. */
async function engineFile(docker: TestDocker, id: string, path: string): Promise<string> {
  const stream = (await docker.docker.getContainer(id).getArchive({ path })) as unknown as Readable;
  const extract = tarStream.extract();
  let text = '';
  extract.on('entry', (_h, body, next) => {
    body.on('data', (b: Buffer) => { text += b.toString('utf8'); });
    body.on('end', next);
  });
  await new Promise<void>((resolve, reject) => { extract.on('finish', resolve); extract.on('error', reject); stream.pipe(extract); });
  return text;
}

const journey: Journey = {
  name: 'container-files',
  description: 'Browse a container\'s files, open one, edit and save it back into the container',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const section = t.wb.section('Containers');
    await section.expand();
    const c = await t.docker.container(t.unique('files'), { cmd: ['sh', '-c', 'mkdir -p /srv && echo hello-from-container > /srv/note.txt && exec sleep 3600'] });
    await section.waitForRowInfo(c.name, (i) => /running/i.test(i.ariaLabel), 'running');
    await waitUntil(async () => (await engineFile(t.docker, c.id, '/srv/note.txt').catch(() => '')).includes('hello'), 'the container to write its file');

    // Room for the file tree: the other sections fold away (and come back at the end).
    const others = ['Images', 'Volumes', 'Networks', 'Registries'].map((title) => t.wb.section(title));
    for (const o of others) if ((await o.header.getAttribute('aria-expanded')) === 'true') await o.header.click();

    await section.expandRow(c.name);
    await section.expandRow('Files');
    await section.expandRow('srv');
    const row = await section.waitForRow('note.txt');
    await t.screenshot('tree');
    await row.click();
    await t.wb.waitForEditor(/^note\.txt/);
    await waitUntil(async () => (await t.wb.activeEditorText()).includes('hello-from-container'), 'the file content in the editor');

    // Edit and save: the engine has the new content.
    await t.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first().click();
    await t.page.keyboard.press('Control+A');
    await t.page.keyboard.type('edited in dockyard');
    await t.page.keyboard.press('Control+S');
    await waitUntil(async () => (await engineFile(t.docker, c.id, '/srv/note.txt')) === 'edited in dockyard', 'the saved content on the engine', { timeoutMs: 15000 });
    await t.screenshot('saved');

    // Changed in the container meanwhile: saving again does not overwrite it without asking.
    const exec = await t.docker.docker.getContainer(c.id).exec({ Cmd: ['sh', '-c', 'echo changed-in-container-and-longer > /srv/note.txt'] });
    const s = (await exec.start({ hijack: true, stdin: false })) as unknown as Readable;
    await new Promise<void>((resolve) => { s.on('end', resolve); s.on('close', resolve); s.resume(); });
    await t.page.keyboard.type(' again');
    await t.page.keyboard.press('Control+S');
    await waitUntil(async () => {
      const n = await t.page.locator('.notification-toast, .monaco-dialog-box').allInnerTexts();
      return n.some((x) => /newer|changed in the container|Failed to save/i.test(x));
    }, 'a save conflict message');
    await t.screenshot('conflict');
    assert(await engineFile(t.docker, c.id, '/srv/note.txt'), 'changed-in-container-and-longer\n');

    // Leave the page as found: discard the edit, close editors and the conflict message.
    await t.wb.runCommand('File: Revert File');
    await t.wb.runCommand('View: Close All Editors');
    await t.wb.runCommand('Notifications: Clear All Notifications');

    // A volume's files, read-only, through a helper container that is gone afterwards.
    const vol = await t.docker.volume(t.unique('vol'));
    const filler = await t.docker.container(t.unique('filler'), { binds: [`${vol}:/data`], cmd: ['sh', '-c', 'echo volume-content > /data/hello.txt && exec sleep 3600'] });
    await waitUntil(async () => (await engineFile(t.docker, filler.id, '/data/hello.txt').catch(() => '')).includes('volume-content'), 'the volume file');
    await section.header.click(); // fold Containers: room for Volumes
    const volumes = t.wb.section('Volumes');
    await volumes.expand();
    await volumes.expandRow(vol);
    await volumes.expandRow('Files');
    await (await volumes.waitForRow('hello.txt')).click();
    await t.wb.waitForEditor(/^hello\.txt/);
    await waitUntil(async () => (await t.wb.activeEditorText()).includes('volume-content'), 'the volume file in the editor');
    await t.screenshot('volume');
    const helpers = () => t.docker.docker.listContainers({ all: true, filters: { label: ['dockyard.helper=volume-browser'] } });
    await waitUntil(async () => ((await helpers()).length === 0 ? true : undefined), 'the helper containers to be removed');
    await t.wb.runCommand('View: Close All Editors');
    await section.expand();
    for (const o of others) await o.expand();
  },
};

function assert(actual: string, expected: string): void {
  if (actual !== expected) throw new Error(`expected the engine to keep ${JSON.stringify(expected)}, found ${JSON.stringify(actual)}`);
}

export default journey;
