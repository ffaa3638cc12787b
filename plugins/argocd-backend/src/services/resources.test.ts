import { resourcesWithSync } from './resources';

describe('resourcesWithSync', () => {
  it("takes each node's sync status from the application, matched by kind, namespace and name", () => {
    expect(
      resourcesWithSync(
        {
          metadata: { name: 'ms-auth-dev' },
          status: {
            resources: [
              {
                kind: 'Deployment',
                namespace: 'dev',
                name: 'ms-auth',
                status: 'OutOfSync',
              },
              {
                kind: 'Service',
                namespace: 'dev',
                name: 'ms-auth',
                status: 'Synced',
              },
            ],
          },
        },
        [
          {
            kind: 'Deployment',
            namespace: 'dev',
            name: 'ms-auth',
            health: { status: 'Healthy' },
          },
          { kind: 'Deployment', namespace: 'qa', name: 'ms-auth' },
          { kind: 'ReplicaSet', namespace: 'dev', name: 'ms-auth-5d9' },
        ],
      ),
    ).toEqual([
      {
        kind: 'Deployment',
        namespace: 'dev',
        name: 'ms-auth',
        status: 'OutOfSync',
        health: { status: 'Healthy' },
      },
      {
        kind: 'Deployment',
        namespace: 'qa',
        name: 'ms-auth',
        status: undefined,
        health: undefined,
      },
      {
        kind: 'ReplicaSet',
        namespace: 'dev',
        name: 'ms-auth-5d9',
        status: undefined,
        health: undefined,
      },
    ]);
  });
});
