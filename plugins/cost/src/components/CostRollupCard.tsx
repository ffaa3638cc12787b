import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { CostFrame } from './CostFrame';
import { usd } from './format';
import { useEntityCost } from './useEntityCost';

/** A system's or group's members with their monthly cost per environment. */
export function CostRollupCard() {
  const state = useEntityCost();
  return (
    <CostFrame title="Cost by member" {...state}>
      {value => {
        const environments = value.environments.map(e => e.environment);
        const members = [...(value.members ?? [])].sort(
          (a, b) => Number(b.totalMonthlyCost) - Number(a.totalMonthlyCost),
        );
        if (!members.length) {
          return (
            <Typography variant="body2">
              No member declares Terraform or manifests to price
              (forja.dev/terraform-dir, forja.dev/kustomize-dir).
            </Typography>
          );
        }
        return (
          <Table size="small" aria-label="cost by member">
            <TableHead>
              <TableRow>
                <TableCell>Member</TableCell>
                {environments.map(e => (
                  <TableCell key={e} align="right">
                    {e}
                  </TableCell>
                ))}
                <TableCell align="right">Total</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {members.map(member => (
                <TableRow key={member.entityRef}>
                  <TableCell>
                    <EntityRefLink
                      entityRef={member.entityRef}
                      title={member.title}
                    />
                  </TableCell>
                  {environments.map(e => {
                    const cost = member.environments.find(
                      m => m.environment === e,
                    );
                    return (
                      <TableCell key={e} align="right" title={cost?.message}>
                        {cost?.status === 'failed'
                          ? 'not estimated'
                          : usd(cost?.monthlyCost)}
                      </TableCell>
                    );
                  })}
                  <TableCell align="right">
                    {usd(member.totalMonthlyCost)}
                  </TableCell>
                </TableRow>
              ))}
              <TableRow>
                <TableCell>
                  <strong>Distinct sources</strong>
                </TableCell>
                {value.environments.map(e => (
                  <TableCell key={e.environment} align="right">
                    <strong>{usd(e.estimate?.totalMonthlyCost)}</strong>
                  </TableCell>
                ))}
                <TableCell align="right">
                  <strong>{usd(value.totalMonthlyCost)}</strong>
                </TableCell>
              </TableRow>
            </TableBody>
          </Table>
        );
      }}
    </CostFrame>
  );
}
