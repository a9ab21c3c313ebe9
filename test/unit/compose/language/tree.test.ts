import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildModel } from '../../../../src/compose/language/model';
import { escapePointer, isRecord, parseCompose } from '../../../../src/compose/language/tree';

const CORPUS = path.resolve(__dirname, '../../../fixtures/compose/corpus');

/** Shapes where the spans found on demand could part from the table built while converting. */
const SHAPES: Record<string, string> = {
  merges: [
    'x-a: &a',
    '  image: a',
    '  environment: { A: "1", B: "${B}" }',
    'x-b: &b',
    '  image: b',
    '  ports: ["80"]',
    'services:',
    '  one:',
    '    <<: [*a, *b]',
    '    image: mine',
    '  two:',
    '    <<: *b',
    '    <<: *a',
    '  three:',
    '    environment:',
    '      <<: *a',
    '      C: "$$X"',
    '  four:',
    '    <<: &inline { image: inline, command: ["x", "$Y"] }',
    '  five: *a',
    '  six: [*a, *b]',
    '  seven:',
    '    <<: { constructor: x, toString: y, image: z }',
    '',
  ].join('\n'),
  keys: [
    'services:',
    '  "a/b":',
    '    image: x',
    '  "c~d":',
    '    labels: { "e/f~g": "1", 2: two, true: yes, null: n, 1.5: f }',
    '  empty:',
    '  "<<": { image: quoted-merge-key-is-a-name }',
    '  list:',
    '    image: y',
    '    command:',
    '      -',
    '      - ""',
    '      - \'single $Z\'',
    '      - "double \\t $W"',
    '      - |',
    '        block $V',
    '',
  ].join('\n'),
  nested: [
    'x-base: &base',
    '  deploy: &deploy',
    '    resources: { limits: { cpus: "0.5" } }',
    '  healthcheck: { test: ["CMD", "${CHECK}"] }',
    'x-mid: &mid',
    '  <<: *base',
    '  image: mid',
    'services:',
    '  web:',
    '    <<: *mid',
    '    deploy: *deploy',
    '',
  ].join('\n'),
  // An anchor redefined after an alias inside another anchor.
  redefined: ['x-a: &a { image: one }', 'x-t: &t { svc: *a }', 'services:', '  s1: *t', 'x-b: &a { image: two }', 'x-c: *t', ''].join('\n'),
  duplicate: ['services:', '  a: { image: x }', '  a: { image: y }', ''].join('\n'),
  undefinedAlias: ['services:', '  a:', '    image: *nope', '    command: [*nope, x]', ''].join('\n'),
};

function texts(): [string, string][] {
  const corpus = fs.readdirSync(CORPUS).filter((f) => /\.ya?ml$/.test(f)).map((f): [string, string] => [f, fs.readFileSync(path.join(CORPUS, f), 'utf8')]);
  return [...Object.entries(SHAPES), ...corpus];
}

/** Every pointer into the data, in document order, and a few that name nothing. */
function pointers(data: unknown, ptr = '', out: string[] = []): string[] {
  out.push(ptr);
  if (Array.isArray(data)) data.forEach((v, i) => pointers(v, `${ptr}/${i}`, out));
  else if (isRecord(data)) for (const k of Object.keys(data)) pointers(data[k], `${ptr}/${escapePointer(k)}`, out);
  return out;
}

