// The build's questions: tag, target stage, build args, options. Each answer defaults to the
// last one given for this Dockerfile.
import * as vscode from 'vscode';
import { validateReference } from '../shared/reference';
import { lastValueDetail, looksSecret } from '../shared/secrets';
import type { BuildInput } from './buildInput';
import type { BuildAnswers } from './memory';
import { splitImageList, validPlatform } from './buildkitOptions';

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

export async function askBuildAnswers(
  input: BuildInput,
  defaults: { tag: string; previous?: BuildAnswers; askOptions: boolean; dockerfileLabel: string },
): Promise<BuildAnswers | undefined> {
  const prev = defaults.previous;
  const title = vscode.l10n.t('Build Image from {0}', defaults.dockerfileLabel);

  const tag = await vscode.window.showInputBox({
    title,
    prompt: vscode.l10n.t('Image name and tag (name:tag)'),
    value: prev?.tag ?? defaults.tag,
    valueSelection: undefined,
    validateInput: (v) => validateReference(v),
    ignoreFocusOut: true,
  });
  if (tag === undefined) return undefined;

  let target: string | undefined;
  const stageNames = input.stages.map((s) => s.name).filter((n): n is string => !!n);
  if (input.stages.length > 1 && stageNames.length) {
    const items: Item<string | undefined>[] = [
      { label: `$(layers) ${vscode.l10n.t('Last stage')}`, description: vscode.l10n.t('build the whole Dockerfile'), value: undefined },
      ...stageNames.map((s) => ({ label: s, description: vscode.l10n.t('stage'), value: s })),
    ];
    const previous = items.find((i) => i.value === prev?.target) ?? items[0];
    const picked = await pickOne(items, vscode.l10n.t('{0}: target stage', title), previous);
    if (!picked) return undefined;
    target = picked.value;
  }

  const buildArgs: Record<string, string> = {};
  if (input.args.length) {
    const items: Item<string>[] = input.args.map((a) => ({
      label: a.name,
      description: a.defaultValue !== undefined ? vscode.l10n.t('default: {0}', a.defaultValue) : vscode.l10n.t('no default'),
      detail: lastValueDetail(a.name, prev?.buildArgs[a.name]),
      picked: prev?.buildArgs[a.name] !== undefined,
      value: a.name,
    }));
    const picked = await pickMany(items, vscode.l10n.t('{0}: build arguments', title), vscode.l10n.t('Pick the ARGs to set (none: the Dockerfile\'s defaults)'));
    if (!picked) return undefined;
    for (const p of picked) {
      const arg = input.args.find((a) => a.name === p.value);
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('{0}: --build-arg {1}', title, p.value),
        prompt: vscode.l10n.t('Value for {0}', p.value),
        value: prev?.buildArgs[p.value] ?? arg?.defaultValue ?? '',
        // A secret-looking ARG (TOKEN, PASSWORD, KEY…) is typed hidden and never remembered past the session.
        password: looksSecret(p.value),
        ignoreFocusOut: true,
      });
      if (value === undefined) return undefined;
      buildArgs[p.value] = value;
    }
  }

  let noCache = prev?.noCache ?? false;
  let pull = prev?.pull ?? false;
  let platform = prev?.platform;
  let cacheFrom = prev?.cacheFrom;
  if (defaults.askOptions) {
    const items: Item<'noCache' | 'pull' | 'platform' | 'cacheFrom'>[] = [
      { label: vscode.l10n.t('No cache'), description: vscode.l10n.t('--no-cache: run every step again'), picked: noCache, value: 'noCache' },
      { label: vscode.l10n.t('Pull'), description: vscode.l10n.t('--pull: fetch newer base images'), picked: pull, value: 'pull' },
      { label: vscode.l10n.t('Platform…'), description: vscode.l10n.t('--platform (BuildKit): {0}', platform ?? vscode.l10n.t('the engine\'s')), picked: !!platform, value: 'platform' },
      { label: vscode.l10n.t('Cache from…'), description: vscode.l10n.t('--cache-from (BuildKit): {0}', cacheFrom?.join(', ') || vscode.l10n.t('none')), picked: !!cacheFrom?.length, value: 'cacheFrom' },
    ];
    const picked = await pickMany(items, vscode.l10n.t('{0}: options', title), vscode.l10n.t('Press Enter to build'));
    if (!picked) return undefined;
    noCache = picked.some((p) => p.value === 'noCache');
    pull = picked.some((p) => p.value === 'pull');
    if (picked.some((p) => p.value === 'platform')) {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('{0}: --platform', title),
        prompt: vscode.l10n.t('Target platform, e.g. linux/amd64 or linux/arm64/v8'),
        value: platform ?? 'linux/amd64',
        ignoreFocusOut: true,
        validateInput: (v) => (validPlatform(v) ? undefined : vscode.l10n.t('os/arch or os/arch/variant, e.g. linux/arm64.')),
      });
      if (value === undefined) return undefined;
      platform = value.trim();
    } else platform = undefined;
    if (picked.some((p) => p.value === 'cacheFrom')) {
      const value = await vscode.window.showInputBox({
        title: vscode.l10n.t('{0}: --cache-from', title),
        prompt: vscode.l10n.t('Images to use as cache sources, separated by spaces or commas'),
        value: cacheFrom?.join(' ') ?? '',
        ignoreFocusOut: true,
        validateInput: (v) => {
          const refs = splitImageList(v);
          if (!refs.length) return vscode.l10n.t('At least one image.');
          for (const r of refs) { const e = validateReference(r, { allowDigest: true }); if (e) return `${r}: ${e}`; }
          return undefined;
        },
      });
      if (value === undefined) return undefined;
      cacheFrom = splitImageList(value);
    } else cacheFrom = undefined;
  }

  return { tag: tag.trim(), target, buildArgs, noCache, pull, platform, cacheFrom };
}

function pickMany<T>(items: Item<T>[], title: string, placeHolder: string): Thenable<Item<T>[] | undefined> {
  return vscode.window.showQuickPick(items, { title, placeHolder, canPickMany: true, ignoreFocusOut: true });
}

function pickOne<T>(items: Item<T>[], title: string, active: Item<T>): Promise<Item<T> | undefined> {
  return new Promise((resolve) => {
    const qp = vscode.window.createQuickPick<Item<T>>();
    qp.title = title;
    qp.items = items;
    qp.activeItems = [active];
    qp.ignoreFocusOut = true;
    let done = false;
    qp.onDidAccept(() => { done = true; resolve(qp.selectedItems[0] ?? qp.activeItems[0]); qp.hide(); });
    qp.onDidHide(() => { if (!done) resolve(undefined); qp.dispose(); });
    qp.show();
  });
}

