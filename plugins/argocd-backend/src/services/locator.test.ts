import { Entity } from '@backstage/catalog-model';
import { readLocator } from './locator';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ms-auth', annotations },
  spec: {},
});

describe('readLocator', () => {
  it('reads the community annotations into a query, asking every configured instance by default', () => {
    expect(
      readLocator(
        entity({
          'argocd/app-selector': 'backstage.io/kubernetes-id=ms-auth',
          'argocd/project-name': 'video',
          'argocd/app-namespace': 'apps',
        }),
        ['main', 'prod'],
      ),
    ).toEqual({
      instances: ['main', 'prod'],
      query: {
        name: undefined,
        selector: 'backstage.io/kubernetes-id=ms-auth',
        project: 'video',
        appNamespace: 'apps',
      },
    });
  });

  it('asks only the instances the entity names', () => {
    expect(
      readLocator(
        entity({
          'argocd/app-name': 'ms-auth',
          'argocd/instance-name': ' prod ,',
        }),
        ['main', 'prod'],
      ).instances,
    ).toEqual(['prod']);
  });

  it.each([
    ['argocd/app-name', '../../api/v1/session?x=@evil.example'],
    ['argocd/app-selector', 'team=video&token=x'],
    ['argocd/project-name', 'a/b'],
  ])('refuses %s values Forja would not send as they are', (key, value) => {
    const annotations = { 'argocd/app-name': 'ms-auth', [key]: value };
    expect(() => readLocator(entity(annotations), ['main'])).toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: `annotation ${key} has a value Forja does not send to Argo CD: "${value}"`,
      }),
    );
  });

  it('needs an application name or selector', () => {
    expect(() => readLocator(entity({}), ['main'])).toThrow(
      'ms-auth has neither argocd/app-name nor argocd/app-selector',
    );
  });
});
