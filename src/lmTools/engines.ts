// Which engine a language-model tool acts on, from the engines Dockyard shows (the active one
// first, then those pinned in the user's dockyard.engines). Pure (no vscode).
import { l10n } from '../shared/l10n';
import { ToolInputError } from './input';

export interface EngineChoice {
  name: string;
  active: boolean;
}

/**
 * The active engine when no name is given, else the shown engine of that name (exact, then
 * ignoring case). In an untrusted workspace, tools that change something act only on the active
 * engine: text in the workspace that a model reads must not steer a change to another engine.
 */
export function chooseEngine<T extends EngineChoice>(shown: readonly T[], name: string | undefined, mutating: boolean, trusted: boolean): T {
  const chosen = name === undefined ? shown[0]
    : shown.find((s) => s.name === name) ?? shown.find((s) => s.name.toLowerCase() === name.toLowerCase());
  if (!chosen) {
    if (name === undefined) throw new Error(l10n.t('No Docker engine is configured.'));
    throw new ToolInputError(l10n.t('"engine": no engine is named "{0}". Engines: {1}. Leave "engine" out for the active one.', name, shown.map((s) => s.name).join(', ')));
  }
  if (mutating && !chosen.active && !trusted) {
    throw new ToolInputError(l10n.t('In an untrusted workspace, tools that change something act only on the active engine ({0}).', shown[0]?.name ?? ''));
  }
  return chosen;
}
