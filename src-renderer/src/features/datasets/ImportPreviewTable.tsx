import type { ImportPreview } from '@api/dto'
import { ProblemList } from '../../components/ProblemList'
import { TableHead } from '../../components/TableHead'

/** The first rows as they would be imported: labels as chips, so a wrong split shows at once. */
export function ImportPreviewTable({ preview }: { preview: ImportPreview }) {
  return (
    <>
      <table className="preview-table" aria-label="First rows">
        <TableHead columns={['Line', 'Text', 'Labels']} />
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
      <ProblemList label="Problems in the first rows" problems={preview.problems} />
    </>
  )
}
