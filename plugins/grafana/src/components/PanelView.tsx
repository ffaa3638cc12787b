import { PanelData } from '@forja/plugin-grafana-common';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import { useTheme } from '@mui/material/styles';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  chartRows,
  formatValue,
  lastValue,
  thresholdColor,
  toSeries,
} from './format';

const HEIGHT = 220;

function TimeSeriesChart({ panel }: { panel: PanelData }) {
  const theme = useTheme();
  const series = toSeries(panel.frames);
  const palette = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.success.main,
    theme.palette.warning.main,
    theme.palette.error.main,
    theme.palette.info.main,
  ];
  const time = (t: number) =>
    new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  return (
    <ResponsiveContainer width="100%" height={HEIGHT}>
      <LineChart data={chartRows(series)}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis
          dataKey="t"
          type="number"
          scale="time"
          domain={['dataMin', 'dataMax']}
          tickFormatter={time}
        />
        <YAxis
          width={72}
          tickFormatter={v => formatValue(v, panel.unit, panel.decimals)}
        />
        <Tooltip
          labelFormatter={t => new Date(Number(t)).toLocaleString()}
          formatter={v => formatValue(Number(v), panel.unit, panel.decimals)}
        />
        <Legend />
        {series.map((s, i) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            dot={false}
            stroke={palette[i % palette.length]}
            isAnimationActive={false}
            connectNulls
          />
        ))}
      </LineChart>
    </ResponsiveContainer>
  );
}

function StatValue({ panel }: { panel: PanelData }) {
  const value = lastValue(panel.frames);
  return (
    <Box sx={{ height: HEIGHT, display: 'grid', placeItems: 'center' }}>
      <Typography
        variant="h3"
        sx={{ color: thresholdColor(value, panel.thresholds) }}
        aria-label={`${panel.title} value`}
      >
        {formatValue(value, panel.unit, panel.decimals)}
      </Typography>
    </Box>
  );
}

function Gauge({ panel }: { panel: PanelData }) {
  const theme = useTheme();
  const value = lastValue(panel.frames);
  const min = panel.min ?? 0;
  const max = panel.max ?? (panel.unit === 'percentunit' ? 1 : 100);
  const share = Math.min(Math.max(((value ?? min) - min) / (max - min), 0), 1);
  // A half circle from the left (share 0) over the top to the right (share 1).
  const angle = Math.PI * (1 - share);
  const end = { x: 100 + 80 * Math.cos(angle), y: 100 - 80 * Math.sin(angle) };
  const color =
    thresholdColor(value, panel.thresholds) ?? theme.palette.primary.main;
  return (
    <Box sx={{ height: HEIGHT, display: 'grid', placeItems: 'center' }}>
      <svg viewBox="0 0 200 120" width="100%" height={HEIGHT - 20}>
        <path
          d="M 20 100 A 80 80 0 0 1 180 100"
          fill="none"
          stroke={theme.palette.action.disabledBackground}
          strokeWidth="16"
        />
        {value !== undefined && (
          <path
            d={`M 20 100 A 80 80 0 0 1 ${end.x.toFixed(2)} ${end.y.toFixed(2)}`}
            fill="none"
            stroke={color}
            strokeWidth="16"
            data-testid="gauge-value"
          />
        )}
        <text
          x="100"
          y="95"
          textAnchor="middle"
          fontSize="22"
          fill={theme.palette.text.primary}
        >
          {formatValue(value, panel.unit, panel.decimals)}
        </text>
      </svg>
    </Box>
  );
}

function cellText(
  field: PanelData['frames'][number]['fields'][number],
  row: number,
  panel: PanelData,
): string {
  const value = field.values[row];
  if (field.type === 'time') return new Date(Number(value)).toLocaleString();
  if (field.type === 'number') {
    return formatValue(value as number, panel.unit, panel.decimals);
  }
  return String(value ?? '');
}

function PanelTable({ panel }: { panel: PanelData }) {
  const [frame] = panel.frames;
  if (!frame) return <Typography variant="body2">No data</Typography>;
  const rows = Math.min(frame.fields[0]?.values.length ?? 0, 50);
  return (
    <Table size="small" aria-label={panel.title}>
      <TableHead>
        <TableRow>
          {frame.fields.map(f => (
            <TableCell key={f.name}>{f.displayName ?? f.name}</TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {Array.from({ length: rows }, (_, i) => (
          <TableRow key={i}>
            {frame.fields.map(f => (
              <TableCell key={f.name}>{cellText(f, i, panel)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

/** One panel drawn natively from its data frames, or the reason it is not. */
export function PanelView(props: { panel: PanelData; embed: boolean }) {
  const { panel, embed } = props;
  if (panel.error) return <Alert severity="warning">{panel.error}</Alert>;
  if (embed && panel.embedUrl) {
    return (
      <iframe
        title={panel.title}
        src={panel.embedUrl}
        width="100%"
        height={HEIGHT}
        style={{ border: 0 }}
      />
    );
  }
  switch (panel.kind) {
    case 'timeseries':
      return <TimeSeriesChart panel={panel} />;
    case 'stat':
      return <StatValue panel={panel} />;
    case 'gauge':
      return <Gauge panel={panel} />;
    case 'table':
      return <PanelTable panel={panel} />;
    default:
      return (
        <Typography variant="body2" color="text.secondary">
          Grafana draws {panel.grafanaType} panels itself: open it in Grafana.
        </Typography>
      );
  }
}
