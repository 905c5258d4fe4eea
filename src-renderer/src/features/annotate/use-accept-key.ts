import { useEffect } from 'react'
import { useStores } from '../../stores/hooks'
import { isTypingTarget } from './keymap'

/**
 * Space accepts the shown suggestion and moves on. A key of its own (not in the label keymap) so
 * number keys and Enter keep their meaning.
 */
export function useAcceptKey(): void {
  const { annotate, suggest } = useStores()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== ' ' || event.defaultPrevented || event.isComposing || event.repeat) return
      if (event.ctrlKey || event.metaKey || event.altKey || event.shiftKey) return
      if (document.querySelector('dialog[open]')) return
      const target = event.target instanceof HTMLElement ? event.target : null
      // A focused button or checkbox (a list row's tick) keeps Space for itself.
      if (isTypingTarget(target) || target?.tagName === 'BUTTON' || target?.tagName === 'INPUT')
        return
      const { source, suggestions, documentId } = suggest.getState()
      const current = annotate.getState().current
      if (!source || suggestions.length === 0 || !current || documentId !== current.id) return
      event.preventDefault()
      void annotate
        .getState()
        .acceptSuggestion(source, () => suggest.getState().nextInQueue(current.id))
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [annotate, suggest])
}
