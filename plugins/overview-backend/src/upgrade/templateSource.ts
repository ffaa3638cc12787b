import {
  BackstageCredentials,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseEntityRef,
  parseLocationRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { assertPlainTree } from '@forja/plugin-scaffolder-backend-module-forja';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export const SOURCE_TEMPLATE = 'backstage.io/source-template';

/** A template's folders, on disk for the render; `dispose` removes what was fetched. */
export interface TemplateSource {
  templateRef: string;
  forjaDir: string;
  skeletonDir: string;
  dispose(): Promise<void>;
}

/** The `forja:render` steps of a Template entity: which renders it runs. */
function rendersOf(template: Entity): string[] {
  const steps = (template.spec as { steps?: unknown })?.steps;
  if (!Array.isArray(steps)) return [];
  return steps.flatMap(step =>
    step?.action === 'forja:render' && typeof step.input?.template === 'string'
      ? [step.input.template as string]
      : [],
  );
}

/**
 * The template an entity says generated it (`backstage.io/source-template`), once the
 * catalog has it and it runs the render the repository records, with its `forja/` and
 * `skeleton/` folders: read from disk for a `file:` location (the catalog takes those
 * only from the portal's configuration) or through the UrlReader (configured hosts
 * only) for a `url:` one. Only the location the catalog recorded is used, never an
 * annotation the template's own YAML could set.
 */
export async function loadTemplateSource(options: {
  entity: Entity;
  render: string;
  catalog: CatalogService;
  reader: UrlReaderService;
  credentials: BackstageCredentials;
}): Promise<TemplateSource> {
  const { entity, render } = options;
  const value = entity.metadata.annotations?.[SOURCE_TEMPLATE];
  if (!value)
    throw new InputError(
      `${stringifyEntityRef(
        entity,
      )} has no ${SOURCE_TEMPLATE}: Forja upgrades only repositories a template generated`,
    );
  let ref;
  try {
    ref = parseEntityRef(value, { defaultKind: 'template' });
  } catch {
    throw new InputError(`${SOURCE_TEMPLATE}: "${value}" is not an entity ref`);
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'template')
    throw new InputError(`${SOURCE_TEMPLATE}: ${value} is not a Template`);
  const templateRef = stringifyEntityRef(ref);
  const template = await options.catalog.getEntityByRef(templateRef, {
    credentials: options.credentials,
  });
  if (!template)
    throw new NotFoundError(`${templateRef} is not in the catalog`);
  if (!rendersOf(template).includes(render))
    throw new NotAllowedError(
      `${templateRef} does not render "${render}", the template this repository records`,
    );

  const location = template.metadata.annotations?.[ANNOTATION_LOCATION];
  let type = '';
  let target = '';
  try {
    if (location) ({ type, target } = parseLocationRef(location));
  } catch {
    // Refused below.
  }
  if (type === 'file') {
    const dir = path.dirname(target);
    const source = {
      templateRef,
      forjaDir: path.join(dir, 'forja'),
      skeletonDir: path.join(dir, 'skeleton'),
      dispose: async () => {},
    };
    await assertPlainTree(source.forjaDir);
    await assertPlainTree(source.skeletonDir);
    return source;
  }
  if (type !== 'url')
    throw new InputError(
      `${templateRef} was read from ${
        location ?? 'nowhere'
      }: Forja renders templates from file or URL locations`,
    );
  const work = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-upgrade-'));
  const dispose = () => fs.rm(work, { recursive: true, force: true });
  try {
    const source = {
      templateRef,
      forjaDir: path.join(work, 'forja'),
      skeletonDir: path.join(work, 'skeleton'),
      dispose,
    };
    for (const [folder, dir] of [
      ['forja', source.forjaDir],
      ['skeleton', source.skeletonDir],
    ]) {
      const tree = await options.reader.readTree(
        new URL(`./${folder}`, target).toString(),
      );
      await tree.dir({ targetDir: dir });
      await assertPlainTree(dir);
    }
    return source;
  } catch (error) {
    await dispose();
    throw error;
  }
}
