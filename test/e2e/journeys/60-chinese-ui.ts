// Journey 60 (zh-cn): Dockyard in a Chinese VS Code. Runs on a code-server of its own started with
// --locale zh-cn (and the test-only language pack stub, see test/e2e/README.md): the Dockyard views
// are titled 容器/镜像/数据卷/网络 (package.nls.zh-cn.json), a container's context menu is Chinese,
// a command found in the palette by its Chinese title prompts in Chinese (l10n bundle), and the
// validation message comes from the vscode-free src/shared/validate through src/shared/l10n.
import type { Journey } from '../harness/journey';
import { waitUntil } from '../harness/workbench';

const journey: Journey = {
  name: 'chinese-ui',
  locale: 'zh-cn',
  description: 'With --locale zh-cn: Chinese view titles, context menu, a command by its Chinese title, Chinese prompt and validation',
  timeoutMs: 120_000,
  async run(t) {
    await t.wb.openActivity('Dockyard');
    for (const title of ['容器', '镜像', '数据卷', '网络']) await t.wb.section(title).root.waitFor({ timeout: 30_000 });
    const containers = t.wb.section('容器');
    await containers.expand();
    const c = await t.docker.container(t.unique('zh'));
    // Its menu follows its state: wait until the row says running (the accessible label carries the engine's state).
    await containers.waitForRowInfo(c.name, (i) => /running/.test(i.ariaLabel), 'running', { timeoutMs: 30_000 });
    const items = await containers.contextMenuItems(c.name);
    t.log(`context menu: ${items.join(', ')}`);
    for (const want of ['打开 Shell', '查看日志', '停止', '查看详情 (inspect)']) {
      if (!items.includes(want)) throw new Error(`the container's context menu has no "${want}": ${items.join(', ')}`);
    }
    await t.screenshot('views');

    // A command from the palette by its Chinese title; its prompt and validation are Chinese.
    await t.wb.runCommand('Dockyard: 创建数据卷…');
    const widget = t.page.locator('.quick-input-widget');
    const input = widget.locator('.quick-input-box input');
    const message = widget.locator('.quick-input-message');
    await input.waitFor();
    await waitUntil(async () => /数据卷名称/.test(await message.innerText().catch(() => '')) || undefined, 'the prompt 数据卷名称');
    await input.fill('my vol');
    const m = await waitUntil(async () => {
      const text = (await message.innerText().catch(() => '')).trim();
      return /数据卷名称中不能包含空格/.test(text) ? text : undefined;
    }, 'the Chinese validation message for "my vol"');
    t.log(`validation: ${m}`);
    const title = (await widget.locator('.quick-input-title').innerText().catch(() => '')).trim();
    if (!/创建数据卷/.test(title)) throw new Error(`the input box's title is "${title}", not 创建数据卷`);
    await t.screenshot('create-volume');
    await t.wb.escape();
  },
};
export default journey;
