import type { LabelSummary } from '@api/dto'
import { Dialog } from '../../components/Dialog'
import { SHORTCUT_HELP } from './keymap'

export function ShortcutsDialog({
  labels,
  onClose,
}: {
  labels: LabelSummary[]
  onClose: () => void
}) {
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      <table className="shortcuts-table">
        <tbody>
          {SHORTCUT_HELP.map((s) => (
            <tr key={s.action}>
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
          {labels
            .filter((l) => l.shortcut)
            .map((l) => (
              <tr key={l.id}>
                <th scope="row">
                  <kbd>{l.shortcut}</kbd>
                </th>
                <td>{l.name}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <p className="hint">Shortcuts do not fire while you type in a field.</p>
    </Dialog>
  )
}
