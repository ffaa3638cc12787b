import { Comparison } from '@forja/plugin-cost-common';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { usd } from './format';

const CLOUD_NAMES = { aws: 'AWS', azure: 'Azure', gcp: 'Google Cloud' };

/** Each role of the architecture on the three clouds, with the equivalent chosen. */
export function CloudComparisonTable(props: { comparison: Comparison }) {
  const { clouds, from, notCompared } = props.comparison;
  const cheapest = Math.min(...clouds.map(c => Number(c.totalMonthlyCost)));
  const roles = clouds[0]?.items ?? [];
  return (
    <>
      <Table size="small" aria-label="cloud comparison">
        <TableHead>
          <TableRow>
            <TableCell>Role</TableCell>
            {clouds.map(c => (
              <TableCell key={c.cloud}>
                {CLOUD_NAMES[c.cloud]} ({c.region})
                {c.cloud === from.cloud ? ', as declared' : ''}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {roles.map((role, index) => (
            <TableRow key={`${role.role}-${index}`}>
              <TableCell>{role.role}</TableCell>
              {clouds.map(c => (
                <TableCell key={c.cloud}>
                  <Typography variant="body2">
                    {usd(c.items[index]?.monthlyCost)}
                  </Typography>
                  <Typography variant="caption" color="text.secondary">
                    {c.items[index]?.equivalent}
                  </Typography>
                </TableCell>
              ))}
            </TableRow>
          ))}
          <TableRow>
            <TableCell>
              <strong>Total</strong>
            </TableCell>
            {clouds.map(c => (
              <TableCell key={c.cloud} aria-label={`${c.cloud} total`}>
                <strong>{usd(c.totalMonthlyCost)}</strong>
                {Number(c.totalMonthlyCost) === cheapest && ' (lowest)'}
              </TableCell>
            ))}
          </TableRow>
        </TableBody>
      </Table>
      {notCompared.length > 0 && (
        <Typography variant="caption" color="text.secondary">
          Not compared (no cross-cloud equivalent):{' '}
          {notCompared.map(n => n.address).join(', ')}
        </Typography>
      )}
    </>
  );
}
