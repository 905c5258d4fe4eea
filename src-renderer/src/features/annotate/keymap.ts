/** The annotation screen's keys, as pure functions of a key event so they are unit-tested in Node. */

export type AnnotateCommand =
  | { kind: 'label'; labelId: number }
  | { kind: 'confirm' }
  | { kind: 'next' }
  | { kind: 'previous' }
  | { kind: 'undo' }
  | { kind: 'redo' }
  | { kind: 'search' }
  | { kind: 'help' }

/** The parts of a KeyboardEvent the keymap reads. */
export interface KeyLike {
  key: string
  ctrlKey: boolean
  metaKey: boolean
  altKey: boolean
  shiftKey: boolean
}

export interface ShortcutLabel {
  id: number
  shortcut: string | null
}

/** The element a key event came from, reduced to what decides whether the user is typing. */
export interface TargetLike {
  tagName?: string
  isContentEditable?: boolean
  type?: string
}

const TEXT_INPUT_TYPES = new Set([
  'text',
  'search',
  'email',
  'url',
  'tel',
  'password',
  'number',
  'date',
  'datetime-local',
  'month',
  'time',
  'week',
])

/** True when keys typed at `target` are text for it (then no shortcut fires). */
export function isTypingTarget(target: TargetLike | null | undefined): boolean {
  if (!target) return false
  if (target.isContentEditable) return true
  const tag = target.tagName?.toUpperCase()
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true
  if (tag === 'INPUT') return TEXT_INPUT_TYPES.has((target.type ?? 'text').toLowerCase())
  return false
}

/** What a key press means on the annotation screen, or null when it is not ours. */
export function commandForKey(
  event: KeyLike,
  labels: readonly ShortcutLabel[],
): AnnotateCommand | null {
  const mod = event.ctrlKey || event.metaKey
  const key = event.key
  if (mod && !event.altKey && key.toLowerCase() === 'z') {
    return event.shiftKey ? { kind: 'redo' } : { kind: 'undo' }
  }
  if (mod && !event.altKey && !event.shiftKey && key.toLowerCase() === 'y') return { kind: 'redo' }
  if (mod || event.altKey) return null
  switch (key) {
    case 'Enter':
      return { kind: 'confirm' }
    case 'ArrowRight':
    case 'ArrowDown':
      return { kind: 'next' }
    case 'ArrowLeft':
    case 'ArrowUp':
      return { kind: 'previous' }
    case 'Backspace':
      return { kind: 'undo' }
    case '/':
      return { kind: 'search' }
    case '?':
      return { kind: 'help' }
  }
  if (key.length !== 1) return null
  const wanted = key.toLowerCase()
  const label = labels.find((l) => l.shortcut === wanted)
  return label ? { kind: 'label', labelId: label.id } : null
}

/** Every key, for the `?` dialog. */
export const SHORTCUT_HELP: readonly { keys: string[]; action: string }[] = [
  {
    keys: ['1–9', 'a–z'],
    action: 'Toggle the label with that key (single-label: label and advance)',
  },
  { keys: ['Enter'], action: 'Confirm and go to the next unlabeled document' },
  { keys: ['Space'], action: 'Accept the model’s suggestion and go to the next in the queue' },
  { keys: ['→', '↓'], action: 'Next document in the list' },
  { keys: ['←', '↑'], action: 'Previous document in the list' },
  { keys: ['Backspace', 'Ctrl+Z'], action: 'Undo the last label change (a bulk action is one)' },
  { keys: ['Ctrl+Shift+Z', 'Ctrl+Y'], action: 'Redo' },
  { keys: ['/'], action: 'Search the documents' },
  {
    keys: ['Ctrl+click', 'Shift+click', 'Shift+Space in the list'],
    action: 'Tick a document (Shift+click: a range; Shift+Space: the open one) for a bulk action',
  },
  { keys: ['Esc'], action: 'Leave the search box or close a dialog' },
  { keys: ['?'], action: 'Show these shortcuts' },
]
