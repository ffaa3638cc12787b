import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { readForjaScaffolderConfig } from '../../config';
import { FORJA_ROOT } from '../../cli/forjaRoot';
import { createRenderAction } from './createRenderAction';

const values = () =>
  parse(
    fs.readFileSync(
      path.join(FORJA_ROOT, 'examples/values/hubs/hubs.yaml'),
      'utf8',
    ),
  );

async function setup(templateDir = path.join(FORJA_ROOT, 'templates/service')) {
  const workspacePath = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-ws-'));
  const action = createRenderAction({
    reader: {} as never,
    integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
    config: readForjaScaffolderConfig(new ConfigReader({})),
  });
  const context = (input: object) =>
    createMockActionContext({
      input: input as never,
      workspacePath,
      templateInfo: {
        baseUrl: `file://${templateDir}/template.yaml`,
        entityRef: 'template:default/forja-service',
      },
    });
  return { action, context, workspacePath };
}

describe('forja:render', () => {
  it('renders the service into the workspace and reports the file count', async () => {
    const { action, context, workspacePath } = await setup();
    const ctx = context({ template: 'service', values: values() });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('files', expect.any(Number));
    expect(
      await fs.pathExists(
        path.join(workspacePath, 'k8s/overlays/prod/kustomization.yaml'),
      ),
    ).toBe(true);
  });

  it.each(['../outside', '/etc'])(
    'refuses targetPath %s and writes nothing',
    async targetPath => {
      const { action, context, workspacePath } = await setup();
      await expect(
        action.handler(
          context({ template: 'service', values: values(), targetPath }),
        ),
      ).rejects.toThrow(/outside|Relative path is not allowed/i);
      expect(await fs.readdir(workspacePath)).toEqual([]);
    },
  );

  it('refuses a targetPath that is a symbolic link out of the workspace', async () => {
    const { action, context, workspacePath } = await setup();
    await fs.symlink(os.tmpdir(), path.join(workspacePath, 'link'));
    await expect(
      action.handler(
        context({ template: 'service', values: values(), targetPath: 'link' }),
      ),
    ).rejects.toThrow(/outside its parent/);
    expect(await fs.readdir(workspacePath)).toEqual(['link']);
  });

  it('refuses a skeleton with a symbolic link and leaves the workspace unchanged', async () => {
    const templateDir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-template-'),
    );
    await fs.copy(path.join(FORJA_ROOT, 'templates/service'), templateDir);
    await fs.symlink(
      '/etc/passwd',
      path.join(templateDir, 'skeleton/common/passwd'),
    );
    const { action, context, workspacePath } = await setup(templateDir);
    await expect(
      action.handler(context({ template: 'service', values: values() })),
    ).rejects.toThrow(
      /refusing skeleton entry common\/passwd: symbolic links are not allowed/,
    );
    expect(await fs.readdir(workspacePath)).toEqual([]);
  });

  it('gives field-level errors before writing anything', async () => {
    const { action, context, workspacePath } = await setup();
    await expect(
      action.handler(
        context({
          template: 'service',
          values: { ...values(), name: 'x'.repeat(41), port: 80 },
        }),
      ),
    ).rejects.toThrow(/name: must be at most 40 characters.*port/);
    expect(await fs.readdir(workspacePath)).toEqual([]);
  });
});
