import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  GRAFANA_ANNOTATION_OVERVIEW_DASHBOARD,
  GRAFANA_ANNOTATION_PANELS,
} from '@forja/plugin-grafana-common';

const UID = /^[A-Za-z0-9_-]{1,40}$/;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SAFE_VALUE = /^[A-Za-z0-9_.:@/+-]{0,200}$/;

/** `k=v, k2=v2` as pairs; anything else is an InputError (a 400) naming the annotation `key`. */
export function readPairs(
  value: string | undefined,
  key: string,
): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const part of (value ?? '')
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)) {
    const [name, ...rest] = part.split('=');
    const pairValue = rest.join('=').trim();
    if (!LABEL_NAME.test(name.trim()) || !SAFE_VALUE.test(pairValue)) {
      throw new InputError(
        `annotation ${key} must be name=value pairs separated by commas; "${part}" is not one Forja sends`,
      );
    }
    pairs[name.trim()] = pairValue;
  }
  return pairs;
}

/** A panel an entity asks for; without a panel id, every panel of the dashboard. */
export interface PanelRef {
  uid: string;
  panelId?: number;
}

/** Which panels the entity asks for: `uid:id` pairs, or every panel of its overview dashboard. */
export function readPanelRefs(entity: Entity): PanelRef[] {
  const annotations = entity.metadata.annotations ?? {};
  const listed = annotations[GRAFANA_ANNOTATION_PANELS]?.trim();
  if (listed) {
    return listed
      .split(',')
      .map(p => p.trim())
      .filter(Boolean)
      .map(part => {
        const match = /^([A-Za-z0-9_-]{1,40}):(\d{1,6})$/.exec(part);
        if (!match) {
          throw new InputError(
            `annotation ${GRAFANA_ANNOTATION_PANELS} must list <dashboard uid>:<panel id>; "${part}" is not one`,
          );
        }
        return { uid: match[1], panelId: Number(match[2]) };
      });
  }
  const overview = annotations[GRAFANA_ANNOTATION_OVERVIEW_DASHBOARD]?.trim();
  if (!overview) return [];
  const uid = /\/d(?:-solo)?\/([^/?#]+)/.exec(overview)?.[1] ?? overview;
  if (!UID.test(uid)) {
    throw new InputError(
      `annotation ${GRAFANA_ANNOTATION_OVERVIEW_DASHBOARD} names no dashboard uid Forja can read: "${overview}"`,
    );
  }
  return [{ uid }];
}
