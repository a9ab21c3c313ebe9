import * as assert from 'node:assert/strict';
import {
  buildCreateSpec, dropFlags, ENV_FLAGS, parseEnv, parsePort, parseVolume, parseVolumesFrom, PORT_FLAGS, RunChoices, validateList, VOLUME_FLAGS,
} from '../../../src/engine/runOptions';
import { joinCommandLine, splitCommandLine } from '../../../src/shared/commandLine';

const reason = (r: { ok: boolean; reason?: string }) => (r.ok ? undefined : r.reason);

describe('run options', () => {
  describe('ports', () => {
    it('parses the -p forms', () => {
      assert.deepEqual(parsePort('8080:80'), { ok: true, value: { hostIp: undefined, hostPort: 8080, containerPort: 80, protocol: 'tcp' } });
      assert.deepEqual(parsePort('127.0.0.1:2222:22'), { ok: true, value: { hostIp: '127.0.0.1', hostPort: 2222, containerPort: 22, protocol: 'tcp' } });
      assert.deepEqual(parsePort('53:53/udp'), { ok: true, value: { hostIp: undefined, hostPort: 53, containerPort: 53, protocol: 'udp' } });
      assert.deepEqual(parsePort('80'), { ok: true, value: { hostIp: undefined, hostPort: undefined, containerPort: 80, protocol: 'tcp' } });
      assert.deepEqual(parsePort('127.0.0.1::80'), { ok: true, value: { hostIp: '127.0.0.1', hostPort: undefined, containerPort: 80, protocol: 'tcp' } });
      assert.deepEqual(parsePort('[::1]:8080:80'), { ok: true, value: { hostIp: '::1', hostPort: 8080, containerPort: 80, protocol: 'tcp' } });
    });
    it('rejects bad ports with the reason', () => {
      assert.match(reason(parsePort('99999'))!, /Container port 99999 is out of range/);
      assert.match(reason(parsePort('99999:80'))!, /Host port 99999 is out of range/);
      assert.match(reason(parsePort('abc'))!, /"abc" is not a number/);
      assert.match(reason(parsePort('0:80'))!, /out of range/);
      assert.match(reason(parsePort('80/icmp'))!, /not tcp, udp or sctp/);
      assert.match(reason(parsePort('300.1.1.1:80:80'))!, /not an IP address/);
      assert.match(reason(parsePort('8000-8010:80'))!, /ranges/);
      assert.match(reason(parsePort(''))!, /required/);
      assert.match(reason(parsePort('1:2:3:4'))!, /not \[ip:\]/);
    });
  });

  describe('volumes', () => {
    it('parses binds, named and anonymous volumes', () => {
      assert.deepEqual(parseVolume('/host/data:/data:ro'), { ok: true, value: { kind: 'bind', source: '/host/data', target: '/data', readOnly: true } });
      assert.deepEqual(parseVolume('/host:/ctr:rw'), { ok: true, value: { kind: 'bind', source: '/host', target: '/ctr', readOnly: false } });
      assert.deepEqual(parseVolume('cache:/var/cache'), { ok: true, value: { kind: 'volume', name: 'cache', target: '/var/cache', readOnly: false } });
      assert.deepEqual(parseVolume('/scratch'), { ok: true, value: { kind: 'anonymous', target: '/scratch' } });
      assert.deepEqual(parseVolume('C:\\data:/data'), { ok: true, value: { kind: 'bind', source: 'C:\\data', target: '/data', readOnly: false } });
    });
    it('rejects relative host paths and bad modes with the reason', () => {
      assert.match(reason(parseVolume('./data:/data'))!, /must be absolute: "\.\/data" is relative/);
      assert.match(reason(parseVolume('data/sub:/data'))!, /must be absolute/);
      assert.match(reason(parseVolume('~/x:/data'))!, /must be absolute/);
      assert.match(reason(parseVolume('/host:data'))!, /container path "data" must be absolute/);
      assert.match(reason(parseVolume('/host:/data:rx'))!, /Mode "rx" is not a mount mode/);
      assert.match(reason(parseVolume('a:/data'))!, /neither an absolute host path nor a valid volume name/);
      assert.match(reason(parseVolume('/a:/b:ro:x'))!, /not source:target/);
    });
    it('validates --volumes-from', () => {
      assert.equal(reason(parseVolumesFrom('db:ro')), undefined);
      assert.match(reason(parseVolumesFrom('db:rx'))!, /container\[:ro\|rw\]/);
      assert.match(reason(parseVolumesFrom('my db'))!, /spaces/);
    });
  });

  describe('env', () => {
    it('needs KEY=VALUE', () => {
      assert.deepEqual(parseEnv('A=1=2'), { ok: true, value: { key: 'A', value: '1=2' } });
      assert.deepEqual(parseEnv('EMPTY='), { ok: true, value: { key: 'EMPTY', value: '' } });
      assert.match(reason(parseEnv('NOVALUE'))!, /has no "=": write KEY=VALUE/);
      assert.match(reason(parseEnv('=x'))!, /empty/);
      assert.match(reason(parseEnv('1A=x'))!, /not a valid variable name/);
    });
  });

  describe('command lines', () => {
    it('splits like a shell, keeping metacharacters literal', () => {
      assert.deepEqual(splitCommandLine(`sh -c 'echo "a b"; ls'`), { ok: true, value: ['sh', '-c', 'echo "a b"; ls'] });
      assert.deepEqual(splitCommandLine(`echo "x \\"y\\" \\$HOME" a\\ b '' end`), { ok: true, value: ['echo', 'x "y" $HOME', 'a b', '', 'end'] });
      assert.deepEqual(splitCommandLine('echo $(rm -rf /); touch x'), { ok: true, value: ['echo', '$(rm', '-rf', '/);', 'touch', 'x'] });
      assert.deepEqual(splitCommandLine('   '), { ok: true, value: [] });
    });
    it('rejects unclosed quotes', () => {
      assert.match(reason(splitCommandLine(`echo 'oops`))!, /single quote/);
      assert.match(reason(splitCommandLine(`echo "oops`))!, /double quote/);
      assert.match(reason(splitCommandLine('echo \\'))!, /backslash/);
    });
    it('joins back for display', () => {
      const args = ['sh', '-c', "it's; $(x)"];
      assert.deepEqual(splitCommandLine(joinCommandLine(args)), { ok: true, value: args });
    });
  });

  describe('the create body', () => {
    const base: RunChoices = { image: 'img:1', detached: true, remove: false, ports: [], publishAll: false, volumes: [], volumesFrom: [], env: [] };
    it('maps every field to the API', () => {
      const r = buildCreateSpec({
        ...base, name: 'web', detached: false, remove: true, ports: ['8080:80', '127.0.0.1::443', '53:53/udp'], publishAll: true,
        volumes: ['/srv:/srv:ro', 'cache:/cache', '/tmp/x'], volumesFrom: ['db'], env: ['A=1', 'B=two words'], command: `sh -c 'echo hi'`,
      });
      assert.ok(r.ok);
      const s = r.value;
      assert.equal(s.name, 'web');
      assert.equal(s.Tty, true);
      assert.equal(s.OpenStdin, true);
      assert.deepEqual(s.Cmd, ['sh', '-c', 'echo hi']);
      assert.deepEqual(s.Env, ['A=1', 'B=two words']);
      assert.deepEqual(s.ExposedPorts, { '80/tcp': {}, '443/tcp': {}, '53/udp': {} });
      assert.deepEqual(s.HostConfig.PortBindings, {
        '80/tcp': [{ HostIp: '', HostPort: '8080' }], '443/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }], '53/udp': [{ HostIp: '', HostPort: '53' }],
      });
      assert.deepEqual(s.HostConfig.Binds, ['/srv:/srv:ro', 'cache:/cache']);
      assert.deepEqual(s.Volumes, { '/tmp/x': {} });
      assert.deepEqual(s.HostConfig.VolumesFrom, ['db']);
      assert.equal(s.HostConfig.AutoRemove, true);
      assert.equal(s.HostConfig.PublishAllPorts, true);
    });
    it('names the field with the problem', () => {
      assert.match(reason(buildCreateSpec({ ...base, name: 'my app' }))!, /^Name: .*spaces/);
      assert.match(reason(buildCreateSpec({ ...base, name: 'x$(id)' }))!, /^Name: /);
      assert.match(reason(buildCreateSpec({ ...base, name: "a';b" }))!, /^Name: /);
      assert.match(reason(buildCreateSpec({ ...base, ports: ['99999'] }))!, /^Port 99999: /);
      assert.match(reason(buildCreateSpec({ ...base, env: ['NOPE'] }))!, /^Environment: /);
      assert.match(reason(buildCreateSpec({ ...base, volumes: ['rel/p:/x'] }))!, /^Volume rel\/p:\/x: .*absolute/);
      assert.match(reason(buildCreateSpec({ ...base, command: `echo "x` }))!, /^Command: /);
    });
    it('validates list fields entry by entry', () => {
      assert.equal(validateList('8080:80, 53:53/udp', parsePort), undefined);
      assert.match(validateList('8080:80 abc', parsePort)!, /^abc: /);
      assert.equal(validateList(`A=1 B="x, y"`, parseEnv, true), undefined);
      assert.match(validateList('A=1 B', parseEnv, true)!, /^B: /);
    });

    it('accepts the docker run flag pasted in front of entries', () => {
      assert.deepEqual(dropFlags(['-p', '127.0.0.1:18081:80', '--publish', '53:53/udp', '--publish=8080:80', '-p9090:90'], PORT_FLAGS), ['127.0.0.1:18081:80', '53:53/udp', '8080:80', '9090:90']);
      assert.deepEqual(dropFlags(['-e', 'FOO=bar', '--env=A=1', '-eB=2'], ENV_FLAGS), ['FOO=bar', 'A=1', 'B=2']);
      assert.deepEqual(dropFlags(['-v', '/srv:/data:ro', '--volume', 'cache:/c'], VOLUME_FLAGS), ['/srv:/data:ro', 'cache:/c']);
      assert.equal(validateList('-p 127.0.0.1:18081:80', parsePort, false, PORT_FLAGS), undefined);
      assert.equal(validateList('-e FOO=bar --env "G=a b"', parseEnv, true, ENV_FLAGS), undefined);
      // still refused: a bad entry after the flag, and a flag the field does not take
      assert.match(validateList('-p 99999', parsePort, false, PORT_FLAGS)!, /^99999: .*out of range/);
      assert.match(validateList('-e FOO', parseEnv, true, ENV_FLAGS)!, /^FOO: .*no "="/);
      assert.match(validateList('-v /a:/b', parsePort, false, PORT_FLAGS)!, /^-v: /);
    });
  });
});
