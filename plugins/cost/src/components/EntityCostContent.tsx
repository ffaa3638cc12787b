import { Table, TableColumn } from '@backstage/core-components';
import { EnvironmentCost } from '@forja/plugin-cost-common';
import Grid from '@mui/material/Grid';
import List from '@mui/material/List';
import ListItem from '@mui/material/ListItem';
import ListItemText from '@mui/material/ListItemText';
import Paper from '@mui/material/Paper';
import Stack from '@mui/material/Stack';
import ToggleButton from '@mui/material/ToggleButton';
import ToggleButtonGroup from '@mui/material/ToggleButtonGroup';
import Typography from '@mui/material/Typography';
import Alert from '@mui/material/Alert';
import { useState } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { CloudComparisonTable } from './CloudComparisonTable';
import { CostFrame } from './CostFrame';
import { CoverageNote } from './CoverageNote';
import { byCategory, usd } from './format';
import { useEntityCost } from './useEntityCost';

type Row = {
  id: string;
  resource: string;
  component: string;
  quantity: string;
  price: string;
  monthlyCost: number | null;
};

const columns: TableColumn<Row>[] = [
  { title: 'Resource', field: 'resource' },
  { title: 'Component', field: 'component' },
  { title: 'Monthly quantity', field: 'quantity' },
  { title: 'Unit price', field: 'price' },
  {
    title: 'Monthly cost',
    field: 'monthlyCost',
    type: 'numeric',
    defaultSort: 'desc',
    render: row => usd(row.monthlyCost),
  },
];

function rows(env: EnvironmentCost): Row[] {
  return (env.estimate?.projects ?? []).flatMap(project =>
    project.breakdown.resources.flatMap(resource =>
      resource.costComponents.map((c, i) => ({
        id: `${project.name}/${resource.name}/${i}`,
        resource: resource.name,
        component: c.usageBased ? `${c.name} (usage)` : c.name,
        quantity:
          c.monthlyQuantity === null
            ? 'needs usage'
            : `${c.monthlyQuantity} ${c.unit}`,
        price: c.price === null ? 'no price' : `$${c.price}`,
        monthlyCost: c.monthlyCost === null ? null : Number(c.monthlyCost),
      })),
    ),
  );
}

function CoverageDetails(props: { env: EnvironmentCost }) {
  const coverage = props.env.estimate?.coverage;
  if (!coverage) return null;
  const items = [
    ...coverage.unsupportedResources.map(
      r => `Not priced: ${r.address} (${r.resourceType}): ${r.reason}`,
    ),
    ...coverage.missingPrices.map(
      p =>
        `No price for ${p.priceKey} in ${p.cloud} ${p.region ?? ''}: ${
          p.address
        }`,
    ),
    ...coverage.missingUsage.map(
      m => `Needs usage: ${m.address}: ${m.component}`,
    ),
    ...coverage.assumedUsage.map(
      a => `Assumed: ${a.address}: ${a.key} = ${a.value}`,
    ),
    ...coverage.problems.map(
      p => `${p.file}${p.line ? `:${p.line}` : ''}: ${p.message}`,
    ),
  ];
  return (
    <List dense aria-label="coverage">
      {items.length === 0 && (
        <ListItem>
          <ListItemText primary="Everything declared was priced." />
        </ListItem>
      )}
      {items.map(item => (
        <ListItem key={item}>
          <ListItemText primary={item} />
        </ListItem>
      ))}
    </List>
  );
}

/** The Cost tab: breakdown, chart by category and cloud comparison per environment. */
export function EntityCostContent() {
  const state = useEntityCost();
  const [selected, setSelected] = useState<string>();
  return (
    <CostFrame title="Cost" {...state}>
      {value => {
        const env =
          value.environments.find(e => e.environment === selected) ??
          value.environments[0];
        if (!env) return <Typography>No environment to estimate.</Typography>;
        const resources = (env.estimate?.projects ?? []).flatMap(
          p => p.breakdown.resources,
        );
        const comparisons = (env.estimate?.projects ?? []).flatMap(p =>
          p.comparison ? [p.comparison] : [],
        );
        return (
          <Stack spacing={2}>
            <ToggleButtonGroup
              size="small"
              exclusive
              value={env.environment}
              aria-label="environment"
              onChange={(_, next) => next && setSelected(next)}
            >
              {value.environments.map(e => (
                <ToggleButton key={e.environment} value={e.environment}>
                  {e.environment}:{' '}
                  {e.status === 'ok'
                    ? usd(e.estimate?.totalMonthlyCost)
                    : 'not estimated'}
                </ToggleButton>
              ))}
            </ToggleButtonGroup>
            {env.message && <Alert severity="warning">{env.message}</Alert>}
            {env.estimate && (
              <Grid container spacing={2}>
                <Grid item xs={12} md={5}>
                  <Paper variant="outlined" sx={{ p: 2, height: '100%' }}>
                    <Typography variant="h6">By category</Typography>
                    <ResponsiveContainer width="100%" height={260}>
                      <BarChart
                        data={byCategory(resources)}
                        layout="vertical"
                        margin={{ left: 24 }}
                      >
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis type="number" tickFormatter={v => usd(v)} />
                        <YAxis type="category" dataKey="category" width={100} />
                        <Tooltip formatter={v => usd(Number(v))} />
                        <Bar
                          dataKey="monthlyCost"
                          name="Monthly cost"
                          fill="#1976d2"
                        />
                      </BarChart>
                    </ResponsiveContainer>
                  </Paper>
                </Grid>
                <Grid item xs={12} md={7}>
                  <Paper variant="outlined" sx={{ p: 2, height: '100%' }}>
                    <Typography variant="h6">
                      The same architecture on each cloud
                    </Typography>
                    {comparisons.length === 0 && (
                      <Typography variant="body2">
                        Nothing to compare: comparisons cover Terraform
                        architectures in the regions Forja pairs across clouds.
                      </Typography>
                    )}
                    {comparisons.map((comparison, i) => (
                      <CloudComparisonTable key={i} comparison={comparison} />
                    ))}
                  </Paper>
                </Grid>
                <Grid item xs={12}>
                  <Table<Row>
                    title={`Breakdown: ${env.environment}, ${usd(
                      env.estimate.totalMonthlyCost,
                    )} a month`}
                    options={{
                      paging: true,
                      pageSize: 20,
                      search: true,
                      padding: 'dense',
                    }}
                    columns={columns}
                    data={rows(env)}
                  />
                </Grid>
                <Grid item xs={12}>
                  <Typography variant="h6">Coverage</Typography>
                  <CoverageNote
                    environments={[env]}
                    pricesRetrievedAt={env.estimate.pricesRetrievedAt}
                    freshness={value.priceFreshness}
                  />
                  <CoverageDetails env={env} />
                </Grid>
              </Grid>
            )}
          </Stack>
        );
      }}
    </CostFrame>
  );
}
