import { Value } from '../hcl/expression';
import { ResourceInstance } from '../hcl/loadTerraform';

/** A module of a plan's `planned_values`: its resources and child modules. */
export type PlanModule = {
  address?: string;
  resources?: Array<{
    address: string;
    mode?: string;
    type: string;
    name: string;
    provider_name?: string;
    values?: Record<string, Value>;
  }>;
  child_modules?: PlanModule[];
};

/** The parts of `terraform show -json <plan>` Forja reads. */
export interface TerraformPlan {
  format_version?: string;
  terraform_version?: string;
  planned_values?: { root_module?: PlanModule };
  configuration?: {
    provider_config?: Record<
      string,
      {
        name?: string;
        full_name?: string;
        expressions?: { region?: { constant_value?: string } };
      }
    >;
  };
}

export const isTerraformPlan = (json: unknown): json is TerraformPlan =>
  !!json &&
  typeof json === 'object' &&
  'planned_values' in json &&
  'format_version' in json;

/**
 * Managed resources of a plan's planned values (every module), with the region of the
 * root provider configuration of their provider (`aws`, `google`).
 */
export function readPlan(
  plan: TerraformPlan,
  file: string,
): ResourceInstance[] {
  const regions: Record<string, string> = {};
  for (const [key, config] of Object.entries(
    plan.configuration?.provider_config ?? {},
  )) {
    const region = config.expressions?.region?.constant_value;
    if (region && !key.includes('.')) regions[config.name ?? key] = region;
  }
  const resources: ResourceInstance[] = [];
  const walk = (module: PlanModule | undefined) => {
    for (const r of module?.resources ?? []) {
      if (r.mode && r.mode !== 'managed') continue;
      resources.push({
        address: r.address,
        type: r.type,
        name: r.name,
        values: r.values ?? {},
        providerRegion: regions[r.type.split('_')[0]],
        file,
      });
    }
    module?.child_modules?.forEach(walk);
  };
  walk(plan.planned_values?.root_module);
  return resources.sort((a, b) => (a.address < b.address ? -1 : 1));
}
