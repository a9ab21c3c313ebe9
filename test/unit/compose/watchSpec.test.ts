import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ChangeBatcher, CompiledRule, planBatch, Timers, watchRules, WatchRule } from '../../../src/compose/watchSpec';
import type { ProjectFs } from '../../../src/compose/project';

const ROOT = path.resolve('/example/app');
const memFs = (files: Record<string, string>): ProjectFs => ({ exists: (f) => f in files, read: (f) => files[f] });
const rule = (r: Partial<WatchRule>): WatchRule => ({ service: 'web', action: 'sync', path: path.join(ROOT, 'src'), target: '/app', ignore: [], initialSync: false, ...r });

describe('compose watch rules (develop.watch)', () => {
  const file = path.join(ROOT, 'compose.yaml');
  const override = path.join(ROOT, 'compose.override.yaml');

  it('reads every action, resolves paths against the project folder, splits string exec commands', () => {
    const { rules, problems } = watchRules([file], memFs({ [file]: `services:
  web:
    develop:
      watch:
        - { action: sync, path: ./src, target: /app/, ignore: [node_modules/], initial_sync: true }
        - { action: rebuild, path: package.json }
        - { action: sync+restart, path: ./conf, target: /etc/web }
        - action: sync+exec
          path: hooks
          target: /hooks
          exec: { command: "sh -c 'echo hi'", user: root }
  db:
    image: x
` }), ROOT);
    assert.deepEqual(problems, []);
    assert.deepEqual(rules, [
      { service: 'web', action: 'sync', path: path.join(ROOT, 'src'), target: '/app', ignore: ['node_modules/'], initialSync: true },
      { service: 'web', action: 'rebuild', path: path.join(ROOT, 'package.json'), ignore: [], initialSync: false },
      { service: 'web', action: 'sync+restart', path: path.join(ROOT, 'conf'), target: '/etc/web', ignore: [], initialSync: false },
      { service: 'web', action: 'sync+exec', path: path.join(ROOT, 'hooks'), target: '/hooks', ignore: [], initialSync: false, exec: { command: ['sh', '-c', 'echo hi'], user: 'root' } },
    ]);
  });

  it('reports entries it cannot carry out, one line each, and keeps the others', () => {
    const { rules, problems } = watchRules([file], memFs({ [file]: `services:
  web:
    develop:
      watch:
        - { action: copy, path: ./src, target: /app }
        - { action: sync, path: ./src }
        - { action: sync, path: ./src, target: relative }
        - { action: sync+exec, path: ./src, target: /app }
        - { action: sync, target: /app }
        - { action: sync, path: "\${SRC}", target: /app }
        - { action: sync, path: ./ok, target: /ok }
` }), ROOT);
    assert.equal(problems.length, 6, problems.join('\n'));
    assert.match(problems[0], /web develop\.watch\[0\]: action "copy"/);
    assert.deepEqual(rules.map((r) => r.target), ['/ok']);
  });

  it('a later file\'s develop replaces the earlier one for that service; YAML errors read as nothing', () => {
    const files = {
      [file]: 'services:\n  web:\n    develop:\n      watch:\n        - { action: sync, path: ./a, target: /a }\n',
      [override]: 'services:\n  web:\n    develop:\n      watch:\n        - { action: sync, path: ./b, target: /b }\n',
    };
    assert.deepEqual(watchRules([file, override], memFs(files), ROOT).rules.map((r) => r.target), ['/b']);
    assert.deepEqual(watchRules([file], memFs({ [file]: 'services: [\n' }), ROOT).rules, []);
  });
});

describe('compose watch path mapping and ignores', () => {
  it('maps host paths under the rule path to the target, and nothing outside it', () => {
    const r = new CompiledRule(rule({}));
    assert.equal(r.containerPath(path.join(ROOT, 'src', 'a', 'b.txt')), '/app/a/b.txt');
    assert.equal(r.containerPath(path.join(ROOT, 'src')), '/app');
    assert.equal(r.containerPath(path.join(ROOT, 'srcx', 'b.txt')), undefined);
    assert.equal(r.covers(path.join(ROOT, 'other.txt')), false);
    assert.equal(r.covers(path.join(ROOT, 'src', 'a.txt')), true);
  });

  it('honours ignore patterns with .dockerignore semantics (folders, globs, exceptions) and the default ones', () => {
    const r = new CompiledRule(rule({ ignore: ['node_modules/', '*.log', '!keep.log', 'build/**/*.o'] }));
    const p = (rel: string) => path.join(ROOT, 'src', ...rel.split('/'));
    assert.equal(r.covers(p('node_modules/x/index.js')), false);
    assert.equal(r.covers(p('debug.log')), false);
    assert.equal(r.covers(p('keep.log')), true);
    assert.equal(r.covers(p('build/a/b/c.o')), false);
    assert.equal(r.covers(p('build/a/b/c.c')), true);
    assert.equal(r.covers(p('.git/HEAD')), false);
    assert.equal(r.covers(p('pkg/.main.go.swp')), false);
    assert.equal(r.covers(p('pkg/main.go~')), false);
    assert.equal(r.covers(p('pkg/main.go')), true);
  });
});

