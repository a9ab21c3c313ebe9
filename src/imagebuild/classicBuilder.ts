// The classic builder's part of a build: the logins of the registries the FROM lines pull from
// (it takes them all up front, as X-Registry-Config, instead of asking through a session), the
// request, and its JSON messages as terminal text and steps. No vscode.
import type { Engine } from '../engine/engine';
import { buildImage } from '../engine/build';
import type { BuildKitRequest } from '../engine/buildkit/build';
import { l10n } from '../shared/l10n';
import { registryOf } from '../shared/reference';
import { DIM, RESET } from '../shared/ansi';
import type { BuildInput } from './buildInput';
import { ContextPlan, packContext } from './context';
import { BuildOutput } from './output';
import type { Builder, BuildHooks, Step } from './job';

export function classicBuilder(engine: Engine, request: BuildKitRequest, input: BuildInput, hooks: BuildHooks): Builder {
  const out = new BuildOutput();
  let lastStep: Step | undefined;
  return {
    name: 'classic',
    async run(plan: ContextPlan): Promise<void> {
      if (request.platform || request.cacheFrom?.length || request.secrets?.length) {
        hooks.onText?.(`${DIM}${l10n.t('--platform, --cache-from and secrets need BuildKit: the classic builder ignores them.')}${RESET}\r\n`);
      }
      const registryConfig: Record<string, { username: string; password: string }> = {};
      if (request.credentials) {
        for (const host of new Set(input.fromImages(request.buildArgs).map(registryOf))) {
          const login = await request.credentials(host).catch(() => undefined);
          if (login) registryConfig[host === 'docker.io' ? 'https://index.docker.io/v1/' : host] = { username: login.username, password: login.password };
        }
      }
      await buildImage(engine, packContext(plan), { ...request, registryConfig }, (m) => {
        const text = out.add(m);
        if (text) hooks.onText?.(text);
        if (out.step && out.step !== lastStep) {
          lastStep = out.step;
          hooks.onStep?.(out.step);
        }
      });
    },
    refused: (message) => out.refused(message),
    lastLines: (n) => out.lastLines(n),
    end: () => ({ failure: out.failure(input), imageId: out.imageId, tags: out.tags }),
  };
}
