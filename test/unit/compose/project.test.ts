import * as assert from 'node:assert/strict';
import { composeArgs } from '../../../src/compose/cli';
import { composeVariables, defaultChoice, envFileCandidates, filesFor, profilesFromVariables, projectName, ProjectFs, servicesAndProfiles } from '../../../src/compose/project';

function memFs(files: Record<string, string>): ProjectFs {
  return { exists: (f) => f in files, read: (f) => files[f] };
}

describe('compose project: files, profiles and env files as the CLI finds them', () => {
  it('adds the override file beside a default-named file, in compose-go\'s order', () => {
    const fs = memFs({ '/p/compose.yaml': '', '/p/compose.override.yaml': '', '/p/docker-compose.override.yml': '' });
    assert.deepEqual(filesFor('/p/compose.yaml', fs), ['/p/compose.yaml', '/p/compose.override.yaml']);
    const fs2 = memFs({ '/p/compose.yaml': '', '/p/compose.override.yml': '', '/p/compose.override.yaml': '' });
    assert.deepEqual(filesFor('/p/compose.yaml', fs2), ['/p/compose.yaml', '/p/compose.override.yml']);
  });

  it('a file with another name gets no override (as with -f on the command line)', () => {
    const fs = memFs({ '/p/compose.prod.yaml': '', '/p/compose.override.yaml': '' });
    assert.deepEqual(filesFor('/p/compose.prod.yaml', fs), ['/p/compose.prod.yaml']);
  });

  it('COMPOSE_FILE (from .env or the environment) wins when it names the picked file', () => {
    const fs = memFs({ '/p/.env': 'COMPOSE_FILE=compose.yaml:compose.dev.yaml\nCOMPOSE_PROFILES=debug, tools\n', '/p/compose.yaml': '', '/p/compose.override.yaml': '' });
    const vars = composeVariables('/p', fs, {});
    assert.deepEqual(filesFor('/p/compose.yaml', fs, vars, 'linux'), ['/p/compose.yaml', '/p/compose.dev.yaml']);
    assert.deepEqual(profilesFromVariables(vars), ['debug', 'tools']);
    // The environment wins over .env; a separator of one's own.
    const vars2 = composeVariables('/p', fs, { COMPOSE_FILE: 'compose.yaml;x.yaml', COMPOSE_PATH_SEPARATOR: ';' });
    assert.deepEqual(filesFor('/p/compose.yaml', fs, vars2, 'linux'), ['/p/compose.yaml', '/p/x.yaml']);
    // A COMPOSE_FILE that does not name the picked file is not about it.
    assert.deepEqual(filesFor('/p/other.yaml', fs, vars, 'linux'), ['/p/other.yaml']);
    assert.deepEqual(defaultChoice('/p/compose.yaml', fs, {}), { files: ['/p/compose.yaml', '/p/compose.dev.yaml'], profiles: ['debug', 'tools'] });
  });

  it('services and profiles over several files', () => {
    const fs = memFs({
      '/p/a.yaml': 'services:\n  web:\n    image: x\n  debug:\n    image: y\n    profiles: [debug]\n',
      '/p/b.yaml': 'services:\n  web:\n    environment: [A=1]\n  tools:\n    image: z\n    profiles: ["tools", debug]\n',
    });
    assert.deepEqual(servicesAndProfiles(['/p/a.yaml', '/p/b.yaml'], fs), { services: ['web', 'debug', 'tools'], profiles: ['debug', 'tools'] });
  });

  it('project names as compose gives them', () => {
    assert.equal(projectName('/home/dev/My App', 'services: {}\n'), 'myapp');
    assert.equal(projectName('/home/dev/x', 'name: Shop-1\nservices: {}\n'), 'shop-1');
    assert.equal(projectName('/home/dev/x', 'name: Shop\n', { COMPOSE_PROJECT_NAME: 'Other' }), 'other');
    assert.equal(projectName('/home/dev/x_y', undefined), 'x_y');
  });

  it('env file candidates', () => {
    assert.deepEqual(envFileCandidates(['compose.yaml', '.env', '.env.prod', 'staging.env', 'env', '.envrc']), ['.env', '.env.prod', 'staging.env']);
  });

  it('profiles and --env-file become arguments, one each, before the verb', () => {
    assert.deepEqual(composeArgs({ prefix: [] }, { files: ['/p/a.yaml', '/p/b.yaml'], profiles: ['debug', 'tools'], envFile: '/p/.env.prod' }, { verb: 'up', detached: true }),
      ['--file', '/p/a.yaml', '--file', '/p/b.yaml', '--profile', 'debug', '--profile', 'tools', '--env-file', '/p/.env.prod', 'up', '--detach']);
    assert.throws(() => composeArgs({ prefix: [] }, { files: [], profiles: ['--rm'] }, { verb: 'down' }), /not a profile name/);
    assert.deepEqual(composeArgs({ prefix: ['compose'] }, { files: ['/p/a.yaml'] }, { verb: 'rm', services: ['web', 'db'] }),
      ['compose', '--file', '/p/a.yaml', 'rm', '--stop', '--force', 'web', 'db']);
  });
});
