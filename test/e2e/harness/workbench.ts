// Helpers that drive the VS Code workbench (code-server in Chromium) the way a user does:
// activity bar, view sections, tree rows, context menus, the command palette, dialogs,
// notifications, editors and terminals. Journeys use these instead of raw selectors, so a
// selector that changes with a VS Code version is fixed in one place.
import type { Locator, Page } from 'playwright-core';

export interface WaitOptions {
  timeoutMs?: number;
}

const DEFAULT_TIMEOUT = 15_000;
/** VS Code's menu items ignore mouse-ups for their first 100 ms (menu.ts); a margin on top. */
const MENU_ARM_MS = 150;

/** Polls `check` until it returns a truthy value; throws `what` on timeout. */
export async function waitUntil<T>(check: () => Promise<T | undefined | null | false>, what: string, opts: WaitOptions & { intervalMs?: number } = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? DEFAULT_TIMEOUT);
  let last: unknown;
  for (;;) {
    try {
      const v = await check();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${opts.timeoutMs ?? DEFAULT_TIMEOUT} ms waiting for ${what}${last instanceof Error ? ` (last error: ${last.message})` : ''}`);
    }
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 100));
  }
}

/** CSS string literal for attribute selectors. */
function cssString(s: string): string {
  return JSON.stringify(s);
}

export class Workbench {
  constructor(readonly page: Page) {}

  /** Waits for the workbench to be loaded and the extension host to be up. */
  async ready(timeoutMs = 90_000): Promise<void> {
    await this.page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
    await this.page.locator('.part.statusbar').waitFor({ timeout: timeoutMs });
  }

  // ---- activity bar and side bar ------------------------------------------------------

  activityBarItem(title: string): Locator {
    return this.page.locator(`.part.activitybar li.action-item:has(> a.action-label[aria-label^=${cssString(title)}])`).first();
  }

  /** Opens the side bar container behind an activity-bar entry (no toggle if already open). */
  async openActivity(title: string, opts: WaitOptions = {}): Promise<void> {
    const item = this.activityBarItem(title);
    await item.waitFor({ timeout: opts.timeoutMs ?? 60_000 });
    if ((await item.getAttribute('aria-selected')) !== 'true') await item.click();
    await waitUntil(async () => (await item.getAttribute('aria-selected')) === 'true', `activity "${title}" to open`, opts);
    await this.page.locator('.part.sidebar').waitFor({ timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
  }

  /** Drags the side bar's edge so it is `width` px wide (readable descriptions in screenshots). */
  async setSideBarWidth(width: number): Promise<void> {
    const bar = await this.page.locator('.part.sidebar').boundingBox();
    if (!bar) return;
    const sashes = this.page.locator('.monaco-sash.vertical');
    const count = await sashes.count();
    for (let i = 0; i < count; i++) {
      const b = await sashes.nth(i).boundingBox();
      if (!b || Math.abs(b.x + b.width / 2 - (bar.x + bar.width)) > 4 || b.height < bar.height / 2) continue;
      const y = b.y + b.height / 2;
      await this.page.mouse.move(b.x + b.width / 2, y);
      await this.page.mouse.down();
      await this.page.mouse.move(bar.x + width, y, { steps: 4 });
      await this.page.mouse.up();
      await this.parkMouse(); // a hovered sash stays highlighted
      return;
    }
  }

  /** Opens the Explorer and returns its workspace folder tree (its header's label varies between versions). */
  async workspaceExplorer(): Promise<Section> {
    await this.openActivity('Explorer');
    return new Section(this, this.page.locator('.part.sidebar .pane:has(.explorer-folders-view)').first(), 'workspace');
  }

  /** A view section (pane) of the side bar, by its title ("Containers"). */
  section(title: string): Section {
    // The header's label is "<title> Section", or "<title> - <description> Section" while the view has a description (a filter).
    const header = `.pane-header:is([aria-label^=${cssString(`${title} Section`)}], [aria-label^=${cssString(`${title} - `)}])`;
    return new Section(this, this.page.locator(`.part.sidebar .pane:has(> ${header})`).first(), title);
  }

  // ---- menus, palette, dialogs, notifications -----------------------------------------

  /**
   * Clicks an entry of the open context menu by its label ("Stop", "Remove…"). VS Code arms a
   * menu item's mouse-up handler 100 ms after rendering it (so the right-click's own release
   * does not pick an item): a click sooner than that is silently ignored, so wait that long.
   */
  async clickMenuItem(label: string, opts: WaitOptions = {}): Promise<void> {
    const item = this.page.locator('.monaco-menu').getByRole('menuitem', { name: label, exact: true });
    await item.waitFor({ timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
    await this.page.waitForTimeout(MENU_ARM_MS);
    await item.click();
  }

  /** The labels of the open context menu. */
  async menuItems(): Promise<string[]> {
    await this.page.locator('.monaco-menu [role="menuitem"]').first().waitFor({ timeout: DEFAULT_TIMEOUT });
    return this.page.locator('.monaco-menu [role="menuitem"] .action-label').allInnerTexts();
  }

  /** Closes a menu, quick pick or dialog that may be open. */
  async escape(): Promise<void> {
    await this.page.keyboard.press('Escape');
  }

  /**
   * Runs a command from the palette by its full title ("Dockyard: Show Disk Usage"), exactly
   * as a user would: F1, type, pick the row whose label matches.
   */
  async runCommand(title: string, opts: WaitOptions = {}): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await this.page.keyboard.press('F1');
    await input.waitFor({ timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
    await input.fill(`>${title}`);
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row').filter({
      has: this.page.locator('.label-name', { hasText: title }),
    }).first();
    await row.waitFor({ timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
    await row.click();
  }

  /** Types into the open quick input (input box or quick pick) and accepts it. */
  async answerInput(text: string, opts: WaitOptions = {}): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
    await input.fill(text);
    await input.press('Enter');
  }

  /**
   * Clicks a button of a confirmation: a modal dialog (`{ modal: true }`) or, failing that,
   * a notification toast carrying that button.
   */
  async confirm(button: string, opts: WaitOptions = {}): Promise<void> {
    const dialogButton = this.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').filter({ hasText: new RegExp(`^${escapeRegExp(button)}$`) }).first();
    const toastButton = this.page.locator('.notification-toast .monaco-button').filter({ hasText: new RegExp(`^${escapeRegExp(button)}$`) }).first();
    const target = await waitUntil(async () => {
      if (await dialogButton.isVisible()) return dialogButton;
      if (await toastButton.isVisible()) return toastButton;
      return undefined;
    }, `a dialog or notification with a "${button}" button`, opts);
    await target.click();
  }

  /** The text of the modal dialog that is open, if any. */
  async dialogText(): Promise<string | undefined> {
    const box = this.page.locator('.monaco-dialog-box');
    return (await box.isVisible()) ? box.innerText() : undefined;
  }

  /** Waits for a modal dialog whose text matches; returns its text. */
  async waitForDialog(match: RegExp, opts: WaitOptions = {}): Promise<string> {
    return waitUntil(async () => {
      const t = await this.dialogText();
      return t && match.test(t) ? t : undefined;
    }, `a dialog matching ${match}`, opts);
  }

  /** Moves the mouse where it opens no hover or tooltip (before screenshots). */
  async parkMouse(): Promise<void> {
    const box = await this.page.locator('.part.editor').boundingBox();
    if (box) await this.page.mouse.move(box.x + box.width - 40, box.y + box.height / 2);
  }

  /** The messages of the visible notification toasts. */
  async notifications(): Promise<string[]> {
    return this.page.locator('.notification-toast .notification-list-item-message').allInnerTexts();
  }

  /** Waits for a notification whose message matches. */
  async waitForNotification(match: RegExp, opts: WaitOptions = {}): Promise<string> {
    return waitUntil(async () => (await this.notifications()).find((m) => match.test(m)), `a notification matching ${match}`, opts);
  }

  /** Closes every notification toast (they cover the lower right of screenshots). */
  async clearNotifications(): Promise<void> {
    const toasts = this.page.locator('.notification-toast');
    if ((await toasts.count()) === 0) return;
    await this.runCommand('Notifications: Clear All Notifications').catch(() => undefined);
  }

  // ---- editors and terminals ----------------------------------------------------------

  /** The active editor tab's label (file name or title). */
  async activeEditorTitle(): Promise<string | undefined> {
    const tab = this.page.locator('.part.editor .tabs-container .tab.active').first();
    return (await tab.count()) ? ((await tab.getAttribute('data-resource-name')) ?? (await tab.innerText())) : undefined;
  }

  /** Waits for an editor whose tab label matches to become active. */
  async waitForEditor(match: RegExp, opts: WaitOptions = {}): Promise<string> {
    return waitUntil(async () => {
      const t = await this.activeEditorTitle();
      return t && match.test(t) ? t : undefined;
    }, `an editor titled ${match}`, opts);
  }

  /** The visible text of the active text editor (Monaco renders only what is on screen). */
  async activeEditorText(): Promise<string> {
    const lines = this.page.locator('.part.editor .editor-group-container.active .monaco-editor .view-lines').first();
    await lines.waitFor({ timeout: DEFAULT_TIMEOUT });
    return normalizeSpaces(await lines.innerText());
  }

  /**
   * The visible text of the active terminal, in the panel or in an editor tab (needs
   * terminal.integrated.gpuAcceleration off so xterm renders rows into the DOM). The focused
   * terminal wins; otherwise the last visible one. '' when no terminal is visible.
   */
  async terminalText(): Promise<string> {
    const text = await this.page.locator('.xterm-rows').evaluateAll((rows) => {
      const visible = rows.filter((e) => e.getBoundingClientRect().height > 0 && e.getClientRects().length > 0);
      const focused = visible.find((e) => e.closest('.terminal.focus, .xterm.focus'));
      const pick = focused ?? visible[visible.length - 1];
      return pick ? (pick as unknown as { innerText: string }).innerText : '';
    });
    // xterm pads rows with spaces: trim each line's end so patterns can anchor with $.
    return normalizeSpaces(text).split('\n').map((l) => l.trimEnd()).join('\n');
  }

  /** Waits until the active terminal shows text matching `match`. */
  async waitForTerminalText(match: RegExp, opts: WaitOptions = {}): Promise<string> {
    return waitUntil(async () => {
      const t = await this.terminalText();
      return match.test(t) ? t : undefined;
    }, `terminal text matching ${match}`, opts);
  }

  /** The open terminals' names (tabs on the right of the panel, or the single title). */
  async terminalNames(): Promise<string[]> {
    return this.page.locator('.part.panel .terminal-tabs-entry .label-name, .part.panel .single-terminal-tab .label-name').allInnerTexts();
  }

  /** Problems reported for files (the Problems panel must be open: View: Focus Problems). */
  async problems(): Promise<string[]> {
    return this.page.locator('.part.panel .markers-panel .monaco-list-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? ''));
  }

  /** Opens a workspace file through Quick Open (Ctrl+P), as a user would. */
  async openFile(relativePath: string, opts: WaitOptions = {}): Promise<void> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
    await input.fill(relativePath);
    const base = relativePath.split('/').pop() ?? relativePath;
    // The first row may still be a recently opened editor while the search runs: wait for a row
    // that is the file asked for, and pick that one.
    const row = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(base)}\\s*$`) }) }).first();
    await row.waitFor({ timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
    await row.click();
    await this.waitForEditor(new RegExp(`^${escapeRegExp(base)}`), opts);
  }
}

