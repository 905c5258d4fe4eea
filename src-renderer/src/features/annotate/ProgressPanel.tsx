import { useMemo } from 'react'
import { Bar, BarChart, Cell, Tooltip, XAxis, YAxis } from 'recharts'
import { selectAnnotateDataset, selectStats } from '../../stores/annotate/selectors'
import { countOf } from '../../lib/plural'
import { useAnnotate } from '../../stores/hooks'
import { ProgressBar } from '../../components/ProgressBar'

/** Labeled count, the distribution per label and this session's pace. */
export function ProgressPanel() {
  const stats = useAnnotate(selectStats)
  const dataset = useAnnotate(selectAnnotateDataset)
  const data = useMemo(
    () =>
      (dataset?.labels ?? []).map((l) => ({
        name: l.name,
        count: stats?.perLabel[l.id] ?? l.count,
        color: l.color,
      })),
    [dataset, stats],
  )
  if (!stats) return null
  const percent = stats.total > 0 ? Math.round((stats.labeled / stats.total) * 100) : 0
  return (
    <section className="progress-panel" aria-label="Progress">
      <p className="progress-line">
        <strong>{stats.labeled.toLocaleString('en-US')}</strong> of{' '}
        {stats.total.toLocaleString('en-US')} labeled ({percent} %)
      </p>
      <ProgressBar label="Labeled documents" percent={percent} />
      <p className="hint" aria-label="Session">
        This session: {countOf(stats.sessionLabeled, 'document')}
        {stats.sessionRate !== null ? ` · ${stats.sessionRate.toFixed(1)} docs/min` : ''}
      </p>
      {data.length > 0 ? (
        <figure className="label-chart">
          <div aria-hidden="true">
            <BarChart
              width={280}
              height={Math.max(60, data.length * 22 + 10)}
              data={data}
              layout="vertical"
              margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
            >
              <XAxis type="number" hide allowDecimals={false} />
              <YAxis
                type="category"
                dataKey="name"
                width={90}
                tick={{ fontSize: 11, fill: 'var(--text-muted)' }}
              />
              <Tooltip cursor={{ fill: 'var(--bg-hover)' }} />
              <Bar dataKey="count" isAnimationActive={false}>
                {data.map((d) => (
                  <Cell key={d.name} fill={d.color} />
                ))}
              </Bar>
            </BarChart>
          </div>
          <figcaption className="visually-hidden">
            Documents per label: {data.map((d) => `${d.name} ${d.count}`).join(', ')}
          </figcaption>
        </figure>
      ) : null}
    </section>
  )
}
