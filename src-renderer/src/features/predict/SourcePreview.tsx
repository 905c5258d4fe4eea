import type { PreviewResult } from '@api/dto'

export type PreviewState =
  | { status: 'loading' }
  | { status: 'ready'; result: PreviewResult }
  | { status: 'error'; message: string }

const PREVIEW_FIELDS = ['id', 'author', 'title', 'content', 'sourceId', 'postTime'] as const

export function PreviewView({
  name,
  preview,
}: {
  name: string
  preview: PreviewState | undefined
}) {
  if (!preview) return null
  if (preview.status === 'loading') return <p className="hint">Reading 10 rows…</p>
  if (preview.status === 'error')
    return (
      <p className="pc-inline-error" role="alert">
        Preview failed: {preview.message}
      </p>
    )
  const { rows, estimatedRows, estimateExact } = preview.result
  const shown = PREVIEW_FIELDS.filter((f) => rows.some((r) => r[f] !== undefined))
  return (
    <div className="pc-preview">
      <p role="status">
        {estimateExact ? '' : 'About '}
        <strong>{estimatedRows.toLocaleString()}</strong> rows to read
        {estimatedRows > 0 ? ' with this range and filter' : ''}
        {estimateExact ? '.' : " (the server's estimate: counting them took over 2 s)."}
      </p>
      {rows.length === 0 ? (
        <p className="hint">No rows match.</p>
      ) : (
        <div className="pc-table-scroll">
          <table className="pc-data-table" aria-label={`Preview of ${name}`}>
            <thead>
              <tr>
                {shown.map((f) => (
                  <th key={f} scope="col">
                    {f}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  {shown.map((f) => (
                    <td key={f} className={f === 'content' || f === 'title' ? 'cell-text' : 'mono'}>
                      {r[f] ?? '—'}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
