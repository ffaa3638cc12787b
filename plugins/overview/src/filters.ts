import { Entity } from '@backstage/catalog-model';

/** Systems and groups get the overview tab. */
export const isOverviewAvailable = (entity: Entity) =>
  ['system', 'group'].includes(entity.kind.toLocaleLowerCase('en-US'));

/** Components that declare more than one environment get the Environments card. */
export const isEnvironmentsAvailable = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  (entity.metadata.annotations?.['forja.dev/environments'] ?? '')
    .split(',')
    .filter(e => e.trim()).length > 1;

/** Components a template generated (`backstage.io/source-template`) get the upgrade card. */
export const isTemplateUpgradeAvailable = (entity: Entity) =>
  entity.kind.toLocaleLowerCase('en-US') === 'component' &&
  Boolean(entity.metadata.annotations?.['backstage.io/source-template']);
