import { useState } from 'react'

/** What a form control needs for one field: its value, its error and how to change it. */
export interface BoundField<T> {
  value: T
  error: string | undefined
  onChange: (value: T) => void
}

/**
 * The values of a form and their per-field errors, with `bind(key)` giving a control its value,
 * error and change handler, so a form lists its fields instead of wiring each one by hand.
 */
export function useFormValues<V extends object>(initial: () => V) {
  const [values, setValues] = useState<V>(initial)
  const [errors, setErrors] = useState<Partial<Record<keyof V, string>>>({})
  const set = <K extends keyof V>(key: K, value: V[K]) => setValues((v) => ({ ...v, [key]: value }))
  const bind = <K extends keyof V>(key: K): BoundField<V[K]> => ({
    value: values[key],
    error: errors[key],
    onChange: (value) => set(key, value),
  })
  return { values, set, bind, setErrors }
}
