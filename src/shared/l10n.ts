// Translation for the vscode-free modules (engine errors, terminal banners, validation, Dockerfile
// and compose diagnostics). They call `l10n.t('English text {0}', arg)` exactly like vscode-side code
// calls `vscode.l10n.t`, so `@vscode/l10n-dev export` extracts both into l10n/bundle.l10n.json.
// By default (unit tests, the command-line linter) the English text comes back with {0}, {1}…
// replaced; extension.ts calls `setTranslator(vscode.l10n.t)` once at activation, so in the editor
// the same call returns the text of the display language's bundle.

export type L10nArg = string | number | boolean;
export type Translator = (message: string, ...args: L10nArg[]) => string;

/** English: the message with {n} replaced by the n-th argument (unknown placeholders stay). */
export function formatMessage(message: string, ...args: L10nArg[]): string {
  return message.replace(/\{(\d+)\}/g, (whole, n: string) => {
    const i = Number(n);
    return i < args.length ? String(args[i]) : whole;
  });
}

let translator: Translator = formatMessage;

/** Set once by extension.ts; tests may set and reset it (pass undefined for English). */
export function setTranslator(fn: Translator | undefined): void {
  translator = fn ?? formatMessage;
}

export const l10n = {
  t(message: string, ...args: L10nArg[]): string {
    return translator(message, ...args);
  },
};
