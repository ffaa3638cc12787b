import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import { ReactNode } from 'react';

/** A small labelled table: one header row, then one row of cells per item. */
export function SimpleTable(props: {
  label: string;
  headers: string[];
  rows: Array<{ key: string; cells: ReactNode[] }>;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.headers.map(header => (
            <TableCell key={header}>{header}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {props.rows.map(row => (
          <TableRow key={row.key}>
            {row.cells.map((cell, i) => (
              <TableCell key={props.headers[i]}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** "message — Author", the first line of a commit message and its author without email. */
export function commitLine(metadata?: {
  message?: string;
  author?: string;
}): string {
  const message = metadata?.message?.split('\n')[0] ?? '—';
  const author = metadata?.author?.replace(/\s*<.*>$/, '');
  return author ? `${message} — ${author}` : message;
}
