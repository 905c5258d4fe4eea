import { useRef, useState } from 'react'
import { changedFields, errorsOnLeaving, keepUnfixed } from './form-issues'
import type { FormErrors, TaskDraft } from './task-draft'

/**
 * The predict form's shown errors: all of them on submit; after an edit only those still true
 * (typing never adds one); and when the user leaves a field (focus moves on), the errors of every
 * field edited so far. `check` is the form's full validation of a draft.
 */
export function useFieldErrors(
  draft: TaskDraft,
  check: (draft: TaskDraft) => FormErrors,
  initial: FormErrors | undefined,
) {
  const [errors, setErrors] = useState<FormErrors>(() => initial ?? {})
  const touched = useRef(new Set<string>())
  // The draft when focus entered the current field: what changed since is what the user edited.
  const atFocus = useRef(draft)

  return {
    errors,
    setErrors,
    /** After an edit: errors go as soon as their field is fixed; new ones wait. */
    edited: (next: TaskDraft) => {
      if (Object.keys(errors).length > 0) setErrors((shown) => keepUnfixed(shown, check(next)))
    },
    /** A fresh form (after a start): nothing edited yet. */
    reset: () => {
      touched.current = new Set()
      setErrors({})
    },
    /** Spread on the <form>: focus and blur bubble from every field inside it. */
    focusProps: {
      onFocus: () => {
        atFocus.current = draft
      },
      onBlur: () => {
        for (const field of changedFields(atFocus.current, draft)) touched.current.add(field)
        if (touched.current.size === 0) return
        const fresh = check(draft)
        setErrors((shown) => errorsOnLeaving(shown, fresh, touched.current))
      },
    },
  }
}
