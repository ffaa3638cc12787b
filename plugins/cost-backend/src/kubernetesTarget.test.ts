import { Entity } from '@backstage/catalog-model';
import { testEstimate } from './__testUtils__/testEstimate';
import { kubernetesTarget } from './kubernetesTarget';

const LOCATION =
  'url:https://github.com/acme/infra/blob/main/catalog-info.yaml';

const entity = (kind: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: {
    name: kind.toLocaleLowerCase('en-US'),
    annotations: {
      'backstage.io/managed-by-location': LOCATION,
      ...annotations,
    },
  },
});

const pools = testEstimate('0.00', {
  nodePools: [
    { cloud: 'aws', region: 'eu-west-1', machine: 'm6i.xlarge', count: 3 },
    { cloud: 'aws', region: 'eu-west-1', machine: 't3.small', count: 1 },
  ],
});

function target(
  component: Entity,
  options: { system?: Entity; environment?: string } = {},
) {
  const system = jest.fn(async () => options.system);
  const terraformEstimate = jest.fn(async () => pools);
  return {
    system,
    terraformEstimate,
    result: kubernetesTarget(component, options.environment ?? 'dev', {
      system,
      terraformEstimate,
    }),
  };
}

describe('kubernetesTarget', () => {
  it('takes what the entity names without reading its system', async () => {
    const { system, result } = target(
      entity('Component', {
        'forja.dev/cloud': 'gcp',
        'forja.dev/region': 'europe-west1',
        'forja.dev/cost-node-machine': 'e2-standard-4',
      }),
    );
    expect(await result).toEqual({
      cloud: 'gcp',
      region: 'europe-west1',
      machine: 'e2-standard-4',
    });
    expect(system).not.toHaveBeenCalled();
  });

  it('falls back on the system, and its largest node pool for the environment', async () => {
    const { terraformEstimate, result } = target(
      entity('Component', { 'forja.dev/region': 'us-east-1' }),
      {
        system: entity('System', {
          'forja.dev/cloud': 'aws',
          'forja.dev/region': 'eu-central-1',
          'forja.dev/terraform-dir': 'dir:./terraform',
        }),
        environment: 'prod',
      },
    );
    expect(await result).toEqual({
      cloud: 'aws',
      region: 'us-east-1',
      machine: 'm6i.xlarge',
    });
    expect(terraformEstimate).toHaveBeenCalledWith(
      {
        type: 'url',
        url: 'https://github.com/acme/infra/blob/main/terraform',
      },
      'prod',
    );
  });

  it('takes cloud and region from the node pool when nothing names them', async () => {
    const { result } = target(entity('Component', {}), {
      system: entity('System', {
        'forja.dev/terraform-dir': 'dir:./terraform',
      }),
    });
    expect(await result).toEqual({
      cloud: 'aws',
      region: 'eu-west-1',
      machine: 'm6i.xlarge',
    });
  });

  it('takes no machine from a pool on another cloud', async () => {
    const { result } = target(
      entity('Component', { 'forja.dev/cloud': 'azure' }),
      {
        system: entity('System', {
          'forja.dev/region': 'westeurope',
          'forja.dev/terraform-dir': 'dir:./terraform',
        }),
      },
    );
    expect(await result).toEqual({
      cloud: 'azure',
      region: 'westeurope',
      machine: undefined,
    });
  });

  it('reads no Terraform for a refused folder or environment name', async () => {
    const refusedFolder = target(entity('Component', {}), {
      system: entity('System', {
        'forja.dev/cloud': 'aws',
        'forja.dev/region': 'us-east-1',
        'forja.dev/terraform-dir': 'dir:../../../elsewhere',
      }),
    });
    expect(await refusedFolder.result).toEqual({
      cloud: 'aws',
      region: 'us-east-1',
      machine: undefined,
    });
    expect(refusedFolder.terraformEstimate).not.toHaveBeenCalled();

    const badName = target(entity('Component', {}), {
      system: entity('System', {
        'forja.dev/terraform-dir': 'dir:./terraform',
      }),
      environment: '../prod',
    });
    expect(await badName.result).toBeUndefined();
    expect(badName.terraformEstimate).not.toHaveBeenCalled();
  });

  it('is undefined without a region or on a cloud Forja does not price', async () => {
    expect(
      await target(entity('Component', { 'forja.dev/cloud': 'aws' })).result,
    ).toBeUndefined();
    expect(
      await target(
        entity('Component', {
          'forja.dev/cloud': 'oracle',
          'forja.dev/region': 'eu-frankfurt-1',
        }),
      ).result,
    ).toBeUndefined();
  });
});