describe('compose language: the spans index', () => {
  for (const [name, text] of texts()) {
    it(`finds on demand what the full table holds: ${name}`, () => {
      const table = new Map(parseCompose(text, { eager: true }).nodes);
      const lazy = parseCompose(text);
      const asked = [...pointers(lazy.data), ...[...table.keys()].map((p) => `${p}/missing`), '/nope', 'x', '/services/~2', '/services/__proto__'];
      for (const p of asked) assert.deepEqual(lazy.nodes.get(p), table.get(p), `${name} ${p}`);
      // Every value of the data has its spans.
      for (const p of pointers(lazy.data)) assert.ok(lazy.nodes.has(p), `${name} ${p}`);
      // Iterating gives the whole table, in the same order.
      assert.deepEqual([...parseCompose(text).nodes], [...table], name);
    });
  }

  it('references and definitions find the same places on demand as from the full table', () => {
    const flat = (text: string, eager: boolean) => {
      const m = buildModel(parseCompose(text, { eager }));
      return {
        refs: m.references.map((r) => ({ kind: r.kind, name: r.name, ptr: r.ptr, from: r.from, soft: !!r.soft, span: { ...r.span } })),
        defs: [...m.definitions].map(([kind, d]) => [kind, [...d.values()].map((x) => ({ name: x.name, ptr: x.ptr, key: { ...x.key }, value: { ...x.node.value } }))]),
      };
    };
    const shapes = { ...SHAPES, refs: [
      'x-dep: &dep { db: { condition: service_started } }',
      'services:',
      '  db: { image: x, volumes: ["data:/d", "./here:/h"], secrets: [s], configs: [{ source: c }] }',
      '  web:',
      '    depends_on: *dep',
      '    links: ["db:alias"]',
      '    network_mode: "service:db"',
      '    volumes_from: ["service:db:ro", other]',
      '    networks: { front: {} }',
      '    extends: { service: db }',
      '    models: [m]',
      'networks: { front: {} }',
      'volumes: { data: {} }',
      'secrets: { s: { file: ./s } }',
      'configs: { c: { file: ./c } }',
      'models: { m: { model: ai/x } }',
      '',
    ].join('\n') };
    for (const [name, text] of [...Object.entries(shapes), ...texts()]) {
      const lazy = flat(text, false);
      assert.deepEqual(lazy, flat(text, true), name);
      if (name === 'refs') {
        const at = (r: { span: { start: number; end: number } }) => text.slice(r.span.start, r.span.end);
        // A name inside a longer scalar is its own span; a key that came through an alias marks its value there.
        for (const r of lazy.refs) if (!r.ptr.startsWith('/services/web/depends_on')) assert.equal(at(r), r.name, r.ptr);
        assert.equal(at(lazy.refs.find((r) => r.ptr === '/services/web/depends_on/db')!), '{ condition: service_started }');
        assert.equal(lazy.refs.length, 11);
      }
    }
  });

  it('reads an alias as the anchor before it, also inside an anchor expanded after a redefinition (as yaml and compose do)', () => {
    const redefined = parseCompose(SHAPES.redefined);
    assert.deepEqual(redefined.data, { 'x-a': { image: 'one' }, 'x-t': { svc: { image: 'one' } }, services: { s1: { svc: { image: 'one' } } }, 'x-b': { image: 'two' }, 'x-c': { svc: { image: 'one' } } });
    const image = (ptr: string) => { const v = redefined.nodes.get(ptr)!.value; return SHAPES.redefined.slice(v.start, v.end); };
    assert.deepEqual([image('/services/s1/svc/image'), image('/x-c/svc/image')], ['one', 'one']);
    assert.ok(!(redefined.nodes instanceof Map));
  });

  it('builds the full table where the spans depend on the conversion order (a duplicate key)', () => {
    const dup = parseCompose(SHAPES.duplicate);
    assert.ok(dup.nodes instanceof Map);
    assert.deepEqual(dup.problems.map((p) => [p.message, SHAPES.duplicate.slice(p.start, p.end)]), [['Map keys must be unique: "a" is already defined above.', 'a']]);
    // The first place written wins.
    assert.equal(SHAPES.duplicate.slice(dup.nodes.get('/services/a/image')!.value.start, dup.nodes.get('/services/a/image')!.value.end), 'x');
    assert.ok(!(parseCompose(SHAPES.merges).nodes instanceof Map));
  });

  it('marks every mapping and list on the way to a string with a $', () => {
    for (const [name, text] of texts()) {
      const tree = parseCompose(text);
      assert.deepEqual(tree.problems.filter((p) => p.severity === 'error' && !p.local), name === 'duplicate' ? tree.problems : [], name);
      const expected = new Set<object>();
      const walk = (v: unknown): boolean => {
        if (typeof v === 'string') return v.includes('$');
        if (!v || typeof v !== 'object') return false;
        let any = false;
        for (const x of Array.isArray(v) ? v : Object.values(v)) if (walk(x)) any = true;
        if (any) expected.add(v);
        return any;
      };
      walk(tree.data);
      for (const o of expected) assert.ok(tree.withDollars.has(o), `${name}: ${JSON.stringify(o)}`);
    }
    const merges = parseCompose(SHAPES.merges);
    const services = (merges.data as { services: Record<string, unknown> }).services;
    assert.ok(merges.withDollars.has(services.three as object));
    assert.ok(!merges.withDollars.has((services.six as object[])[1]));
  });
});