describe('compose watch batch plan', () => {
  const rules = [
    new CompiledRule(rule({})),
    new CompiledRule(rule({ action: 'sync+restart', path: path.join(ROOT, 'conf'), target: '/etc/web' })),
    new CompiledRule(rule({ service: 'api', action: 'sync+exec', path: path.join(ROOT, 'src'), target: '/srv', exec: { command: ['reload'] } })),
    new CompiledRule(rule({ service: 'api', action: 'rebuild', path: path.join(ROOT, 'package.json'), target: undefined })),
  ];

  it('copies, deletes, restarts and execs per service', () => {
    const plans = planBatch(rules, new Map([
      [path.join(ROOT, 'src', 'a.txt'), 'changed'], [path.join(ROOT, 'src', 'gone.txt'), 'deleted'], [path.join(ROOT, 'conf', 'x.conf'), 'changed'],
    ]));
    assert.deepEqual(plans, [
      { service: 'web', copies: [{ hostPath: path.join(ROOT, 'src', 'a.txt'), containerPath: '/app/a.txt' }, { hostPath: path.join(ROOT, 'conf', 'x.conf'), containerPath: '/etc/web/x.conf' }], deletes: ['/app/gone.txt'], restart: true, execs: [], rebuild: false },
      { service: 'api', copies: [{ hostPath: path.join(ROOT, 'src', 'a.txt'), containerPath: '/srv/a.txt' }], deletes: ['/srv/gone.txt'], restart: false, execs: [{ command: ['reload'] }], rebuild: false },
    ]);
  });

  it('a rebuild path makes the service\'s syncs of the batch moot; unrelated paths plan nothing', () => {
    const plans = planBatch(rules, new Map([[path.join(ROOT, 'src', 'a.txt'), 'changed'], [path.join(ROOT, 'package.json'), 'changed']]));
    assert.deepEqual(plans.map((p) => [p.service, p.rebuild, p.copies.length]), [['web', false, 1], ['api', true, 0]]);
    assert.deepEqual(planBatch(rules, new Map([[path.join(ROOT, 'README.md'), 'changed']])), []);
  });
});

describe('compose watch debounce', () => {
  /** Timers driven by the test: run(ms) advances the clock. */
  const fakeTimers = () => {
    let now = 0;
    let seq = 0;
    const due = new Map<number, { at: number; fn: () => void }>();
    const timers: Timers = {
      setTimeout: (fn, ms) => { due.set(++seq, { at: now + ms, fn }); return seq; },
      clearTimeout: (h) => { due.delete(h as number); },
    };
    const run = (ms: number) => {
      const end = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    };
    return { timers, run };
  };

  it('one batch for a burst of events, once they go quiet; duplicates folded', () => {
    const { timers, run } = fakeTimers();
    const batches: string[][] = [];
    const b = new ChangeBatcher(100, 1000, (p) => batches.push(p), timers);
    b.add('a'); run(50); b.add('b'); run(50); b.add('a'); run(99);
    assert.deepEqual(batches, []);
    run(1);
    assert.deepEqual(batches, [['a', 'b']]);
  });

  it('a steady stream still flushes at the latest after maxWait', () => {
    const { timers, run } = fakeTimers();
    const batches: string[][] = [];
    const b = new ChangeBatcher(100, 300, (p) => batches.push(p), timers);
    for (let i = 0; i < 10; i++) { b.add(`f${i}`); run(50); }
    assert.equal(batches.length, 1);
    assert.deepEqual(batches[0], ['f0', 'f1', 'f2', 'f3', 'f4', 'f5']);
  });

  it('dispose drops what is pending', () => {
    const { timers, run } = fakeTimers();
    const batches: string[][] = [];
    const b = new ChangeBatcher(100, 300, (p) => batches.push(p), timers);
    b.add('a');
    b.dispose();
    run(1000);
    assert.deepEqual(batches, []);
  });
});
