import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { FORJA_ROOT, readForjaScaffolderConfig } from '../../config';
import { createValidateAction } from './createValidateAction';

const action = createValidateAction({
  config: readForjaScaffolderConfig(new ConfigReader({})),
});

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

  it('with environmentPath, fails a service that would not run in its environment, before publishing', async () => {
    const workspacePath = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-validate-action-'),
    );
    const orders = path.join(FORJA_ROOT, 'examples/systems/orders');
    // The service's rendered files, and the environment repository fetched beside them.
    await fs.copy(
      path.join(orders, 'services/orders-backend/k8s'),
      path.join(workspacePath, 'service/k8s'),
    );
    await fs.copy(
      path.join(orders, 'services/orders-backend/argocd'),
      path.join(workspacePath, 'service/argocd'),
    );
    await fs.copy(
      path.join(orders, 'terraform'),
      path.join(workspacePath, 'platform/terraform'),
    );
    await fs.copy(
      path.join(orders, 'argocd'),
      path.join(workspacePath, 'platform/argocd'),
    );
    const ctx = createMockActionContext({
      workspacePath,
      input: {
        path: 'service',
        environmentPath: 'platform',
        serviceRepoUrl: 'https://github.com/forja-demo/orders-backend.git',
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /k8s\/base\/ingress\.yaml:\d+: \[deployability\] Ingress orders-backend uses the ingress class "alb", which no controller of the (prod|staging) environment serves/,
    );
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
