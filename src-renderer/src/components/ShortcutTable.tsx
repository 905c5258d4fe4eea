export interface ShortcutRow {
  keys: readonly string[]
  action: string
}

/** Keys and what they do, one row each; several keys for one action read "A or B". */
export function ShortcutTable({
  caption,
  rows,
}: {
  caption?: string
  rows: readonly ShortcutRow[]
}) {
  return (
    <table className="shortcuts-table">
      {caption ? <caption>{caption}</caption> : null}
      <tbody>
        {rows.map((s, row) => (
          <tr key={`${row}:${s.action}`}>
            <th scope="row">
              {s.keys.map((k, i) => (
                <span key={k}>
                  {i > 0 ? ' or ' : ''}
                  <kbd>{k}</kbd>
                </span>
              ))}
            </th>
            <td>{s.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
