import { useCallback, useMemo } from 'react'
import { useStores, useUi } from '../stores/hooks'
import type { FormValues } from '../stores/ui/state'

/** Stored values over the defaults, keeping only fields the form knows with the type it expects. */
export function mergeFormValues<T extends FormValues>(
  defaults: T,
  stored: FormValues | undefined,
): T {
  const merged: FormValues = { ...defaults }
  for (const [key, value] of Object.entries(stored ?? {})) {
    const fallback = defaults[key]
    if (fallback === undefined) continue
    const sameShape = Array.isArray(fallback)
      ? Array.isArray(value)
      : typeof fallback === typeof value && !Array.isArray(value)
    if (sameShape) merged[key] = value
  }
  return merged as T
}

/**
 * A form whose values live in the ui store under `name`: leaving the screen (opening a report) and
 * coming back keeps them, and the core remembers them across restarts. `defaults` must be stable.
 */
export function useRememberedForm<T extends FormValues>(
  name: string,
  defaults: T,
): [T, (patch: Partial<T>) => void] {
  const { ui } = useStores()
  const stored = useUi((s) => s.forms[name])
  const values = useMemo(() => mergeFormValues(defaults, stored), [defaults, stored])
  const update = useCallback(
    (patch: Partial<T>) => ui.getState().setFormValues(name, patch as FormValues),
    [ui, name],
  )
  return [values, update]
}
