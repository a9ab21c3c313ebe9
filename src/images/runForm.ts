// The run form: a short multi-step prompt whose every field is validated as it is typed
// (src/engine/runOptions.ts); the last answers per image are offered next time.
import * as vscode from 'vscode';
import {
  buildCreateSpec, CreateSpec, dropFlags, ENV_FLAGS, parseEnv, parsePort, parseVolume, parseVolumesFrom, PORT_FLAGS, RunChoices, splitList, splitWords, validateList,
  VOLUME_FLAGS,
} from '../engine/runOptions';
import { validateContainerName } from '../shared/validate';

const STEPS = 7;

async function input(title: string, step: number, prompt: string, value: string, validate: (v: string) => string | undefined, placeHolder?: string): Promise<string | undefined> {
  return vscode.window.showInputBox({
    title: `${title} (${step}/${STEPS})`, prompt, value, placeHolder, ignoreFocusOut: true,
    validateInput: (v) => validate(v),
  });
}

const words = (s: string) => { const r = splitWords(s); return r.ok ? r.value : []; };
const quoteWord = (w: string) => (/^[^\s'"\\]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`);

/** Asks for every run option; undefined when cancelled. */
export async function runForm(image: string, last: RunChoices | undefined, imageCmd: string[]): Promise<{ choices: RunChoices; spec: CreateSpec } | undefined> {
  const title = vscode.l10n.t('Run {0}', image);
  const prev: RunChoices = last ?? { image, detached: true, remove: false, ports: [], publishAll: false, volumes: [], volumesFrom: [], env: [] };

  const name = await input(title, 1, vscode.l10n.t('Container name (empty: a generated name)'), prev.name ?? '', (v) => (v.trim() ? validateContainerName(v.trim()) : undefined), vscode.l10n.t('e.g. test'));
  if (name === undefined) return undefined;

  type ModeItem = vscode.QuickPickItem & { detached: boolean };
  const modes: ModeItem[] = [
    { label: vscode.l10n.t('Interactive (-it)'), description: vscode.l10n.t('with a terminal attached to it'), detached: false },
    { label: vscode.l10n.t('Detached (-d)'), description: vscode.l10n.t('in the background'), detached: true },
  ];
  const mode = await vscode.window.showQuickPick(modes.sort((a) => (a.detached === prev.detached ? -1 : 1)), { title: `${title} (2/${STEPS})`, placeHolder: vscode.l10n.t('How to run it'), ignoreFocusOut: true });
  if (!mode) return undefined;

  type FlagItem = vscode.QuickPickItem & { flag: 'remove' | 'publishAll' };
  const flagItems: FlagItem[] = [
    { label: '--rm', description: vscode.l10n.t('remove the container when it exits'), flag: 'remove', picked: prev.remove },
    { label: '-P', description: vscode.l10n.t('publish every exposed port on a random host port'), flag: 'publishAll', picked: prev.publishAll },
  ];
  const flags = await vscode.window.showQuickPick(flagItems, { title: `${title} (3/${STEPS})`, placeHolder: vscode.l10n.t('Options (none is fine)'), canPickMany: true, ignoreFocusOut: true });
  if (!flags) return undefined;

  const ports = await input(title, 4, vscode.l10n.t('Published ports -p [ip:][hostPort:]containerPort[/udp], separated by spaces or commas'), prev.ports.join(' '), (v) => validateList(v, parsePort, false, PORT_FLAGS), vscode.l10n.t('e.g. 8080:80 127.0.0.1:2222:22 53:53/udp'));
  if (ports === undefined) return undefined;

  const volumes = await input(title, 5, vscode.l10n.t('Volumes: /host/path:/container/path[:ro|rw] (absolute host paths), volume-name:/path, or --volumes-from container written as from:container'), [...prev.volumes.map(quoteWord), ...prev.volumesFrom.map((f) => `from:${f}`)].join(' '),
    (v) => {
      const w = splitWords(v);
      if (!w.ok) return w.reason;
      for (const entry of dropFlags(w.value, VOLUME_FLAGS)) {
        const r = entry.startsWith('from:') ? parseVolumesFrom(entry.slice(5)) : parseVolume(entry);
        if (!r.ok) return `${entry}: ${r.reason}`;
      }
      return undefined;
    }, vscode.l10n.t('e.g. /srv/data:/data:ro cache:/var/cache from:db'));
  if (volumes === undefined) return undefined;

  const env = await input(title, 6, vscode.l10n.t('Environment KEY=VALUE, separated by spaces (quote values with spaces: KEY="a b")'), prev.env.map(quoteWord).join(' '), (v) => validateList(v, parseEnv, true, ENV_FLAGS), vscode.l10n.t('e.g. MODE=dev GREETING="hello world"'));
  if (env === undefined) return undefined;

  const command = await input(title, 7, vscode.l10n.t('Command (empty: the image\'s {0}); split like a shell would, no shell involved', imageCmd.length ? `"${imageCmd.join(' ')}"` : 'default'), prev.command ?? '',
    (v) => { const r = splitWords(v); return r.ok ? undefined : r.reason; });
  if (command === undefined) return undefined;

  const volumeWords = dropFlags(words(volumes), VOLUME_FLAGS);
  const choices: RunChoices = {
    image,
    name: name.trim() || undefined,
    detached: mode.detached,
    remove: flags.some((f) => f.flag === 'remove'),
    publishAll: flags.some((f) => f.flag === 'publishAll'),
    ports: dropFlags(splitList(ports), PORT_FLAGS),
    volumes: volumeWords.filter((w) => !w.startsWith('from:')),
    volumesFrom: volumeWords.filter((w) => w.startsWith('from:')).map((w) => w.slice(5)),
    env: dropFlags(words(env), ENV_FLAGS),
    command: command.trim() || undefined,
  };
  const built = buildCreateSpec(choices);
  if (!built.ok) {
    void vscode.window.showErrorMessage(built.reason);
    return undefined;
  }
  return { choices, spec: built.value };
}
