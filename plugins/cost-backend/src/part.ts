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
  /** What was priced (a folder), so a rollup counts a shared folder once. */
  identity: string;
  status: 'ok' | 'failed';
  estimate?: Estimate;
  message?: string;
  revision?: string;
  computedAt?: string;
}
