import type { TextField } from '../../../api/contract/predicting'
import type { ResolvedModel } from './model-refs'

/**
 * How one model sees a row: the source field it reads. Its exclusion sets are applied on the
 * labelling thread (see createPoolLabeler), never here: their patterns are the user's.
 */
export interface ModelView {
  field: TextField
}

export function modelViews(models: readonly ResolvedModel[]): ModelView[] {
  return models.map((model) => ({ field: model.field }))
}

/** The texts each model reads, one array per field (shared by reference); a missing cell reads ''. */
export function viewTexts(
  texts: Partial<Record<TextField, readonly (string | null)[]>>,
  size: number,
  views: readonly ModelView[],
): string[][] {
  const byField = new Map<TextField, string[]>()
  return views.map((view) => {
    let out = byField.get(view.field)
    if (out) return out
    const column = texts[view.field]
    out = new Array<string>(size)
    for (let r = 0; r < size; r++) out[r] = column?.[r] ?? ''
    byField.set(view.field, out)
    return out
  })
}
