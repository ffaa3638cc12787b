import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityCostResponse } from '@forja/plugin-cost-common';
import { ReactNode } from 'react';

/** A cost card's frame: loading, the request's error, or the estimate. */
export function CostFrame(props: {
  title: string;
  subheader?: string;
  loading: boolean;
  error?: Error;
  value?: EntityCostResponse;
  children: (value: EntityCostResponse) => ReactNode;
}) {
  const { loading, error, value } = props;
  let body: ReactNode = null;
  if (loading && !value) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) body = props.children(value);
  return (
    <InfoCard title={props.title} subheader={props.subheader}>
      {body}
    </InfoCard>
  );
}
