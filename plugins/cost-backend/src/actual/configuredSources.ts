import { ActualCostSource } from './source';
import { ActualCostConfig } from './config';
import { createAwsCostExplorerSource } from './awsCostExplorer';
import { createAzureCostManagementSource } from './azureCostManagement';
import { createGcpBillingExportSource } from './gcpBillingExport';
import { createOpenCostSource } from './opencost';

/** The sources whose `cost.actual.<source>` block is present, in a fixed order. */
export function createConfiguredSources(
  config: ActualCostConfig,
): ActualCostSource[] {
  const sources: ActualCostSource[] = [];
  if (config.opencost) sources.push(createOpenCostSource(config.opencost));
  if (config.aws) sources.push(createAwsCostExplorerSource(config.aws));
  if (config.azure) {
    sources.push(createAzureCostManagementSource(config.azure));
  }
  if (config.gcp) sources.push(createGcpBillingExportSource(config.gcp));
  return sources;
}
