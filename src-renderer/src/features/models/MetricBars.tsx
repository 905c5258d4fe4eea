import { useMemo } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import type { ReportData } from '@api/contract/models'
import { formatScore } from './report'

/** Per-label precision, recall and F1 as grouped bars; the table above has the same numbers. */
export function MetricBars({ report }: { report: ReportData }) {
  const data = useMemo(
    () =>
      report.labels.map((label) => {
        const s = report.perLabel[label]
        return { label, precision: s?.precision ?? 0, recall: s?.recall ?? 0, f1: s?.f1 ?? 0 }
      }),
    [report],
  )
  if (data.length === 0) return null
  const summary = data
    .map(
      (d) =>
        `${d.label}: P ${formatScore(d.precision)}, R ${formatScore(d.recall)}, F1 ${formatScore(d.f1)}`,
    )
    .join('; ')
  return (
    <div
      className="md-chart"
      role="img"
      aria-label={`Per-label precision, recall and F1. ${summary}`}
      style={{ height: 260 }}
    >
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} margin={{ top: 8, right: 16, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" stroke="var(--text-muted)" fontSize={12} />
          <YAxis domain={[0, 1]} stroke="var(--text-muted)" fontSize={11} />
          <Tooltip
            cursor={{ fill: 'var(--bg-hover)' }}
            formatter={(value) => (typeof value === 'number' ? formatScore(value) : String(value))}
            contentStyle={{
              background: 'var(--bg-raised)',
              border: '1px solid var(--border)',
              color: 'var(--text)',
            }}
          />
          <Legend />
          <Bar
            dataKey="precision"
            name="Precision"
            fill="var(--md-precision)"
            isAnimationActive={false}
          />
          <Bar dataKey="recall" name="Recall" fill="var(--md-recall)" isAnimationActive={false} />
          <Bar dataKey="f1" name="F1" fill="var(--md-f1)" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  )
}
