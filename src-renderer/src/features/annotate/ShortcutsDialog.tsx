import type { LabelSummary } from '@api/dto'
import { Dialog } from '../../components/Dialog'
import { ShortcutTable } from '../../components/ShortcutTable'
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
      <ShortcutTable
        rows={[
          ...SHORTCUT_HELP,
          ...labels.flatMap((l) => (l.shortcut ? [{ keys: [l.shortcut], action: l.name }] : [])),
        ]}
      />
      <p className="hint">Shortcuts do not fire while you type in a field.</p>
    </Dialog>
  )
}
