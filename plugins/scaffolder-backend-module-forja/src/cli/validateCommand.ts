import path from 'node:path';
import { formatFinding, ValidationReport } from '../validate/types';
import {
  validateWorkspace,
  ValidateOptions,
} from '../validate/validateWorkspace';

export function printReport(
  report: ValidationReport,
  write = console.log,
): void {
  report.findings.forEach(finding => write(formatFinding(finding)));
  const { terraformFiles, kustomizations, kubernetesObjects, workflows } =
    report.checked;
  write(
    `forja:validate: ${report.findings.length} problem(s); checked ${terraformFiles} Terraform files, ${kustomizations} kustomizations (${kubernetesObjects} objects), ${workflows} workflows`,
  );
}

export async function validateCommand(
  dir: string,
  options: ValidateOptions,
): Promise<number> {
  const report = await validateWorkspace(path.resolve(dir), options);
  printReport(report);
  return report.findings.length ? 1 : 0;
}
