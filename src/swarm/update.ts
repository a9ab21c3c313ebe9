// Follows a service update (image change, rollback) in a progress notification, from the
// service's own events, until it completes or pauses; a paused update says what to do.
import * as vscode from 'vscode';
import type { Ctx } from '../ctx';
import { describeUpdate, ServiceSummary } from '../engine/swarmModel';
import type { SwarmState } from './state';
import { describeError } from '../shared/errors';

export async function followUpdate(ctx: Ctx, state: SwarmState, service: ServiceSummary, title: string): Promise<void> {
  const swarm = state.swarm;
  const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => new Promise<ServiceSummary | undefined>((resolve) => {
    let done = false;
    let reading = false;
    let again = false;
    let settle: NodeJS.Timeout | undefined;
    const finish = (s: ServiceSummary | undefined) => {
      if (done) return;
      done = true;
      sub.dispose();
      cancel.dispose();
      clearTimeout(timer);
      clearTimeout(settle);
      resolve(s);
    };
    const check = async () => {
      if (reading) { again = true; return; }
      reading = true;
      try {
        do {
          again = false;
          const s = await swarm.service(service.id);
          const u = s.updateStatus;
          if (u?.message) progress.report({ message: u.message });
          if (u && ['completed', 'paused', 'rollback_completed', 'rollback_paused'].includes(u.state)) { finish(s); return; }
          // The end of an update comes with no event: look again one monitor period after the last change.
          clearTimeout(settle);
          settle = setTimeout(() => void check(), s.updateMonitorMs + 1000);
        } while (again && !done);
      } catch (e) {
        ctx.log.warn(`Following the update of ${service.name}: ${describeError(e)}`);
        finish(undefined);
      } finally {
        reading = false;
      }
    };
    // Progress shows as the service's update events and its task containers starting and stopping.
    const sub = ctx.connection.onDidEvent((ev) => {
      if ((ev.type === 'service' && ev.id === service.id) || (ev.type === 'container' && ev.attributes['com.docker.swarm.service.id'] === service.id)) void check();
    });
    const cancel = token.onCancellationRequested(() => finish(undefined));
    const timer = setTimeout(() => finish(undefined), 30 * 60 * 1000);
    void check();
  }));
  if (!outcome?.updateStatus) return;
  const d = describeUpdate(outcome.updateStatus);
  if (outcome.updateStatus.state === 'paused') {
    const rollBack = vscode.l10n.t('Roll Back');
    const pick = await vscode.window.showErrorMessage(vscode.l10n.t('Update of {0} paused: {1} — fix the image or settings and update again, or roll back.', outcome.name, outcome.updateStatus.message || vscode.l10n.t('a task failed')), rollBack);
    if (pick === rollBack) {
      await swarm.rollback(outcome.id);
      await followUpdate(ctx, state, outcome, vscode.l10n.t('Rolling back {0}', outcome.name));
    }
  } else if (d?.problem) {
    void vscode.window.showErrorMessage(`${outcome.name}: ${d.label}`);
  } else {
    void vscode.window.setStatusBarMessage(vscode.l10n.t('{0}: {1}', outcome.name, outcome.updateStatus.state === 'completed' ? vscode.l10n.t('update completed') : d?.label ?? outcome.updateStatus.state), 5000);
  }
}
