// Journey 8: Filter… in the Containers view's title bar narrows the tree to matching names and
// says so in the view's title; a filter that matches nothing says that; Clear Filter brings all back.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'filter',
  description: 'Filter the Containers view by name, nothing-matches message, Clear Filter',
  async run(t) {
    await t.wb.openActivity('Dockyard');
    const containers = t.wb.section('Containers');
    await containers.expand();
    const a = await t.docker.container(t.unique('alpha'));
    const b = await t.docker.container(t.unique('beta'));
    await containers.waitForRow(a.name);
    await containers.waitForRow(b.name);

    await containers.titleAction('Filter…');
    await t.wb.answerInput('alpha');
    await containers.waitForNoRow(b.name);
    await containers.waitForRow(a.name);
    const title = await containers.header.innerText();
    if (!/filter: alpha/.test(title)) throw new Error(`the view's title does not show the filter: ${title}`);
    await t.screenshot('filtered');

    await containers.titleAction('Filter…');
    await t.wb.answerInput('no-such-container-zz');
    await waitUntil(async () => /Nothing matches "no-such-container-zz"/.test(await containers.messageText()) || undefined, 'the nothing-matches message');
    if (await containers.welcomeText()) throw new Error(`the empty-view welcome shows under a filter: ${await containers.welcomeText()}`);
    await t.screenshot('nothing-matches');

    await containers.titleAction('Clear Filter');
    await containers.waitForRow(a.name);
    await containers.waitForRow(b.name);
    await waitUntil(async () => !(await containers.messageText()) || undefined, 'the nothing-matches message to go after Clear Filter', { timeoutMs: 5000 });
    await t.screenshot('cleared');
  },
};
export default journey;
