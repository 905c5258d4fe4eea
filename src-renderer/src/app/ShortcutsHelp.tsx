import { SHORTCUT_HELP } from '../features/annotate/keymap'
import { Dialog } from '../components/Dialog'

const MOD = /Mac/.test(navigator.platform) ? '⌘' : 'Ctrl'

const APP_SHORTCUTS = [
  { keys: [`${MOD}+N`], action: 'New dataset' },
  { keys: [`${MOD}+O`], action: 'Import a file into a dataset' },
  { keys: [`${MOD}+E`], action: 'Export the selected dataset' },
  { keys: [`${MOD}+Shift+L`], action: 'Toggle the dark theme' },
  { keys: [`${MOD}+0`, `${MOD}++`, `${MOD}+-`], action: 'Reset, enlarge or shrink the text' },
  { keys: ['F1'], action: 'This list' },
]

/** Help → Keyboard shortcuts: the menu's shortcuts and the annotation screen's keys. */
export function ShortcutsHelp({ onClose }: { onClose: () => void }) {
  const groups = [
    { title: 'Anywhere', rows: APP_SHORTCUTS },
    { title: 'Annotate screen', rows: SHORTCUT_HELP },
  ]
  return (
    <Dialog title="Keyboard shortcuts" onClose={onClose}>
      {groups.map((group) => (
        <table key={group.title} className="shortcuts-table">
          <caption>{group.title}</caption>
          <tbody>
            {group.rows.map((s) => (
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
          </tbody>
        </table>
      ))}
    </Dialog>
  )
}
