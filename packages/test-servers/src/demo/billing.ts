import { FakeCostExplorer, startFakeCostExplorer } from '../awsCostExplorer';
import { FakeOpenCost, startFakeOpenCost } from '../opencost';
import { FakeSpend, monthsAgo } from '../spend';

/** The demo Cost Explorer's key pair (accepted by the double only). */
export const DEMO_AWS_ACCESS_KEY_ID = 'AKIAFORJADEMO0000000';
export const DEMO_AWS_SECRET_ACCESS_KEY = 'forja-demo-cost-explorer-secret';

/**
 * Six months of the video system's spend, ending last month: ms-auth's pods per
 * environment (OpenCost) and video-auth-db's RDS instances (Cost Explorer). Prod ms-auth
 * grew last month (a traffic spike kept the autoscaler at its maximum), so it drifts from
 * its estimate; the rest stays near it.
 */
export function demoSpend(now = new Date()): {
  workloads: FakeSpend[];
  cloud: FakeSpend[];
} {
  const months = [6, 5, 4, 3, 2, 1].map(back => monthsAgo(now, back));
  const series = (
    entity: string,
    environment: string,
    amounts: number[],
  ): FakeSpend[] =>
    months.map((month, i) => ({
      entity,
      environment,
      month,
      amount: amounts[i],
    }));
  return {
    workloads: [
      ...series('ms-auth', 'dev', [24.8, 25.3, 25.1, 25.9, 26.2, 25.4]),
      ...series('ms-auth', 'staging', [28.6, 29.0, 29.3, 28.8, 29.5, 29.7]),
      ...series('ms-auth', 'prod', [30.9, 31.6, 32.4, 33.1, 35.8, 41.3]),
    ],
    cloud: [
      ...series('video-auth-db', 'dev', [14.1, 14.3, 14.2, 14.6, 14.4, 14.5]),
      ...series(
        'video-auth-db',
        'staging',
        [28.7, 29.1, 28.9, 29.3, 29.0, 29.4],
      ),
      ...series(
        'video-auth-db',
        'prod',
        [141.2, 143.8, 142.5, 145.1, 146.9, 148.2],
      ),
    ],
  };
}

/** OpenCost and Cost Explorer on loopback with the demo's spend; `config` is `cost.actual`. */
export async function startDemoBilling(): Promise<{
  opencost: FakeOpenCost;
  costExplorer: FakeCostExplorer;
  config: Record<string, unknown>;
  close(): Promise<void>;
}> {
  const spend = demoSpend();
  const [opencost, costExplorer] = await Promise.all([
    startFakeOpenCost({ spend: spend.workloads }),
    startFakeCostExplorer({
      accessKeyId: DEMO_AWS_ACCESS_KEY_ID,
      secretAccessKey: DEMO_AWS_SECRET_ACCESS_KEY,
      spend: spend.cloud,
    }),
  ]);
  return {
    opencost,
    costExplorer,
    config: {
      opencost: { baseUrl: opencost.url },
      aws: {
        endpoint: costExplorer.url,
        accessKeyId: DEMO_AWS_ACCESS_KEY_ID,
        secretAccessKey: DEMO_AWS_SECRET_ACCESS_KEY,
      },
    },
    close: async () => {
      await Promise.all([opencost.close(), costExplorer.close()]);
    },
  };
}
