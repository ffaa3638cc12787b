import { Document, parseAllDocuments, parseDocument } from 'yaml';
import { ServiceSettings } from './serviceRepository';

/** An image tag Forja writes: a Docker tag, nothing YAML or a shell could read more into. */
export const IMAGE_TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/** The placeholder image name an environment's tag is set on (the colour, with blue/green). */
export function placeholder(
  settings: ServiceSettings,
  colourPatch: string | undefined,
  which: 'active' | 'idle',
): string {
  if (settings.deployStrategy !== 'blue-green' || !colourPatch)
    return settings.name;
  const services = parseAllDocuments(colourPatch).map(d => d.toJS());
  const service = services.find(
    s =>
      s?.metadata?.name ===
      (which === 'active' ? settings.name : `${settings.name}-preview`),
  );
  const colour = service?.spec?.selector?.['forja.dev/color'];
  return colour ? `${settings.name}-${colour}` : settings.name;
}

export interface KustomizeImage {
  name: string;
  newName?: string;
  newTag?: string;
}

/** The `images` entry of a kustomization.yaml for the placeholder `name`. */
export function overlayImage(
  kustomization: string,
  name: string,
): KustomizeImage | undefined {
  const images = (parseDocument(kustomization).toJS()?.images ??
    []) as KustomizeImage[];
  return Array.isArray(images) ? images.find(i => i?.name === name) : undefined;
}

type YamlMap = { get(k: string): unknown; set(k: string, v: unknown): void };

/**
 * The kustomization with the placeholder `name`'s image moved to `tag` (and `newName`,
 * when given), comments and order kept; `undefined` when the overlay declares no such
 * image. The tag must be an IMAGE_TAG (set as a YAML scalar, never spliced as text).
 */
export function withImageTag(
  kustomization: string,
  name: string,
  tag: string,
  newName?: string,
): { document: Document; previousTag: unknown } | undefined {
  if (!IMAGE_TAG.test(tag)) throw new Error(`${tag} is not an image tag`);
  const document = parseDocument(kustomization);
  const images = document.get('images') as { items?: YamlMap[] } | undefined;
  const entry = images?.items?.find(i => i.get('name') === name);
  if (!entry) return undefined;
  const previousTag = entry.get('newTag');
  entry.set('newTag', tag);
  if (newName) entry.set('newName', newName);
  return { document, previousTag };
}
