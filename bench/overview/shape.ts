/** The portal the overview benchmark builds: COMPONENTS components in three environments. */
export const COMPONENTS = Number(process.env.COMPONENTS ?? 500);
export const ENVIRONMENTS = ['dev', 'staging', 'prod'];
export const BENCH_TOKEN = 'bench-overview-token';
export const componentName = (i: number) => `svc-${String(i).padStart(3, '0')}`;
