import { ActualCostSourceId } from '@forja/plugin-cost-common';

/** What the card says for a source that is not configured: the keys that connect it. */
export const CONNECT: Record<
  ActualCostSourceId,
  { configKeys: string[]; description: string }
> = {
  opencost: {
    configKeys: ['cost.actual.opencost.baseUrl', 'cost.actual.opencost.token'],
    description:
      "Kubernetes workloads: OpenCost's API (port 9003), reading the pods' forja.dev/entity and forja.dev/environment labels.",
  },
  aws: {
    configKeys: [
      'cost.actual.aws.accessKeyId',
      'cost.actual.aws.secretAccessKey',
    ],
    description:
      'AWS resources: Cost Explorer (ce:GetCostAndUsage) by the tags forja.dev/entity and forja.dev/environment, activated as cost allocation tags.',
  },
  azure: {
    configKeys: [
      'cost.actual.azure.scope',
      'cost.actual.azure.tenantId',
      'cost.actual.azure.clientId',
      'cost.actual.azure.clientSecret',
    ],
    description:
      'Azure resources: Cost Management query (Cost Management Reader on the scope) by the tags forja-dev-entity and forja-dev-environment.',
  },
  gcp: {
    configKeys: [
      'cost.actual.gcp.projectId',
      'cost.actual.gcp.table',
      'cost.actual.gcp.clientEmail',
      'cost.actual.gcp.privateKey',
    ],
    description:
      'Google Cloud resources: the billing export in BigQuery (BigQuery Job User and Data Viewer) by the labels forja-dev-entity and forja-dev-environment.',
  },
};
