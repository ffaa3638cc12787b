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

/**
 * What a template generated (`backstage.io/source-template`) gets the upgrade card: a
 * service's Component, or the Resources an environment repository registers.
 */
export const isTemplateUpgradeAvailable = (entity: Entity) =>
  ['component', 'resource'].includes(entity.kind.toLocaleLowerCase('en-US')) &&
  Boolean(entity.metadata.annotations?.['backstage.io/source-template']);
