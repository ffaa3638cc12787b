import fs from 'fs-extra';
import path from 'node:path';
import { checkDeployability } from './deployability/checkDeployability';
import { readEnvironmentFacts } from './deployability/environmentFacts';
import { checkKubernetesManifests } from './kubernetesManifests';
import { readTree } from './readTree';
import {
  checkTerraform,
  checkTerraformFormat,
  findTerraformDirs,
  TerraformCheckOptions,
} from './terraform';
import { Finding, ValidationReport } from './types';
import {
  checkShellPolicy,
  checkWorkflowPolicy,
  runActionlint,
} from './workflows';

export interface ValidateOptions extends TerraformCheckOptions {
  /**
   * The repository of the environment the service targets (a checkout): the service's
   * overlays are then checked for deployability in each environment both have.
   */
  environment?: { root: string; serviceRepoUrl?: string };
}

/**
 * Validates a generated repository: Terraform (fmt, HCL syntax, references), Kustomize
 * (build + schema of every object), standalone manifests, GitHub Actions workflows and
 * the scripts they run (`.forja/bin`).
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
  const scripts = await readScripts(root);
  const [format, terraform, manifests, lint] = await Promise.all([
    checkTerraformFormat(root, terraformDirs),
    checkTerraform(root, options, terraformDirs),
    checkKubernetesManifests(root),
    runActionlint(workflows),
  ]);
  const deployability = options.environment
    ? await checkDeployabilityInEnvironments(root, options)
    : [];
  const findings: Finding[] = [
    ...format,
    ...terraform.findings,
    ...manifests.findings,
    ...lint,
    ...workflows.flatMap(w => checkWorkflowPolicy(w.path, w.data)),
    ...scripts.flatMap(s => checkShellPolicy(s.path, s.data)),
    ...deployability,
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

/** Deployability of the service's overlay in each environment it shares with `environment`. */
async function checkDeployabilityInEnvironments(
  root: string,
  options: ValidateOptions,
): Promise<Finding[]> {
  const { environment } = options;
  const overlays = path.join(root, 'k8s', 'overlays');
  const envs = path.join(environment!.root, 'terraform', 'environments');
  if (!(await fs.pathExists(overlays)) || !(await fs.pathExists(envs))) {
    return [
      {
        check: 'deployability',
        file: 'k8s/overlays',
        message:
          'the service has no overlays, or the environment repository no terraform/environments, to check against each other',
      },
    ];
  }
  const shared = (await fs.readdir(overlays))
    .filter(name => fs.existsSync(path.join(envs, name)))
    .sort();
  const findings: Finding[] = [];
  for (const env of shared) {
    const facts = await readEnvironmentFacts(environment!.root, env, {
      moduleRepositories: options.moduleRepositories,
    });
    findings.push(
      ...(await checkDeployability(root, facts, {
        repoUrl: environment!.serviceRepoUrl,
      })),
    );
  }
  return findings;
}

/** The scripts workflows run: every regular file under `.forja/bin`. */
function readScripts(root: string) {
  return readTree(root, path.join('.forja', 'bin'));
}
