import { Cloud, Estimate } from '@forja/plugin-cost-node';

/** The two kinds of source an entity can name: Terraform and Kustomize folders. */
export type Kind = 'terraform' | 'kustomize';

/** Where Kubernetes manifests are priced: the cloud, region and node machine. */
export type KubernetesTarget = {
  cloud: Cloud;
  region: string;
  machine?: string;
};

/** One source's estimate for one environment. */
export interface Part {
  /**
   * What was priced (a folder, or a selection of its modules), so a rollup counts a
   * shared folder once.
   */
  identity: string;
  /**
   * When a selection of a folder's modules was priced: the folder's identity, so a rollup
   * that prices the whole folder too counts the selection within it.
   */
  within?: string;
  status: 'ok' | 'failed';
  estimate?: Estimate;
  message?: string;
  revision?: string;
  computedAt?: string;
}
