import { useEffect, useState } from 'react'
import { SCREENS } from '../features/screens'
import { useStores } from '../stores/hooks'
import { rememberChanges, restoreRemembered, type RememberedWatch } from './remembered-state'

const SCREEN_IDS = SCREENS.map((s) => s.id)

/**
 * Restores what the core remembered about this workspace, then keeps it up to date. Screens wait
 * for it (returns false until then), so none of them first picks a default it must then undo.
 */
export function useRememberedState(): boolean {
  const stores = useStores()
  const [restored, setRestored] = useState(false)
  useEffect(() => {
    let watch: RememberedWatch | null = null
    let cancelled = false
    const screenFromAddress = window.location.hash.startsWith('#/')
    restoreRemembered(stores, SCREEN_IDS, { screenFromAddress })
      .catch((error: unknown) => stores.ui.getState().showError(error))
      .finally(() => {
        if (cancelled) return
        watch = rememberChanges(stores, (error) => stores.ui.getState().showError(error))
        setRestored(true)
      })
    return () => {
      cancelled = true
      watch?.stop()
    }
  }, [stores])
  return restored
}
