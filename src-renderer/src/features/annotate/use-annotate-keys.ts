import { useEffect, type RefObject } from 'react'
import { useStores } from '../../stores/hooks'
import { commandForKey, isTypingTarget } from './keymap'

/** Keys that a focused control uses itself (a button's Enter, a radio's arrows). */
function controlOwnsKey(target: HTMLElement | null, key: string): boolean {
  if (!target) return false
  const tag = target.tagName
  if ((tag === 'BUTTON' || tag === 'A' || tag === 'SUMMARY') && (key === 'Enter' || key === ' ')) {
    return true
  }
  return tag === 'INPUT' && key.startsWith('Arrow')
}

/**
 * The annotation screen's keyboard: listens on the window while the screen is shown. Nothing fires
 * while the user types in a field or a dialog is open.
 */
export function useAnnotateKeys(
  searchRef: RefObject<HTMLInputElement | null>,
  openHelp: () => void,
): void {
  const { annotate, suggest } = useStores()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return
      if (document.querySelector('dialog[open]')) return
      const target = event.target instanceof HTMLElement ? event.target : null
      if (isTypingTarget(target)) return
      const state = annotate.getState()
      const command = commandForKey(event, state.dataset?.labels ?? [])
      if (!command || controlOwnsKey(target, event.key)) return
      event.preventDefault()
      // Holding a label key down must not flip it back and forth.
      if (event.repeat && command.kind !== 'next' && command.kind !== 'previous') return
      switch (command.kind) {
        case 'label':
          void state.pressLabel(command.labelId)
          break
        case 'confirm':
          void state.nextUnlabeled()
          break
        case 'next':
        case 'previous':
          void state.move(command.kind, suggest.getState().walker())
          break
        case 'undo':
          void state.undo()
          break
        case 'redo':
          void state.redo()
          break
        case 'search':
          searchRef.current?.focus()
          searchRef.current?.select()
          break
        case 'help':
          openHelp()
          break
      }
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [annotate, suggest, searchRef, openHelp])
}
