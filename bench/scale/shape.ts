/**
 * The organisation the scale benchmark simulates (see README.md): COMPONENTS components in
 * SYSTEMS systems and TEAMS teams, the teams in departments of TEAMS_PER_DEPARTMENT; the
 * first department's teams own DEPARTMENT_COMPONENTS of them. Every size can be made
 * smaller through the environment while developing.
 */
const size = (name: string, fallback: number) =>
  Number(process.env[name] ?? fallback);

export const COMPONENTS = size('COMPONENTS', 10_000);
export const SYSTEMS = size('SYSTEMS', 400);
export const TEAMS = size('TEAMS', 150);
export const TEAMS_PER_DEPARTMENT = 5;
export const DEPARTMENT_COMPONENTS = size('DEPARTMENT_COMPONENTS', 300);
export const ARGOCD_INSTANCES = size('ARGOCD_INSTANCES', 5);
export const CLUSTERS = size('CLUSTERS', 20);
export const DASHBOARDS = size('DASHBOARDS', 5000);
export const ALERT_RULES = size('ALERT_RULES', 2000);
export const ENVIRONMENTS = ['dev', 'staging', 'prod'];
/** Pods per workload by environment: 2 + 3 + 5 = 10 per component, 100,000 for 10,000. */
export const REPLICAS: Record<string, number> = { dev: 2, staging: 3, prod: 5 };
export const BENCH_TOKEN = 'bench-scale-token';

const pad = (n: number, width: number) => String(n).padStart(width, '0');
export const componentName = (i: number) => `svc-${pad(i, 5)}`;
export const teamName = (t: number) => `team-${pad(t, 3)}`;
export const departmentName = (d: number) => `dept-${pad(d, 2)}`;
export const systemName = (s: number) => `system-${pad(s, 3)}`;
export const instanceName = (n: number) => `argocd-${n}`;
export const clusterName = (c: number) => `cluster-${pad(c, 2)}`;
export const DEPARTMENT = departmentName(0);
export const DEPARTMENTS = Math.ceil(TEAMS / TEAMS_PER_DEPARTMENT);

/**
 * The team owning component i: the department's components are split evenly over its
 * teams, the rest over the other teams, in blocks (a team's components sit together).
 */
export function teamOf(i: number): number {
  if (i < DEPARTMENT_COMPONENTS)
    return Math.floor((i * TEAMS_PER_DEPARTMENT) / DEPARTMENT_COMPONENTS);
  const rest = COMPONENTS - DEPARTMENT_COMPONENTS;
  const otherTeams = TEAMS - TEAMS_PER_DEPARTMENT;
  return (
    TEAMS_PER_DEPARTMENT +
    Math.floor(((i - DEPARTMENT_COMPONENTS) * otherTeams) / rest)
  );
}

/** Systems in blocks of COMPONENTS / SYSTEMS neighbouring components. */
export const systemOf = (i: number) => Math.floor((i * SYSTEMS) / COMPONENTS);

/** The Argo CD instance holding a component's applications. */
export const instanceOf = (i: number) => i % ARGOCD_INSTANCES;

/** The clusters of each environment: cluster c runs ENVIRONMENTS[c % 3]. */
export const clusterEnvironment = (c: number) =>
  ENVIRONMENTS[c % ENVIRONMENTS.length];

/** The cluster a component runs on in an environment (spread over that environment's). */
export function clusterOf(i: number, environment: string): number {
  const clusters = Array.from({ length: CLUSTERS }, (_, c) => c).filter(
    c => clusterEnvironment(c) === environment,
  );
  return clusters[i % clusters.length];
}
