// Root hooks of the fault tier: every unhandled rejection or uncaught exception during a test
// fails that test (a stream that dies must never leave one behind).
import type { Context } from 'mocha';

export const unhandled: unknown[] = [];
process.on('unhandledRejection', (reason) => { unhandled.push(reason); });
process.on('uncaughtException', (err) => { unhandled.push(err); });

export const mochaHooks = {
  beforeEach(): void {
    unhandled.length = 0;
  },
  afterEach(this: Context): void {
    if (!unhandled.length) return;
    const list = unhandled.map((e) => (e instanceof Error ? e.stack ?? e.message : String(e))).join('\n---\n');
    unhandled.length = 0;
    throw new Error(`"${this.currentTest?.title}" left unhandled rejection(s) or exception(s):\n${list}`);
  },
};
