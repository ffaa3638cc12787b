/**
 * The signal channel an entity's open pages listen on: the overview backend publishes on it
 * when one of the entity's episodes (Degraded, OutOfSync, alert firing) opens or closes, or
 * one of its pull requests opens or merges. The message says only what changed; the page
 * reads the entity again through its own routes.
 *
 * @public
 */
export const entitySignalChannel = (entityRef: string) =>
  `forja:entity:${entityRef.toLocaleLowerCase('en-US')}`;

/**
 * The message on {@link entitySignalChannel}.
 *
 * @public
 */
export type EntitySignal = {
  change: 'episode' | 'pull-request';
};
