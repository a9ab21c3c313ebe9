// Push and pull with per-layer progress, Cancel, a log channel, and the credentials of the
// image's registry; an auth failure offers Log In.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import type { Engine } from '../engine/engine';
import { EngineError } from '../engine/errors';
import { pullImage, pushImage, TransferHandle } from '../engine/images';
import { ProgressTracker } from '../engine/progress';
import { ImageTagItem } from '../explorer/items';
import type { Explorer } from '../explorer/register';
import { registryOf, validateReference } from '../shared/reference';
import { Credentials } from '../credentials/credentials';
import { matchesImageRef } from '../shared/refMatch';
import { describeError } from '../shared/errors';

/** Push and pull for the commands here and for the search's "Pull". */
export class Transfers {
  private readonly channel: vscode.OutputChannel;

  constructor(ctx: Ctx, private readonly creds: Credentials, private readonly explorer: Explorer) {
    this.channel = ctx.own(vscode.window.createOutputChannel('Dockyard: Registry'));
  }

  /** Runs a push or pull in a cancellable notification with per-layer progress; logs to the channel. */
  private async transfer(verb: 'Push' | 'Pull', ref: string, start: (onLine: (l: string) => void, onProgress: (t: ProgressTracker) => void) => TransferHandle): Promise<{ digest?: string } | undefined> {
    const channel = this.channel;
    channel.appendLine(`${new Date().toLocaleTimeString()} ${verb} ${ref}`);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: verb === 'Push' ? vscode.l10n.t('Pushing {0}', ref) : vscode.l10n.t('Pulling {0}', ref), cancellable: true }, async (progress, token) => {
      let reported = 0;
      const handle = start((l) => channel.appendLine(`  ${l}`), (t) => {
        const pct = Math.round(t.fraction * 100);
        progress.report({ increment: Math.max(0, pct - reported), message: t.summary });
        reported = Math.max(reported, pct);
      });
      const sub = token.onCancellationRequested(() => handle.cancel());
      try {
        const r = await handle.done;
        channel.appendLine(`  done${r.digest ? `: ${r.digest}` : ''}`);
        return r;
      } catch (err) {
        channel.appendLine(`  failed: ${describeError(err)}`);
        if (token.isCancellationRequested) { void vscode.window.showInformationMessage(vscode.l10n.t('{0} of {1} cancelled.', verb, ref)); return undefined; }
        if (err instanceof EngineError && err.kind === 'auth') {
          const host = registryOf(ref);
          const pick = await vscode.window.showErrorMessage(`${err.message}`, vscode.l10n.t('Log In to {0}', host));
          if (pick) await vscode.commands.executeCommand('dockyard.registry.login', host);
          return undefined;
        }
        throw err;
      } finally {
        sub.dispose();
      }
    });
  }


  async askRef(title: string, value: string, prompt: string): Promise<string | undefined> {
    const r = await vscode.window.showInputBox({ title, value, prompt, ignoreFocusOut: true, validateInput: (v) => validateReference(v.trim(), { allowDigest: title.startsWith('Pull') }) });
    return r?.trim();
  }

  /** Pulls; true when the image arrived. */
  async pull(engine: Engine, ref: string): Promise<boolean> {
    const auth = await this.creds.auth(registryOf(ref));
    const r = await this.transfer('Pull', ref, (l, p) => pullImage(engine, ref, auth, l, p));
    if (r) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Pulled {0}{1}.', ref, r.digest ? ` (${r.digest.slice(0, 19)}…)` : ''));
      // "nginx", "docker.io/library/nginx" and "app@sha256:…" all name what the view lists.
      void this.explorer.trees.images.reveal((i) => i instanceof ImageTagItem && matchesImageRef(ref, i), { engine });
    }
    return !!r;
  }

  async push(engine: Engine, repo: string, tag: string): Promise<void> {
    const auth = await this.creds.auth(registryOf(`${repo}:${tag}`));
    const r = await this.transfer('Push', `${repo}:${tag}`, (l, p) => pushImage(engine, repo, tag, auth, l, p));
    if (r) void vscode.window.showInformationMessage(vscode.l10n.t('Pushed {0}:{1}{2}.', repo, tag, r.digest ? ` (${r.digest.slice(0, 19)}…)` : ''));
  }
}
