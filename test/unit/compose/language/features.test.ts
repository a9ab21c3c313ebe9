import * as assert from 'node:assert/strict';
import { analyzeCompose } from '../../../../src/compose/language/analyze';
import { complete, cursorContext } from '../../../../src/compose/language/completion';
import { hoverAt } from '../../../../src/compose/language/hover';
import { interpolate, mapSource, parseEnvFile, scanVariables } from '../../../../src/compose/language/interpolate';
import { definitionAt, outline, referencesAt, renameEdits } from '../../../../src/compose/language/navigation';
import { checkDuration, parsePortShort } from '../../../../src/compose/language/syntax';
import { applyEdits, at } from './helpers';

const FILE = [
  'services:',
  '  web:',
  '    image: nginx',
  '    depends_on:',
  '      - db',
  '    links: ["db:database"]',
  '    networks: [front]',
  '    volumes:',
  '      - data:/data',
  '  db:',
  '    image: postgres',
  '    network_mode: "service:web"',
  '  admin:',
  '    depends_on:',
  '      db:',
  '        condition: service_started',
  '    volumes_from: ["service:db:ro"]',
  'networks:',
  '  front: {}',
  'volumes:',
  '  data:',
  '',
].join('\n');

function labels(text: string, offset: number, opts = {}): string[] {
  return complete(text, offset, analyzeCompose(text).model, opts).map((c) => c.label);
}

/** Text with a cursor marker `|`: the text without it and the offset. */
function cursor(withBar: string): [string, number] {
  const i = withBar.indexOf('|');
  return [withBar.slice(0, i) + withBar.slice(i + 1), i];
}

describe('compose language: completion', () => {
  it('reads the cursor position from indentation, also in half-typed files', () => {
    const [t, o] = cursor('services:\n  web:\n    deploy:\n      resources:\n        lim|\n');
    const c = cursorContext(t, o)!;
    assert.deepEqual([c.path, c.position, c.prefix], [['services', 'web', 'deploy', 'resources'], 'key', 'lim']);
    const [t2, o2] = cursor('services:\n  web:\n    ports:\n      - target: 80\n        pro|');
    assert.deepEqual(cursorContext(t2, o2)!.path, ['services', 'web', 'ports', '#']);
    const [t3, o3] = cursor('services:\n  web:\n    restart: |');
    const c3 = cursorContext(t3, o3)!;
    assert.deepEqual([c3.path, c3.position, c3.key], [['services', 'web'], 'value', 'restart']);
  });

  it('top-level keys and service keys from the schema, without the ones already there', () => {
    const [t, o] = cursor('services:\n  web:\n    image: x\n    |\n    ports: []\n');
    const l = labels(t, o);
    for (const k of ['build', 'command', 'depends_on', 'healthcheck', 'environment', 'profiles']) assert.ok(l.includes(k), k);
    assert.ok(!l.includes('image') && !l.includes('ports'), 'siblings left out');
    const [t2, o2] = cursor('services:\n  web:\n    image: x\n|');
    const top = labels(t2, o2);
    for (const k of ['networks', 'volumes', 'secrets', 'configs', 'name', 'include']) assert.ok(top.includes(k), k);
    assert.ok(!top.includes('services'));
  });

  it('nested keys: healthcheck, deploy.resources, long port syntax', () => {
    let [t, o] = cursor('services:\n  web:\n    healthcheck:\n      |');
    assert.ok(['test', 'interval', 'timeout', 'retries', 'start_period'].every((k) => labels(t, o).includes(k)));
    [t, o] = cursor('services:\n  web:\n    ports:\n      - target: 80\n        |');
    assert.ok(['published', 'protocol', 'host_ip', 'mode'].every((k) => labels(t, o).includes(k)), labels(t, o).join());
  });

  it('values: enums, booleans and the well-known ones', () => {
    let [t, o] = cursor('services:\n  web:\n    depends_on:\n      db:\n        condition: |');
    assert.deepEqual(labels(t, o).sort(), ['service_completed_successfully', 'service_healthy', 'service_started']);
    [t, o] = cursor('services:\n  web:\n    restart: |');
    assert.deepEqual(labels(t, o), ['no', 'always', 'on-failure', 'unless-stopped']);
    [t, o] = cursor('services:\n  web:\n    read_only: |');
    assert.ok(labels(t, o).includes('true'));
  });

  it('names where they are referenced: services, networks, volumes, network_mode', () => {
    const base = FILE;
    const [t, o] = cursor(base.replace('      - db\n', '      - |\n'));
    assert.deepEqual(labels(t, o).sort(), ['admin', 'db']);
    const [t2, o2] = cursor(base.replace('networks: [front]', 'networks:\n      - |'));
    assert.deepEqual(labels(t2, o2), ['front']);
    const [t3, o3] = cursor(base.replace('      - data:/data', '      - |'));
    assert.ok(labels(t3, o3).includes('data'));
    assert.equal(complete(t3, o3, analyzeCompose(t3).model).find((c) => c.label === 'data')!.insertText, 'data:');
    const [t4, o4] = cursor(base.replace('network_mode: "service:web"', 'network_mode: |'));
    assert.deepEqual(labels(t4, o4), ['service:web', 'service:admin', 'bridge', 'host', 'none']);
  });

  it('profiles the file already uses', () => {
    const [t, o] = cursor('services:\n  a:\n    image: x\n    profiles: [debug]\n  b:\n    image: y\n    profiles:\n      - |\n');
    assert.deepEqual(labels(t, o), ['debug']);
  });

  it('local images after image:, replacing what is typed', () => {
    const [t, o] = cursor('services:\n  web:\n    image: ngi|\n');
    const items = complete(t, o, analyzeCompose(t).model, { images: [{ tag: 'nginx:latest' }, { tag: 'busybox:1' }] });
    assert.deepEqual(items.map((i) => i.label), ['nginx:latest', 'busybox:1']);
    assert.deepEqual(items[0].replace, { start: o - 3, end: o });
  });

  it('paths after build:, env_file: and dockerfile:', () => {
    const listDir = (d: string) => (d === '/p' ? [{ name: 'api', dir: true }, { name: 'app.env', dir: false }] : d === '/p/api' ? [{ name: 'Dockerfile', dir: false }, { name: 'src', dir: true }] : []);
    let [t, o] = cursor('services:\n  web:\n    build: |');
    assert.deepEqual(labels(t, o, { listDir, dir: '/p' }), ['./api/']);
    [t, o] = cursor('services:\n  web:\n    env_file: |');
    assert.deepEqual(labels(t, o, { listDir, dir: '/p' }), ['api/', 'app.env']);
    [t, o] = cursor('services:\n  web:\n    build:\n      context: ./api\n      dockerfile: |');
    assert.deepEqual(labels(t, o, { listDir, dir: '/p' }), ['Dockerfile', 'src/']);
    [t, o] = cursor('services:\n  web:\n    build: ./api/|');
    assert.deepEqual(labels(t, o, { listDir, dir: '/p' }), ['./api/src/']);
  });

  it('nothing inside comments', () => {
    const [t, o] = cursor('services:\n  web: # a comm|\n');
    assert.deepEqual(labels(t, o), []);
  });
});

