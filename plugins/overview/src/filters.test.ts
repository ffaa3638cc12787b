import { Entity } from '@backstage/catalog-model';
import { isTemplateUpgradeAvailable } from './filters';

const entity = (kind: string, annotations: Record<string, string> = {}) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name: 'x', annotations },
    spec: {},
  } as Entity);

describe('isTemplateUpgradeAvailable', () => {
  const generated = {
    'backstage.io/source-template': 'template:default/forja-environment',
  };

  it("offers the upgrade card on a service's Component and an environment's Resources", () => {
    expect(isTemplateUpgradeAvailable(entity('Component', generated))).toBe(
      true,
    );
    expect(isTemplateUpgradeAvailable(entity('Resource', generated))).toBe(
      true,
    );
  });

  it('not on entities no template generated, nor on other kinds', () => {
    expect(isTemplateUpgradeAvailable(entity('Component'))).toBe(false);
    expect(isTemplateUpgradeAvailable(entity('System', generated))).toBe(false);
    expect(isTemplateUpgradeAvailable(entity('Group', generated))).toBe(false);
  });
});
