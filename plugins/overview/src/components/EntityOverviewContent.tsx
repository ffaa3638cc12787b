import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import { OverviewView } from './OverviewView';

/** The overview of the current System or Group. */
export function EntityOverviewContent() {
  const { entity } = useEntity();
  return <OverviewView entity={getCompoundEntityRef(entity)} />;
}
