import type { TextField } from '../../../api/contract/predicting'
import { compileOrReject } from '../../preprocessing/preprocessing.service'
import type { ResolvedModel } from './model-refs'

/** How one model sees a row: the field it reads, after its exclusion sets ('' = not labelled). */
export interface ModelView {
  field: TextField
  /** Models with the same key see the same texts. */
  key: string
  apply: ((text: string) => string) | null
}

export function modelViews(models: readonly ResolvedModel[]): ModelView[] {
  return models.map((model) => {
    const sets = model.exclusions
    const key = `${model.field}|${sets.map((s) => `${s.id}@${s.version}`).join(',')}`
    if (sets.length === 0) return { field: model.field, key, apply: null }
    const compiled = compileOrReject(sets)
    const apply = (text: string) => {
      const outcome = compiled.apply(text)
      return outcome.dropped ? '' : outcome.text
    }
    return { field: model.field, key, apply }
  })
}

/** The texts each model reads, one array per distinct view (shared by reference). */
export function viewTexts(
  texts: Partial<Record<TextField, readonly (string | null)[]>>,
  size: number,
  views: readonly ModelView[],
): string[][] {
  const byKey = new Map<string, string[]>()
  return views.map((view) => {
    let out = byKey.get(view.key)
    if (out) return out
    const column = texts[view.field]
    out = new Array<string>(size)
    for (let r = 0; r < size; r++) {
      const text = column?.[r] ?? ''
      out[r] = view.apply && text ? view.apply(text) : text
    }
    byKey.set(view.key, out)
    return out
  })
}
