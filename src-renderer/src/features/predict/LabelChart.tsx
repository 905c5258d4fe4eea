import { useMemo } from 'react'
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import { formatCount } from '../../lib/format'
import { TableHead } from '../../components/TableHead'

/** Output rows per label: a bar chart for the eye and the same numbers as a table for everyone. */
export function LabelChart({ perLabel }: { perLabel: Record<string, number> }) {
  const data = useMemo(
    () =>
      Object.entries(perLabel)
        .map(([label, count]) => ({ label, count }))
        .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label)),
    [perLabel],
  )
  if (data.length === 0) return <p className="hint">No labels yet.</p>
  const summary = data.map((d) => `${d.label} ${d.count}`).join(', ')
  return (
    <div className="pc-label-chart">
      <div
        className="pc-chart-box"
        role="img"
        aria-label={`Rows per label: ${summary}`}
        style={{ height: Math.max(140, 36 * data.length + 40) }}
      >
        <ResponsiveContainer width="100%" height="100%">
          <BarChart
            data={data}
            layout="vertical"
            margin={{ top: 4, right: 24, bottom: 4, left: 8 }}
          >
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" horizontal={false} />
            <XAxis
              type="number"
              allowDecimals={false}
              tickFormatter={(v: number) => formatCount(v)}
              stroke="var(--text-muted)"
              fontSize={11}
            />
            <YAxis
              type="category"
              dataKey="label"
              width={96}
              stroke="var(--text-muted)"
              fontSize={12}
            />
            <Tooltip
              cursor={{ fill: 'var(--bg-hover)' }}
              contentStyle={{
                background: 'var(--bg-raised)',
                border: '1px solid var(--border)',
                color: 'var(--text)',
              }}
            />
            <Bar dataKey="count" name="rows" fill="var(--accent)" isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
      <table className="pc-data-table pc-data-table-compact" aria-label="Rows per label">
        <TableHead columns={['Label', { label: 'Rows', className: 'pc-num' }]} />
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td className="pc-num">{d.count.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
