import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeCompose, looksLikeFile } from '../../../../src/compose/language/analyze';
import { applyEdits, fakeFs, realFs, summarize } from './helpers';

const FIXTURES = path.resolve(__dirname, '../../../fixtures/compose/language');

describe('compose language: diagnostics', () => {
  it('a realistic project (anchors, merges, long syntax, profiles, secrets, develop.watch) has no problems', () => {
    const file = path.join(FIXTURES, 'app/compose.yaml');
    const text = fs.readFileSync(file, 'utf8');
    assert.deepEqual(summarize(text, { file, fs: realFs, environment: {} }), []);
  });

  it('every valid fixture in the corpus folder is clean', () => {
    const dir = path.join(FIXTURES, 'valid');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'));
    assert.ok(files.length >= 25, `only ${files.length} fixtures`);
    for (const f of files) {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      assert.deepEqual(summarize(text, { environment: { HOME: '/home/u' } }), [], f);
    }
  });

  it('reports YAML syntax errors and nothing else', () => {
    const d = summarize('services:\n  web:\n    image: x\n    command: ["a", "b"\n');
    assert.ok(d.length >= 1);
    assert.ok(d.every((x) => / yaml /.test(x)), d.join('\n'));
  });

  it('an alias naming no anchor (or one defined only after it) is an error as compose reports it; the other checks still run', () => {
    const text = [
      'services:',
      '  db:',
      '    image: *image',
      '    environment:',
      '      PASSWORD: ******',
      '      USER: *user',
      '    restsart: always',
      'x-user: &user admin',
      'x-base: &base.v1',
      '  image: x',
      '',
    ].join('\n');
    const a = analyzeCompose(text);
    assert.deepEqual(summarize(text), ['3:12 yaml "*image"', '5:17 yaml "******"', '6:13 yaml "*user"', '7:5 schema "restsart"', '9:9 yaml "&base.v1"']);
    assert.equal(a.diagnostics[0].severity, 'error');
    assert.match(a.diagnostics[0].message, /^unknown anchor 'image' referenced/);
    assert.match(a.diagnostics[1].message, /did not find expected alphabetic or numeric character\). If it is text, quote it: "\*\*\*\*\*\*"/);
    assert.match(a.diagnostics[2].message, /^unknown anchor 'user' referenced/);
    // An anchor on an inline merge is defined where it is written, before a later sibling's alias.
    assert.deepEqual(summarize('services:\n  a:\n    <<: &inline { image: y }\n    labels: *inline\n'), []);
  });

  it('reports duplicate keys', () => {
    const d = summarize('services:\n  web:\n    image: a\n    image: b\n');
    assert.ok(d.some((x) => / yaml /.test(x)), d.join('\n'));
  });

  it('schema: unknown properties with a suggestion and a fix, wrong types, enums, required keys', () => {
    const text = [
      'services:',
      '  web:',
      '    imagee: nginx',
      '    ports: "80:80"',
      '    depends_on:',
      '      db:',
      '        condition: service_starting',
      '  db:',
      '    image: postgres',
      '    depends_on:',
      '      web: {}',
      '',
    ].join('\n');
    const a = analyzeCompose(text);
    const d = a.diagnostics.map((x) => `${x.code} ${JSON.stringify(text.slice(x.start, x.end))} ${x.message}`);
    assert.ok(d.some((x) => x.startsWith('schema "imagee"') && x.includes('did you mean "image"')), d.join('\n'));
    assert.ok(d.some((x) => x.startsWith('schema "\\"80:80\\""') && x.includes('must be a list, not a string')), d.join('\n'));
    assert.ok(d.some((x) => x.startsWith('schema "service_starting"') && x.includes('"service_healthy"')), d.join('\n'));
    assert.ok(d.some((x) => x.startsWith('schema "web"') && x.includes('needs "condition"')), d.join('\n'));
    const fix = a.diagnostics.find((x) => x.message.includes('imagee'))!.fixes[0];
    assert.equal(fix.title, 'Change to "image"');
    assert.match(applyEdits(text, fix.edits), /^ {4}image: nginx$/m);
  });

  it('a value written with a variable is not type-checked before interpolation', () => {
    assert.deepEqual(summarize('services:\n  web:\n    image: x\n    cpus: ${CPUS:-0.5}\n    deploy:\n      replicas: ${N:-2}\n'), []);
  });

  it('the obsolete version attribute: a warning whose fix removes the line', () => {
    const text = 'version: "3.8"\nservices:\n  web:\n    image: x\n';
    const a = analyzeCompose(text);
    assert.deepEqual(a.diagnostics.map((d) => d.code), ['obsolete-version']);
    assert.equal(a.diagnostics[0].unnecessary, true);
    assert.equal(applyEdits(text, a.diagnostics[0].fixes[0].edits), 'services:\n  web:\n    image: x\n');
  });

  it('undefined services, networks, volumes, secrets and configs, where they are named', () => {
    const text = [
      'services:',
      '  web:',
      '    image: x',
      '    depends_on: [db, cache]',
      '    links: ["cache:redis"]',
      '    networks: [front, default]',
      '    volumes:',
      '      - data:/data',
      '      - logs:/logs',
      '      - ./src:/src',
      '    secrets: [token]',
      '    configs:',
      '      - source: cfg',
      '        target: /etc/cfg',
      '  db:',
      '    image: postgres',
      '    network_mode: "service:proxy"',
      '    volumes_from: [web, "service:nope", "container:other"]',
      '  side:',
      '    extends: { service: base }',
      'volumes:',
      '  data: {}',
      '',
    ].join('\n');
    assert.deepEqual(summarize(text), [
      '4:22 undefined-service "cache"',
      '5:14 undefined-service "cache"',
      '6:16 undefined-network "front"',
      '9:9 undefined-volume "logs"',
      '11:15 undefined-secret "token"',
      '13:17 undefined-config "cfg"',
      '17:28 undefined-service "proxy"',
      '18:34 undefined-service "nope"',
      '20:25 undefined-service "base"',
    ]);
  });

  it('an override file may use what the other files of the project define', () => {
    const override = 'services:\n  web:\n    depends_on: [db]\n    networks: [back]\n';
    assert.deepEqual(summarize(override).map((x) => x.split(' ')[1]), ['undefined-service', 'undefined-network']);
    assert.deepEqual(summarize(override, { related: ['services:\n  db:\n    image: postgres\nnetworks:\n  back: {}\n'] }), []);
  });

  it('depends_on cycles, once per cycle, on the edge that closes it', () => {
    const text = 'services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on:\n      c:\n        condition: service_started\n  c:\n    image: x\n    depends_on: [a]\n  d:\n    image: x\n    depends_on: [a]\n';
    const a = analyzeCompose(text);
    assert.deepEqual(a.diagnostics.map((d) => `${d.code} ${text.slice(d.start, d.end)} ${d.message.split('.')[0]}`), ['dependency-cycle a depends_on makes a cycle: a → b → c → a']);
  });

  it('a service cannot depend on itself', () => {
    assert.deepEqual(summarize('services:\n  web:\n    image: x\n    depends_on: [web]\n'), ['4:18 self-dependency "web"']);
  });

  it('quick fixes: define a missing network / volume (with or without the section), or change to a close name', () => {
    const noSection = 'services:\n  web:\n    image: x\n    networks: [back]\n';
    const a = analyzeCompose(noSection);
    const define = a.diagnostics[0].fixes.find((f) => f.title.startsWith('Define'))!;
    const fixed = applyEdits(noSection, define.edits);
    assert.equal(fixed, `${noSection}\nnetworks:\n  back: {}\n`);
    assert.deepEqual(summarize(fixed), []);

    const withSection = 'services:\n  web:\n    image: x\n    volumes: ["cache:/c", "dta:/d"]\nvolumes:\n    data:\n      driver: local\n# end\n';
    const b = analyzeCompose(withSection);
    const [cache, dta] = b.diagnostics;
    const fixed2 = applyEdits(withSection, cache.fixes.find((f) => f.title.startsWith('Define'))!.edits);
    assert.match(fixed2, /volumes:\n {4}data:\n {6}driver: local\n {4}cache: \{\}\n# end/);
    assert.equal(dta.fixes[0].title, 'Change to "data"');
    assert.deepEqual(summarize(applyEdits(fixed2, analyzeCompose(fixed2).diagnostics[0].fixes[0].edits)), []);

    const empty = 'services:\n  web:\n    image: x\n    networks: [back]\nnetworks:\n';
    const c = analyzeCompose(empty);
    assert.deepEqual(summarize(applyEdits(empty, c.diagnostics[0].fixes.find((f) => f.title.startsWith('Define'))!.edits)), []);
  });

  it('ports: syntax, ranges, protocols, IPv6, and host ports published twice', () => {
    const text = [
      'services:',
      '  a:',
      '    image: x',
      '    ports:',
      '      - "8080:80"',
      '      - "70000:80"',
      '      - "9000-9001:90-92"',
      '      - "53:53/udp"',
      '      - "53:53/tcp"',
      '      - "[::1]:7000:80"',
      '      - "1.2.3:80:80"',
      '      - "80/http"',
      '      - 3000',
      '      - target: 5000',
      '        published: "5000-5001"',
      '  b:',
      '    image: x',
      '    ports: ["127.0.0.1:8080:80", "5001:1"]',
      '  c:',
      '    image: x',
      '    profiles: [other]',
      '    ports: ["8080:80"]',
      '  d:',
      '    image: x',
      '    profiles: [other]',
      '    ports: ["8080:80"]',
      '',
    ].join('\n');
    assert.deepEqual(summarize(text), [
      '6:9 port "\\"70000:80\\""',
      '7:9 port "\\"9000-9001:90-92\\""',
      '11:9 port "\\"1.2.3:80:80\\""',
      '12:9 port "\\"80/http\\""',
      '18:13 duplicate-port "\\"127.0.0.1:8080:80\\""',
      '18:34 duplicate-port "\\"5001:1\\""',
      '22:13 duplicate-port "\\"8080:80\\""',
      '26:13 duplicate-port "\\"8080:80\\""',
    ]);
  });

  it('durations and expose', () => {
    const text = [
      'services:',
      '  a:',
      '    image: x',
      '    stop_grace_period: 1m30s',
      '    healthcheck:',
      '      interval: "30"',
      '      timeout: 5 s',
      '      start_period: 1.5m',
      '    expose: ["80", "9000-9010/udp", "80/xyz"]',
      '',
    ].join('\n');
    const a = analyzeCompose(text);
    assert.deepEqual(summarize(text), ['6:17 duration "\\"30\\""', '7:16 duration "5 s"', '9:37 port "\\"80/xyz\\""']);
    assert.match(a.diagnostics[0].message, /no unit: write 30s/);
    assert.match(applyEdits(text, a.diagnostics[0].fixes[0].edits), /interval: "30s"/);
    assert.deepEqual(a.diagnostics[1].fixes, []);
  });

  it('variables: unset ones warn, required ones fail, defaults and .env and the environment resolve, $$ escapes', () => {
    const text = [
      'services:',
      '  a:',
      '    image: "app:${TAG}"',
      '    environment:',
      '      A: ${FROM_ENV}',
      '      B: ${FROM_DOTENV}',
      '      C: ${MISSING}',
      '      D: ${WITH_DEFAULT:-x}',
      '      E: ${NEED:?set NEED first}',
      '      F: $$NOT_A_VAR',
      '      G: ${BAD-NAME}x${1}',
      '      H: $MISSING_TOO and ${OUTER:-${INNER}}',
      '',
    ].join('\n');
    const d = summarize(text, { environment: { FROM_ENV: '1', TAG: 'v1' }, dotenv: { FROM_DOTENV: '2', TAG: 'ignored' } });
    assert.deepEqual(d, [
      '7:10 unset-variable "${MISSING}"',
      '9:10 required-variable "${NEED:?set NEED first}"',
      '11:22 interpolation "${1}"',
      '12:10 unset-variable "$MISSING_TOO"',
      '12:36 unset-variable "${INNER}"',
    ]);
  });

  it('variables: a value written in several places is reported at each place', () => {
    const text = [
      'services:',
      '  a:',
      '    image: "app:${MISSING}"',
      '    environment: { X: "${1}", Y: "${SET}" }',
      '  b:',
      '    image: "app:${MISSING}"',
      '    environment: { X: "${1}", Y: "${SET}" }',
      '',
    ].join('\n');
    assert.deepEqual(summarize(text, { environment: { SET: 'v' } }), [
      '3:17 unset-variable "${MISSING}"',
      '4:24 interpolation "${1}"',
      '6:17 unset-variable "${MISSING}"',
      '7:24 interpolation "${1}"',
    ]);
  });

  it('variables make the checks use the value compose will see', () => {
    const text = 'services:\n  a:\n    image: x\n    ports: ["${PORT}:80"]\n    healthcheck:\n      interval: ${IV:-10}\n';
    assert.deepEqual(summarize(text, { environment: { PORT: '99999' } }), ['4:13 port "\\"${PORT}:80\\""', '6:17 duration "${IV:-10}"']);
    // Unset: no guess about the value.
    assert.deepEqual(summarize(text.replace('${IV:-10}', '${IV:-10s}'), { environment: {} }), ['4:14 unset-variable "${PORT}"']);
  });

  it('files: build context, Dockerfile, env_file, bind sources, secrets and include', () => {
    const dir = '/p';
    const fsv = fakeFs(['/p/api/Dockerfile', '/p/web/', '/p/ok.env', '/p/src/', '/p/db.txt', '/p/other/Containerfile']);
    const text = [
      'services:',
      '  api:',
      '    build: ./api',
      '    env_file: [ok.env, missing.env]',
      '  web:',
      '    build:',
      '      context: web',
      '      dockerfile: Dockerfile.dev',
      '    env_file:',
      '      - path: optional.env',
      '        required: false',
      '  x:',
      '    build: ./nowhere',
      '    volumes:',
      '      - ./src:/src',
      '      - ./gone:/gone',
      '      - /var/run/docker.sock:/var/run/docker.sock',
      '      - type: bind',
      '        source: ./absent',
      '        target: /a',
      '      - type: bind',
      '        source: ./created',
      '        target: /c',
      '        bind: { create_host_path: true }',
      '  y:',
      '    build: ./other',
      '  z:',
      '    build: https://github.com/docker/example.git#main',
      'secrets:',
      '  s1: { file: ./db.txt }',
      '  s2: { file: ./nope.txt }',
      'include:',
      '  - ./more.yaml',
      '',
    ].join('\n');
    assert.deepEqual(summarize(text, { file: path.join(dir, 'compose.yaml'), fs: fsv }), [
      '4:24 missing-path "missing.env"',
      '8:19 missing-path "Dockerfile.dev"',
      '13:12 missing-path "./nowhere"',
      '16:9 missing-path "./gone"',
      '19:17 missing-path "./absent"',
      '31:15 missing-path "./nope.txt"',
      '33:5 missing-path "./more.yaml"',
    ]);
  });

  it('missing bind sources: a warning for a file (by its name or its target), a hint for a data folder the engine creates', () => {
    const text = [
      'services:',
      '  web:',
      '    image: nginx',
      '    volumes:',
      '      - ./nginx.conf:/etc/nginx/nginx.conf:ro',
      '      - ./data:/var/lib/data',
      '      - ./settings:/app/settings.json',
      '      - ./conf.d:/etc/nginx/conf.d',
      '      - ./certs/example.com:/etc/letsencrypt/live/example.com',
      '      - ./.env.local:/app/.env',
      '      - ./db:/var/lib/postgresql/data',
      '',
    ].join('\n');
    const a = analyzeCompose(text, { file: '/p/compose.yaml', fs: fakeFs(['/p/compose.yaml']) });
    assert.deepEqual(a.diagnostics.map((d) => `${d.severity} ${text.slice(d.start, d.end)}`), [
      'warning ./nginx.conf',
      'hint ./data',
      'warning ./settings',
      'hint ./conf.d',
      'hint ./certs/example.com',
      'warning ./.env.local',
      'hint ./db',
    ]);
    assert.match(a.diagnostics[0].message, /a folder where it expects a file/);
    assert.match(a.diagnostics[1].message, /will create an empty folder there/);
    for (const p of ['nginx.conf', './a/app.py', '.env.local', '/etc/nginx/nginx.conf', '/var/run/docker.sock']) assert.ok(looksLikeFile(p), p);
    for (const p of ['./data', '.ssh', 'conf.d', './node_modules/', 'example.com', '/usr/share/nginx/html', 'python3.11']) assert.ok(!looksLikeFile(p), p);
  });

  it('the same list item twice: every later copy on its own line, naming the earlier item', () => {
    const text = [
      'services:',
      '  web:',
      '    image: x',
      '    environment:',
      '      - A=1',
      '      - B=2',
      '      - A=1',
      '      - A=1',
      '    dns: [1.1.1.1, 8.8.8.8]',
      '    cap_add: [NET_ADMIN, SYS_TIME, NET_ADMIN]',
      '    ports: ["80:80", "8080:80", "80:80"]',
      '',
    ].join('\n');
    const a = analyzeCompose(text);
    assert.deepEqual(summarize(text), ['7:9 schema "A=1"', '8:9 schema "A=1"', '10:36 schema "NET_ADMIN"', '11:33 schema "\\"80:80\\""']);
    assert.deepEqual(a.diagnostics.map((d) => d.message), [
      '"environment" lists the same item twice: item 3 repeats item 1.',
      '"environment" lists the same item twice: item 4 repeats item 1.',
      '"cap_add" lists the same item twice: item 3 repeats item 1.',
      '"ports" lists the same item twice: item 3 repeats item 1.',
    ]);
  });

  it('merge keys and aliases: a problem inside an anchor is reported once, at the anchor', () => {
    const text = 'x-base: &base\n  networks: [missing]\nservices:\n  a:\n    <<: *base\n    image: x\n  b:\n    <<: *base\n    image: y\n';
    assert.deepEqual(summarize(text), ['2:14 undefined-network "missing"']);
  });

  it('a top level that is not a mapping', () => {
    assert.deepEqual(summarize('- a\n- b\n'), ['1:1 schema "- a\\n- b\\n"']);
    assert.deepEqual(summarize(''), []);
  });
});
