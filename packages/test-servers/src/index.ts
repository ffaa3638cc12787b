/**
 * Local servers that speak the APIs of Forja's upstreams, for tests on 127.0.0.1.
 *
 * @packageDocumentation
 */
export * from './argocd';
export * from './debian';
export * from './demo/upstreams';
export { demoSpend, startDemoBilling } from './demo/billing';
export * from './github';
export * from './grafana';
export * from './http';
export * from './kubernetes';
export * from './kubernetesFixtures';
export * from './postgres';
export * from './redis';
export * from './awsCostExplorer';
export * from './opencost';
export * from './spend';
export * from './azureCostManagement';
export * from './gcpBillingExport';
export * from './githubIssueComments';
export { DEMO_GITHUB_TOKEN } from './demo/github';
export * from './demo/templateUpgrade';
export * from './memoryCache';
