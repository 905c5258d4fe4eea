import type { ImportPreview } from '@api/models'

/** The first rows as they would be imported: labels as chips, so a wrong split shows at once. */
export function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <>
      <table className="preview-table" aria-label="First rows">
        <thead>
          <tr>
            <th scope="col">Line</th>
            <th scope="col">Text</th>
            <th scope="col">Labels</th>
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row) => (
            <tr key={row.line}>
              <td className="num">{row.line}</td>
              <td className="preview-text">{row.text}</td>
              <td>
                <ul className="chip-list" aria-label={`Labels on line ${row.line}`}>
                  {row.labels.map((label) => (
                    <li key={label} className="chip">
                      {label}
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {preview.problems.length > 0 ? (
        <ul className="problems" aria-label="Problems in the first rows">
          {preview.problems.map((p, i) => (
            <li key={`${p.line}-${i}`}>
              Line {p.line}: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  )
}
