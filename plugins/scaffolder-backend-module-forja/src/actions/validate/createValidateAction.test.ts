import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { FORJA_ROOT, repositoryModules } from '../../cli/forjaRoot';
import { createValidateAction } from './createValidateAction';

const action = createValidateAction({ modules: repositoryModules });

describe('forja:validate', () => {
  it('fails the step naming file and line, and logs every finding', async () => {
    const workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-validate-action-'),
    );
    await fs.outputFile(
      path.join(workspacePath, 'main.tf'),
      'output "x" {\n  value = var.nope\n}\n',
    );
    const logger = mockServices.logger.mock();
    const ctx = createMockActionContext({ workspacePath, logger });
    await expect(action.handler(ctx)).rejects.toThrow(
      /forja:validate found 1 problem\(s\); nothing was published:\nmain\.tf:2: \[terraform-references\] undeclared variable "var\.nope"/,
    );
    expect(logger.error).toHaveBeenCalledWith(
      expect.stringContaining('main.tf:2'),
    );
  });

  it('with environmentPath, fails a service the platform would not run, before publishing, and passes it once registered', async () => {
    const workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-validate-action-'),
    );
    const orders = path.join(FORJA_ROOT, 'examples/systems/orders');
    // The service's rendered files, and the platform repository fetched beside them
    // without the service's registration.
    await fs.copy(
      path.join(orders, 'services/orders-backend/k8s'),
      path.join(workspacePath, 'service/k8s'),
    );
    for (const part of ['terraform', 'argocd', '.forja']) {
      await fs.copy(
        path.join(orders, part),
        path.join(workspacePath, 'platform', part),
        { filter: src => !src.endsWith('service-orders-backend.tf') },
      );
    }
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        path: 'service',
        environmentPath: 'platform',
        serviceRepoUrl: 'https://github.com/forja-demo/orders-backend.git',
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /k8s\/overlays\/(prod|staging): \[deployability\] no Argo CD Application of the (prod|staging) environment deploys/,
    );

    // The registration the service template renders into the platform.
    await fs.copy(
      path.join(orders, 'terraform'),
      path.join(workspacePath, 'platform/terraform'),
    );
    await action.handler(ctx);
  }, 60_000);

  it('passes a valid workspace and outputs what it checked', async () => {
    const workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-validate-action-'),
    );
    await fs.outputFile(
      path.join(workspacePath, 'main.tf'),
      'variable "x" {\n  type    = string\n  default = "a"\n}\n\noutput "x" {\n  value = var.x\n}\n',
    );
    const ctx = createMockActionContext({ workspacePath });
    await action.handler(ctx);
    expect(ctx.output).toHaveBeenCalledWith('terraformFiles', 1);
  });
});
