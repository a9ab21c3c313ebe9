// Validation of names the user types, before anything reaches the engine. Pure (no vscode).
// Each validator returns undefined when the value is fine, or the reason it is not.
import { l10n } from './l10n';

/** Container names: [a-zA-Z0-9][a-zA-Z0-9_.-]+ (the engine's rule: at least two characters). */
export function validateContainerName(name: string): string | undefined {
  if (!name) return l10n.t('A name is required.');
  if (/\s/.test(name)) return l10n.t('Container names cannot contain spaces.');
  if (!/^\/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return l10n.t('Use letters, digits, "_", "." and "-", starting with a letter or digit.');
  if (name.replace(/^\//, '').length < 2) return l10n.t('Container names are at least two characters long.');
  if (name.length > 255) return l10n.t('Names are at most 255 characters.');
  return undefined;
}

/** Volume names: [a-zA-Z0-9][a-zA-Z0-9_.-]+, at least two characters. */
export function validateVolumeName(name: string): string | undefined {
  if (!name) return l10n.t('A name is required.');
  if (/\s/.test(name)) return l10n.t('Volume names cannot contain spaces.');
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/.test(name)) return l10n.t('Use at least two characters: letters, digits, "_", "." and "-", starting with a letter or digit.');
  return undefined;
}

/** Network names: anything printable without spaces or slashes; built-in names are taken. */
export function validateNetworkName(name: string): string | undefined {
  if (!name) return l10n.t('A name is required.');
  if (/\s/.test(name)) return l10n.t('Network names cannot contain spaces.');
  if (!/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/.test(name)) return l10n.t('Use letters, digits, "_", "." and "-", starting with a letter or digit.');
  if (['bridge', 'host', 'none', 'default'].includes(name)) return l10n.t('"{0}" is a built-in network name.', name);
  return undefined;
}