/** One view section of the side bar: its rows, its welcome content. */
export class Section {
  constructor(readonly wb: Workbench, readonly root: Locator, readonly title: string) {}

  get header(): Locator {
    return this.root.locator('> .pane-header');
  }

  /** Expands the section when collapsed. */
  async expand(): Promise<void> {
    await this.header.waitFor({ timeout: DEFAULT_TIMEOUT });
    if ((await this.header.getAttribute('aria-expanded')) !== 'true') await this.header.click();
  }

  /** Tree rows of the section. */
  rows(): Locator {
    return this.root.locator('.pane-body .monaco-list-row');
  }

  /** The row whose label is exactly `label` (not its description). */
  row(label: string): Locator {
    return this.rows().filter({ has: this.root.page().locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRegExp(label)}\\s*$`) }) }).first();
  }

  /** Waits for a row labelled `label` to show. */
  async waitForRow(label: string, opts: WaitOptions = {}): Promise<Locator> {
    const row = this.row(label);
    await row.waitFor({ state: 'visible', timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
    return row;
  }

  /** Waits for the row labelled `label` to disappear. */
  async waitForNoRow(label: string, opts: WaitOptions = {}): Promise<void> {
    await this.row(label).waitFor({ state: 'detached', timeout: opts.timeoutMs ?? DEFAULT_TIMEOUT });
  }

  /** Labels of the visible rows. */
  async labels(): Promise<string[]> {
    return this.rows().locator('.label-name').allInnerTexts();
  }

  /** Row state a user sees: description, icon (codicon id) and accessible label. */
  async rowInfo(label: string): Promise<RowInfo> {
    const row = this.row(label);
    return row.evaluate((r) => {
      const icon = r.querySelector('.custom-view-tree-node-item-icon');
      const codicon = icon ? [...icon.classList].find((c) => c.startsWith('codicon-'))?.slice('codicon-'.length) : undefined;
      return {
        label: r.querySelector('.label-name')?.textContent ?? '',
        description: r.querySelector('.label-description')?.textContent ?? '',
        icon: codicon ?? '',
        ariaLabel: r.getAttribute('aria-label') ?? '',
        expanded: r.getAttribute('aria-expanded') === 'true',
      };
    });
  }

  /** Waits until the row's info satisfies `check`; returns it. */
  async waitForRowInfo(label: string, check: (info: RowInfo) => boolean, what: string, opts: WaitOptions = {}): Promise<RowInfo> {
    return waitUntil(async () => {
      const info = await this.rowInfo(label);
      return check(info) ? info : undefined;
    }, `row "${label}" in ${this.title}: ${what}`, opts);
  }

  /** Expands a collapsed row (e.g. an image repository to show its tags). */
  async expandRow(label: string): Promise<void> {
    const row = await this.waitForRow(label);
    if ((await row.getAttribute('aria-expanded')) === 'false') await row.locator('.monaco-tl-twistie').click();
  }

  /** Expands the section and the `parent` row, and waits for `child` under it (a tag under its repository). */
  async showChild(parent: string, child: string, opts: WaitOptions = {}): Promise<Locator> {
    await this.expand();
    await this.waitForRow(parent, opts);
    await this.expandRow(parent);
    // The child row under this parent (another row may carry the same label elsewhere in the
    // tree, e.g. two compose.yaml files): one level deeper, after the parent, before the next
    // row at the parent's level.
    const parentRow = this.row(parent);
    return waitUntil(async () => {
      const [pIndex, pLevel] = await parentRow.evaluate((r) => [Number(r.getAttribute('data-index')), Number(r.getAttribute('aria-level'))]);
      const found = await this.rows().evaluateAll((rows, [name, pi, pl]) => {
        const sorted = rows.map((r) => ({ i: Number(r.getAttribute('data-index')), l: Number(r.getAttribute('aria-level')), name: r.querySelector('.label-name')?.textContent?.trim() }))
          .filter((r) => r.i > (pi as number)).sort((a, b) => a.i - b.i);
        for (const r of sorted) {
          if (r.l <= (pl as number)) return undefined;
          if (r.l === (pl as number) + 1 && r.name === name) return r.i;
        }
        return undefined;
      }, [child, pIndex, pLevel] as const);
      if (found === undefined) return undefined;
      const row = this.root.locator(`.pane-body .monaco-list-row[data-index="${found}"]`);
      return (await row.isVisible()) ? row : undefined;
    }, `row "${child}" under "${parent}" in ${this.title}`, opts);
  }

  /**
   * Right-clicks a row and picks a context-menu entry. When the tree re-renders the row while
   * the menu is open (an engine event), the click can land on a stale menu that stays open;
   * when it re-renders the row under the right-click, no menu opens at all: either way the
   * menu is closed and the right-click repeated.
   */
  async contextMenu(label: string, item: string, opts: WaitOptions = {}): Promise<void> {
    const menu = this.root.page().locator('.context-view .monaco-menu');
    for (let attempt = 1; ; attempt++) {
      const row = await this.waitForRow(label, opts);
      await row.click({ button: 'right' });
      try {
        await this.wb.clickMenuItem(item, attempt < 3 ? { timeoutMs: 3000 } : opts);
      } catch (e) {
        if (attempt >= 3) throw e;
        await this.wb.escape();
        continue;
      }
      try {
        await menu.waitFor({ state: 'hidden', timeout: 2000 });
        return;
      } catch (e) {
        if (attempt >= 3) throw new Error(`the context menu of "${label}" stayed open after clicking "${item}"`);
        await this.wb.escape();
      }
    }
  }

  /** The labels a right-click on the row offers (menu closed again afterwards). */
  async contextMenuItems(label: string): Promise<string[]> {
    const row = await this.waitForRow(label);
    await row.click({ button: 'right' });
    const items = await this.wb.menuItems();
    await this.wb.escape();
    return items;
  }

  /** The welcome content (viewsWelcome) shown in the section, or '' when the tree shows. */
  async welcomeText(): Promise<string> {
    const w = this.root.locator('.pane-body .welcome-view-content');
    if (!(await w.count()) || !(await w.first().isVisible())) return '';
    return normalizeSpaces(await w.first().innerText());
  }

  /** The buttons of the welcome content (e.g. ["Retry", "Engine Settings"]). */
  async welcomeButtons(): Promise<string[]> {
    const w = this.root.locator('.pane-body .welcome-view-content');
    if (!(await w.count()) || !(await w.first().isVisible())) return [];
    return (await w.first().locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
  }

  /** The tree view's message (TreeView.message) shown above the tree, or ''. */
  async messageText(): Promise<string> {
    const m = this.root.locator('.pane-body .message:not(.hide)');
    if (!(await m.count()) || !(await m.first().isVisible())) return '';
    // The message can go between the check and the read: then there is none (not a 30 s wait for it).
    return normalizeSpaces(await m.first().innerText({ timeout: 1000 }).catch(() => '')).trim();
  }

  async waitForWelcome(match: RegExp, opts: WaitOptions = {}): Promise<string> {
    return waitUntil(async () => {
      const t = await this.welcomeText();
      return match.test(t) ? t : undefined;
    }, `welcome text matching ${match} in ${this.title}`, opts);
  }

  /** Clicks a button in the section's title bar by its tooltip ("Refresh"). */
  async titleAction(label: string): Promise<void> {
    await this.header.hover();
    await this.header.locator(`.action-label[aria-label^=${cssString(label)}]`).first().click();
  }
}

export interface RowInfo {
  label: string;
  description: string;
  /** The codicon id of the row's icon, e.g. "vm-running". */
  icon: string;
  ariaLabel: string;
  expanded: boolean;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Monaco and xterm render spaces as U+00A0. */
function normalizeSpaces(s: string): string {
  return s.replace(/\u00a0/g, ' ');
}
