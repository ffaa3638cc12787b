import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import {
  ArgoCdApplication,
  ArgoCdClient,
  ArgoCdService,
} from '@forja/plugin-argocd-node';
import { createEntityApplicationsService } from './createEntityApplicationsService';

const SERVICES = 200;
const INSTANCE = { name: 'main', url: 'http://127.0.0.1:1', frontendUrl: '' };

/** Every service's application in 3 environments, counting reads of their labels. */
function countedApplications() {
  const reads = { labels: 0 };
  const apps = ['dev', 'staging', 'prod'].flatMap(env =>
    Array.from({ length: SERVICES }, (_, i): ArgoCdApplication => {
      const labels = { 'backstage.io/kubernetes-id': `svc-${i}`, env };
      const metadata = { name: `svc-${i}-${env}` };
      Object.defineProperty(metadata, 'labels', {
        get: () => {
          reads.labels++;
          return labels;
        },
        enumerable: true,
      });
      return { metadata, status: { sync: { status: 'Synced' } } };
    }),
  );
  return { apps, reads };
}

const service = (i: number): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: `svc-${i}`,
    annotations: {
      'argocd/app-selector': `backstage.io/kubernetes-id=svc-${i}`,
    },
  },
  spec: {},
});

describe('listMany', () => {
  it("finds each entity's applications without testing every application per entity", async () => {
    const { apps, reads } = countedApplications();
    const argocd = {
      config: { instances: [INSTANCE] },
      client: () => ({ instance: INSTANCE } as unknown as ArgoCdClient),
      applications: async () => ({
        value: apps,
        fetchedAt: new Date().toISOString(),
        stale: false,
      }),
    } as unknown as ArgoCdService;
    const applications = createEntityApplicationsService({
      argocd,
      logger: mockServices.logger.mock(),
      assertPointsBack: async () => {},
    });

    const answers = await applications.listMany(
      Array.from({ length: SERVICES }, (_, i) => service(i)),
    );

    expect(answers[7].applications?.applications.map(a => a.name)).toEqual([
      'svc-7-dev',
      'svc-7-staging',
      'svc-7-prod',
    ]);
    expect(answers.every(a => a.applications?.applications.length === 3)).toBe(
      true,
    );
    // Indexing reads every application once, each entity's query its own 3, and the
    // summaries their environment: 3 reads per application (a scan reads 200 per entity).
    expect(reads.labels).toBeLessThanOrEqual(apps.length * 3);
  });
});
