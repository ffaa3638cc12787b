import fs from 'fs-extra';
import path from 'node:path';
import { checkKubernetesManifests } from './kubernetesManifests';
import {
  checkTerraform,
  checkTerraformFormat,
  findTerraformDirs,
  TerraformCheckOptions,
} from './terraform';
import { Finding, ValidationReport } from './types';
import { checkWorkflowPolicy, runActionlint } from './workflows';

export type ValidateOptions = TerraformCheckOptions;

/**
 * Validates a generated repository: Terraform (fmt, HCL syntax, references), Kustomize
 * (build + schema of every object), standalone manifests and GitHub Actions workflows.
 */
export async function validateWorkspace(
  root: string,
  options: ValidateOptions = {},
): Promise<ValidationReport> {
  // One walk of the tree serves both Terraform checks.
  const terraformDirs = await findTerraformDirs(root);
  const workflowDir = path.join(root, '.github', 'workflows');
  const workflowFiles = (await fs.pathExists(workflowDir))
    ? (await fs.readdir(workflowDir)).filter(n => /\.ya?ml$/.test(n)).sort()
    : [];
  const workflows = await Promise.all(
    workflowFiles.map(async name => ({
      path: path.join('.github', 'workflows', name),
      data: await fs.readFile(path.join(workflowDir, name), 'utf8'),
    })),
  );
  const [format, terraform, manifests, lint] = await Promise.all([
    checkTerraformFormat(root, terraformDirs),
    checkTerraform(root, options, terraformDirs),
    checkKubernetesManifests(root),
    runActionlint(workflows),
  ]);
  const findings: Finding[] = [
    ...format,
    ...terraform.findings,
    ...manifests.findings,
    ...lint,
    ...workflows.flatMap(w => checkWorkflowPolicy(w.path, w.data)),
  ];
  return {
    findings,
    checked: {
      terraformFiles: terraform.files,
      kustomizations: manifests.kustomizations,
      kubernetesObjects: manifests.objects,
      workflows: workflowFiles.length,
    },
  };
}
