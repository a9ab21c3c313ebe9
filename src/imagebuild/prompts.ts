// The build's questions: tag, target stage, build args, options. Each answer defaults to the
// last one given for this Dockerfile.
import * as vscode from 'vscode';
import { validateReference } from '../shared/reference';
import { lastValueDetail, looksSecret } from '../shared/secrets';
import type { DockerfileInfo } from './dockerfileInfo';
import type { BuildAnswers } from './memory';
import { splitImageList, validPlatform } from './buildkitOptions';

interface Item<T> extends vscode.QuickPickItem {
  value: T;
}

export async function askBuildAnswers(
  info: DockerfileInfo,
  defaults: { tag: string; previous?: BuildAnswers; askOptions: boolean; dockerfileLabel: string },
): Promise<BuildAnswers | undefined> {
  const prev = defaults.previous;
  const title = `Build Image from ${defaults.dockerfileLabel}`;

  const tag = await vscode.window.showInputBox({
    title,
    prompt: 'Image name and tag (name:tag)',
    value: prev?.tag ?? defaults.tag,
    valueSelection: undefined,
    validateInput: (v) => validateReference(v),
    ignoreFocusOut: true,
  });
  if (tag === undefined) return undefined;

  let target: string | undefined;
  if (info.stageCount > 1 && info.stages.length) {
    const items: Item<string | undefined>[] = [
      { label: '$(layers) Last stage', description: 'build the whole Dockerfile', value: undefined },
      ...info.stages.map((s) => ({ label: s, description: 'stage', value: s })),
    ];
    const previous = items.find((i) => i.value === prev?.target) ?? items[0];
    const picked = await pickOne(items, `${title}: target stage`, previous);
    if (!picked) return undefined;
    target = picked.value;
  }

  const buildArgs: Record<string, string> = {};
  if (info.args.length) {
    const items: Item<string>[] = info.args.map((a) => ({
      label: a.name,
      description: a.defaultValue !== undefined ? `default: ${a.defaultValue}` : 'no default',
      detail: lastValueDetail(a.name, prev?.buildArgs[a.name]),
      picked: prev?.buildArgs[a.name] !== undefined,
      value: a.name,
    }));
    const picked = await vscode.window.showQuickPick(items, {
      title: `${title}: build arguments`,
      placeHolder: 'Pick the ARGs to set (none: the Dockerfile\'s defaults)',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    for (const p of picked) {
      const arg = info.args.find((a) => a.name === p.value);
      const value = await vscode.window.showInputBox({
        title: `${title}: --build-arg ${p.value}`,
        prompt: `Value for ${p.value}`,
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
      { label: 'No cache', description: '--no-cache: run every step again', picked: noCache, value: 'noCache' },
      { label: 'Pull', description: '--pull: fetch newer base images', picked: pull, value: 'pull' },
      { label: vscode.l10n.t('Platform…'), description: vscode.l10n.t('--platform (BuildKit): {0}', platform ?? vscode.l10n.t('the engine\'s')), picked: !!platform, value: 'platform' },
      { label: vscode.l10n.t('Cache from…'), description: vscode.l10n.t('--cache-from (BuildKit): {0}', cacheFrom?.join(', ') || vscode.l10n.t('none')), picked: !!cacheFrom?.length, value: 'cacheFrom' },
    ];
    const picked = await vscode.window.showQuickPick(items, {
      title: `${title}: options`,
      placeHolder: 'Press Enter to build',
      canPickMany: true,
      ignoreFocusOut: true,
    });
    if (!picked) return undefined;
    noCache = picked.some((p) => p.value === 'noCache');
    pull = picked.some((p) => p.value === 'pull');
    if (picked.some((p) => p.value === 'platform')) {
      const value = await vscode.window.showInputBox({
        title: `${title}: --platform`,
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
        title: `${title}: --cache-from`,
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

