// The variables of a compose project's .env (or --env-file) file, as compose reads them for
// interpolation: vscode-free, for the editor's compose support and the language-model tools.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { mapSource, parseEnvFile } from './interpolate';

/** `.env` beside the compose file (as compose reads it), or the chosen --env-file, parsed; empty when there is none. */
export function readDotenv(dir: string, env: NodeJS.ProcessEnv = process.env, envFile?: string): Record<string, string> {
  try {
    const text = fs.readFileSync(envFile ?? path.join(dir, '.env'), 'utf8');
    const out: Record<string, string> = {};
    for (const e of parseEnvFile(text, mapSource(env, 'the environment'))) out[e.name] = e.value;
    return out;
  } catch {
    return {};
  }
}
