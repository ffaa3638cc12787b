import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
  catalogEntityRefreshPermission,
  catalogEntityValidatePermission,
  catalogIngestionManagePermission,
  catalogIngestionReadPermission,
  catalogLocationAnalyzePermission,
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogLocationReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import {
  kubernetesClustersReadPermission,
  kubernetesProxyPermission,
  kubernetesResourcesReadPermission,
} from '@backstage/plugin-kubernetes-common';
import {
  actionExecutePermission,
  taskCancelPermission,
  taskCreatePermission,
  taskReadPermission,
  templateDryRunPermission,
  templateManagementPermission,
  templateParameterReadPermission,
  templateStepReadPermission,
} from '@backstage/plugin-scaffolder-common/alpha';
import {
  argocdApplicationCreatePermission,
  argocdApplicationReadPermission,
  argocdApplicationSyncPermission,
} from '@forja/plugin-argocd-common';
import { costEntityReadPermission } from '@forja/plugin-cost-common';
import { grafanaEntityReadPermission } from '@forja/plugin-grafana-common';
import {
  overviewPromotePermission,
  overviewTemplateUpgradePermission,
} from '@forja/plugin-overview-common';

/**
 * Who may do what. `signed-in`: every signed-in user. `entity-owner`: the entity's owners
 * (the user or one of their groups). `task-creator`: whoever started the scaffolder task.
 * `admin`: only `forja.permissions.admins`. Admins pass every row; names not in the
 * table are denied to everyone.
 */
export type Rule = 'signed-in' | 'entity-owner' | 'task-creator' | 'admin';

export const DECISIONS: Readonly<Record<string, Rule>> = {
  // Reads
  [catalogEntityReadPermission.name]: 'signed-in',
  [catalogLocationReadPermission.name]: 'signed-in',
  [catalogEntityValidatePermission.name]: 'signed-in',
  [argocdApplicationReadPermission.name]: 'signed-in',
  [grafanaEntityReadPermission.name]: 'signed-in',
  [costEntityReadPermission.name]: 'signed-in',
  [kubernetesClustersReadPermission.name]: 'signed-in',
  [kubernetesResourcesReadPermission.name]: 'signed-in',
  [templateParameterReadPermission.name]: 'signed-in',
  [templateStepReadPermission.name]: 'signed-in',
  // Running the configured templates
  [taskCreatePermission.name]: 'signed-in',
  [actionExecutePermission.name]: 'signed-in',
  [taskReadPermission.name]: 'task-creator',
  [taskCancelPermission.name]: 'task-creator',
  // Writes on an entity
  [catalogEntityRefreshPermission.name]: 'entity-owner',
  [catalogEntityDeletePermission.name]: 'entity-owner',
  [argocdApplicationSyncPermission.name]: 'entity-owner',
  [overviewPromotePermission.name]: 'entity-owner',
  [overviewTemplateUpgradePermission.name]: 'entity-owner',
  // Admins only: what the catalog holds, templates, new Argo CD applications, the
  // cluster token through the Kubernetes proxy
  [catalogEntityCreatePermission.name]: 'admin',
  [catalogLocationCreatePermission.name]: 'admin',
  [catalogLocationDeletePermission.name]: 'admin',
  [catalogLocationAnalyzePermission.name]: 'admin',
  [catalogIngestionReadPermission.name]: 'admin',
  [catalogIngestionManagePermission.name]: 'admin',
  [templateManagementPermission.name]: 'admin',
  [templateDryRunPermission.name]: 'admin',
  [argocdApplicationCreatePermission.name]: 'admin',
  [kubernetesProxyPermission.name]: 'admin',
};
