import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { readForjaScaffolderConfig } from '../../config';
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