describe('compose language: navigation and rename', () => {
  const a = analyzeCompose(FILE);

  it('go to definition from depends_on, links, network_mode, volumes_from, networks and volumes', () => {
    const def = (needle: string, nth = 0, delta = 1) => {
      const d = definitionAt(a.model, at(FILE, needle, nth, delta));
      return d ? `${d.kind}:${d.name}@${FILE.slice(0, d.key.start).split('\n').length}` : undefined;
    };
    assert.equal(def('- db', 0, 3), 'service:db@10');
    assert.equal(def('db:database'), 'service:db@10');
    assert.equal(def('service:web', 0, 9), 'service:web@2');
    assert.equal(def('service:db:ro', 0, 9), 'service:db@10');
    assert.equal(def('[front]', 0, 2), 'network:front@19');
    assert.equal(def('data:/data'), 'volume:data@21');
    assert.equal(def('image: nginx', 0, 9), undefined);
  });

  it('find references lists the definition and every use', () => {
    const refs = referencesAt(a.model, at(FILE, '  db:', 0, 3));
    assert.deepEqual(refs.map((s) => FILE.slice(s.start, s.end)), ['db', 'db', 'db', 'db', 'db']);
    assert.equal(referencesAt(a.model, at(FILE, '  db:', 0, 3), false).length, 4);
  });

  it('renames a service everywhere, leaving aliases and modes intact', () => {
    const edits = renameEdits(a.model, a.tree, at(FILE, '- db', 0, 3), 'database');
    assert.ok(Array.isArray(edits));
    const out = applyEdits(FILE, edits);
    assert.match(out, /^ {2}database:$/m);
    assert.match(out, / {6}- database$/m);
    assert.match(out, /links: \["database:database"\]/);
    assert.match(out, /volumes_from: \["service:database:ro"\]/);
    assert.match(out, /depends_on:\n {6}database:\n {8}condition/);
    assert.deepEqual(analyzeCompose(out).diagnostics, []);
    assert.match(String(renameEdits(a.model, a.tree, at(FILE, '- db', 0, 3), 'web')), /already exists/);
    assert.match(String(renameEdits(a.model, a.tree, at(FILE, '- db', 0, 3), 'bad name')), /not a valid/);
  });

  it('renames a network and a volume', () => {
    const out = applyEdits(FILE, renameEdits(a.model, a.tree, at(FILE, '[front]', 0, 2), 'public') as never);
    assert.match(out, /networks: \[public\]/);
    assert.match(out, /^ {2}public: \{\}$/m);
    const out2 = applyEdits(FILE, renameEdits(a.model, a.tree, at(FILE, 'data:/data'), 'pgdata') as never);
    assert.match(out2, /- pgdata:\/data/);
    assert.match(out2, /^ {2}pgdata:$/m);
  });

  it('outline: sections with their entries', () => {
    const o = outline(a.tree);
    assert.deepEqual(o.map((s) => `${s.name}(${s.children.map((c) => c.name + (c.detail ? `=${c.detail}` : '')).join(',')})`), [
      'services(web=nginx,db=postgres,admin)', 'networks(front)', 'volumes(data)',
    ]);
  });
});

