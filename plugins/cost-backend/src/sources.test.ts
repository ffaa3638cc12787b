import { Entity } from '@backstage/catalog-model';
import path from 'node:path';
import { annotation, entitySources } from './sources';

const ROOT = path.resolve(__dirname, '../../..');

const entity = (
  location: string,
  annotations: Record<string, string>,
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ms-auth',
    annotations: {
      'backstage.io/managed-by-location': location,
      ...annotations,
    },
  },
});

describe('entitySources', () => {
  it('resolves dir: folders against the catalog file, Terraform first', () => {
    const { sources, refused } = entitySources(
      entity(`file:${ROOT}/catalog/video-system.yaml`, {
        'forja.dev/kustomize-dir': 'dir:../examples/k8s',
        'forja.dev/terraform-dir': ' dir:../examples/terraform ',
      }),
    );
    expect(refused).toEqual([]);
    expect(sources).toEqual([
      ['terraform', { type: 'file', dir: `${ROOT}/examples/terraform` }],
      ['kustomize', { type: 'file', dir: `${ROOT}/examples/k8s` }],
    ]);
  });

  it('resolves dir: against a URL location inside its repository and ref', () => {
    const { sources } = entitySources(
      entity('url:https://github.com/acme/infra/blob/main/catalog-info.yaml', {
        'forja.dev/terraform-dir': 'dir:./terraform',
      }),
    );
    expect(sources).toEqual([
      [
        'terraform',
        {
          type: 'url',
          url: 'https://github.com/acme/infra/blob/main/terraform',
        },
      ],
    ]);
  });

  it('refuses a folder outside the checkout or repository, naming the annotation', () => {
    const { sources, refused } = entitySources(
      entity('url:https://github.com/acme/infra/blob/main/catalog-info.yaml', {
        'forja.dev/terraform-dir': 'dir:../../../other/repo',
        'forja.dev/kustomize-dir': 'k8s',
      }),
    );
    expect(sources).toEqual([]);
    expect(refused).toEqual([
      {
        identity: 'refused:dir:../../../other/repo',
        status: 'failed',
        message: expect.stringMatching(
          /^forja\.dev\/terraform-dir: .*outside the repository/,
        ),
      },
      {
        identity: 'refused:k8s',
        status: 'failed',
        message: expect.stringMatching(
          /^forja\.dev\/kustomize-dir: "k8s" is not dir:/,
        ),
      },
    ]);
  });

  it('ignores blank annotations', () => {
    const blank = entity(`file:${ROOT}/catalog/x.yaml`, {
      'forja.dev/terraform-dir': '  ',
    });
    expect(annotation(blank, 'forja.dev/terraform-dir')).toBeUndefined();
    expect(entitySources(blank)).toEqual({ sources: [], refused: [] });
  });

  it("reads a module selection for the Terraform folder, refusing a bad one in the folder's place", () => {
    const location = `file:${ROOT}/catalog/video-system.yaml`;
    const folders = {
      'forja.dev/terraform-dir': 'dir:../examples/terraform',
      'forja.dev/kustomize-dir': 'dir:../examples/k8s',
    };
    expect(
      entitySources(
        entity(location, {
          ...folders,
          'forja.dev/terraform-modules': 'postgres',
        }),
      ).modules,
    ).toEqual({ include: ['postgres'] });
    const bad = entitySources(
      entity(location, {
        ...folders,
        'forja.dev/terraform-modules-exclude': '../x',
      }),
    );
    expect(bad.modules).toBeUndefined();
    expect(bad.sources.map(([kind]) => kind)).toEqual(['kustomize']);
    expect(bad.refused).toEqual([
      expect.objectContaining({
        status: 'failed',
        message: expect.stringMatching(
          /^forja\.dev\/terraform-modules-exclude: /,
        ),
      }),
    ]);
    const alone = entitySources(
      entity(location, {
        'forja.dev/kustomize-dir': 'dir:../examples/k8s',
        'forja.dev/terraform-modules': 'postgres',
      }),
    );
    expect(alone.refused[0].message).toMatch(
      /^forja\.dev\/terraform-modules: selects modules of forja\.dev\/terraform-dir/,
    );
  });
});
