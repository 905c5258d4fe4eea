import type { LabelSummary } from '@api/dto'

/** Small horizontal bars, one per label, scaled to the dataset's document count. */
export function LabelBars({ labels, total }: { labels: LabelSummary[]; total: number }) {
  if (labels.length === 0) return <p className="hint">No labels yet.</p>
  return (
    <ul className="label-bars" aria-label="Documents per label">
      {labels.map((label) => {
        const percent = total > 0 ? Math.min(100, (label.count / total) * 100) : 0
        return (
          <li key={label.id} className="label-bar">
            <span className="label-bar-name">{label.name}</span>
            <span className="label-bar-track" aria-hidden="true">
              <span
                className="label-bar-fill"
                style={{ width: `${percent}%`, background: label.color }}
              />
            </span>
            <span className="label-bar-count">{label.count}</span>
          </li>
        )
      })}
    </ul>
  )
}