describe('compose language: hover', () => {
  it('keys show the schema documentation', () => {
    const text = 'services:\n  web:\n    image: x\n    healthcheck:\n      interval: 5s\n';
    const a = analyzeCompose(text);
    assert.match(hoverAt(a.tree, a.model, a.variables, at(text, 'image', 0, 2))!.markdown, /^\*\*image\*\*\n\nSpecify the image/);
    assert.match(hoverAt(a.tree, a.model, a.variables, at(text, 'interval', 0, 2))!.markdown, /Time between running the check/);
  });

  it('variables show their value and where it came from', () => {
    const text = 'services:\n  web:\n    image: "app:${TAG}-${SUFFIX:-dev}"\n';
    const a = analyzeCompose(text, { environment: { TAG: '1.2' } });
    const h = hoverAt(a.tree, a.model, a.variables, at(text, 'TAG', 0, 1))!;
    assert.match(h.markdown, /= `1\.2` \(from the environment\)/);
    assert.match(h.markdown, /Value: `app:1\.2-dev`/);
    assert.equal(text.slice(h.span.start, h.span.end), '${TAG}');
    assert.match(hoverAt(a.tree, a.model, a.variables, at(text, 'SUFFIX', 0, 1))!.markdown, /default `dev` is used/);
  });

  it('a referenced service shows what it is', () => {
    const a = analyzeCompose(FILE);
    assert.match(hoverAt(a.tree, a.model, a.variables, at(FILE, '- db', 0, 3))!.markdown, /\*\*service db\*\*[\s\S]*image: `postgres`[\s\S]*4 references/);
  });
});

describe('compose language: interpolation and .env', () => {
  const env = mapSource({ A: 'a', EMPTY: '' }, 'env');
  it('expands every operator as compose does', () => {
    const cases: [string, string][] = [
      ['$A', 'a'], ['${A}', 'a'], ['x${A}y', 'xay'], ['$$A', '$A'], ['${B:-d}', 'd'], ['${EMPTY:-d}', 'd'], ['${EMPTY-d}', ''],
      ['${A:+alt}', 'alt'], ['${EMPTY:+alt}', ''], ['${EMPTY+alt}', 'alt'], ['${B:-${A}}', 'a'], ['${B:-${C:-deep}}', 'deep'], ['$1', '$1'],
    ];
    for (const [s, want] of cases) assert.equal(interpolate(s, env).value, want, s);
    assert.deepEqual(interpolate('${B}', env).unset.map((r) => r.name), ['B']);
    assert.deepEqual(interpolate('${EMPTY:?no}', env).required.map((r) => r.message), ['no']);
    assert.deepEqual(interpolate('${EMPTY?no}', env).required, []);
  });

  it('finds malformed references', () => {
    assert.match(scanVariables('${A').errors[0].message, /no closing/);
    assert.match(scanVariables('${}').errors[0].message, /Invalid interpolation/);
    assert.match(scanVariables('${A B}').errors[0].message, /Invalid interpolation/);
  });

  it('reads .env files: export, quotes, comments, interpolation of earlier entries', () => {
    const text = '# comment\nexport A=1\nB="two words"\nC=\'$A literal\'\nD=${A}-x # trailing\nE="line\\nbreak"\nF=\nG = spaced\n';
    assert.deepEqual(parseEnvFile(text).map((e) => [e.name, e.value]), [
      ['A', '1'], ['B', 'two words'], ['C', '$A literal'], ['D', '1-x'], ['E', 'line\nbreak'], ['F', ''], ['G', 'spaced'],
    ]);
  });
});

describe('compose language: port and duration syntax', () => {
  it('short port syntax', () => {
    assert.deepEqual(parsePortShort('127.0.0.1:8080:80/udp'), { hostIp: '127.0.0.1', published: { start: 8080, end: 8080 }, target: { start: 80, end: 80 }, protocol: 'udp' });
    assert.deepEqual(parsePortShort('80'), { hostIp: undefined, published: undefined, target: { start: 80, end: 80 }, protocol: 'tcp' });
    assert.deepEqual(parsePortShort('8000-8010:80'), { hostIp: undefined, published: { start: 8000, end: 8010 }, target: { start: 80, end: 80 }, protocol: 'tcp' });
    assert.equal(typeof parsePortShort('[::1]:80:80'), 'object');
    assert.equal(typeof parsePortShort('127.0.0.1::80'), 'object');
    for (const bad of ['a:80', '80:80:80:80', '80/http', '90-80', '1-3:1-2', '[::1:80:80']) assert.equal(typeof parsePortShort(bad), 'string', bad);
  });

  it('durations', () => {
    for (const ok of ['0', '1s', '1m30s', '500ms', '1.5h', '2h45m', '10us']) assert.equal(checkDuration(ok), undefined, ok);
    for (const bad of ['30', '1 s', 's', '1d', '']) assert.ok(checkDuration(bad), bad);
  });
});
