import { SHORTCUT_HELP } from '../features/annotate/keymap'
import { Dialog } from '../components/Dialog'
import { ShortcutTable } from '../components/ShortcutTable'

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
        <ShortcutTable key={group.title} caption={group.title} rows={group.rows} />
      ))}
    </Dialog>
  )
}
