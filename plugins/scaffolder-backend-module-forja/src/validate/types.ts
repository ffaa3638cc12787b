/** One problem found in a generated repository, located as precisely as the tool allows. */
export interface Finding {
  check:
    | 'terraform-fmt'
    | 'hcl'
    | 'terraform-references'
    | 'kustomize'
    | 'kubernetes-schema'
    | 'yaml'
    | 'actionlint'
    | 'workflow-policy'
    | 'deployability';
  /** Path relative to the validated directory. */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

export interface ValidationReport {
  findings: Finding[];
  checked: {
    terraformFiles: number;
    kustomizations: number;
    kubernetesObjects: number;
    workflows: number;
  };
}

export function formatFinding(finding: Finding): string {
  const position = finding.line
    ? `:${finding.line}${finding.column ? `:${finding.column}` : ''}`
    : '';
  return `${finding.file}${position}: [${finding.check}] ${finding.message}`;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number | undefined {
  const index = text.indexOf(needle);
  return index < 0 ? undefined : text.slice(0, index).split('\n').length;
}
