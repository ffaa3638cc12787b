import Alert from '@mui/material/Alert';
import Chip from '@mui/material/Chip';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';
import { CostFrame } from './CostFrame';
import { CoverageNote } from './CoverageNote';
import { topComponents, usd } from './format';
import { useEntityCost } from './useEntityCost';

/** Monthly total, per environment, the largest components and what is not covered. */
export function EntityCostCard() {
  const state = useEntityCost();
  return (
    <CostFrame
      title="Monthly cost"
      subheader="Estimated from what the source declares"
      {...state}
    >
      {value => (
        <Stack spacing={1}>
          <Typography variant="h4" component="p" aria-label="monthly total">
            {usd(value.totalMonthlyCost)}
            <Typography component="span" variant="body2" color="text.secondary">
              {' '}
              a month
            </Typography>
          </Typography>
          <Stack direction="row" spacing={1} flexWrap="wrap" useFlexGap>
            {value.environments.map(env => (
              <Chip
                key={env.environment}
                label={`${env.environment}: ${
                  env.status === 'ok'
                    ? usd(env.estimate?.totalMonthlyCost)
                    : 'not estimated'
                }`}
                color={env.status === 'ok' ? 'default' : 'warning'}
                variant="outlined"
              />
            ))}
          </Stack>
          {value.environments
            .filter(env => env.status === 'failed')
            .map(env => (
              <Alert key={env.environment} severity="warning">
                {env.environment}: {env.message}
              </Alert>
            ))}
          <List dense aria-label="largest components" disablePadding>
            {topComponents(value.environments).map(c => (
              <ListItem
                key={`${c.environment}/${c.resource}/${c.component}`}
                disableGutters
                secondaryAction={
                  <Typography variant="body2">{usd(c.monthlyCost)}</Typography>
                }
              >
                <ListItemText
                  primary={c.component}
                  secondary={`${c.environment} · ${c.resource}`}
                />
              </ListItem>
            ))}
          </List>
          <CoverageNote
            environments={value.environments}
            pricesRetrievedAt={value.pricesRetrievedAt}
            freshness={value.priceFreshness}
          />
        </Stack>
      )}
    </CostFrame>
  );
}
