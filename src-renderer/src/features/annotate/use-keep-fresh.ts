import { useEffect } from 'react'
import { useStores } from '../../stores/hooks'

/** Tells the suggestion store of every label change made in Annotate (keep the model fresh). */
export function useKeepFresh(): void {
  const { annotate, suggest } = useStores()
  useEffect(
    () =>
      annotate.subscribe((state, previous) => {
        for (let n = previous.edits; n < state.edits; n++) suggest.getState().noteEdit()
      }),
    [annotate, suggest],
  )
}
