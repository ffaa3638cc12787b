import { getCompoundEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { costApiRef } from '../api';

/** The current entity's estimate (a system's or group's rollup). */
export function useEntityCost() {
  const { entity } = useEntity();
  const api = useApi(costApiRef);
  return useAsync(
    () => api.getEntityCost(getCompoundEntityRef(entity)),
    [api, entity],
  );
}
