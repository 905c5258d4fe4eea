import type { TextField } from '../../../api/contract/predicting'
import type { Utf8Texts } from '../../../../src-worker/ml'
import type { SourceBatch } from '../types'
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

/**
 * The texts each model reads, one column per field (shared by reference): a field that arrived as
 * UTF-8 stays so; in the others a missing cell reads ''.
 */
export function viewTexts(
  batch: Pick<SourceBatch, 'texts' | 'utf8' | 'size'>,
  views: readonly ModelView[],
): (string[] | Utf8Texts)[] {
  const { texts, size } = batch
  const byField = new Map<TextField, string[]>()
  return views.map((view) => {
    const utf8 = batch.utf8?.[view.field]
    if (utf8) return utf8
    let out = byField.get(view.field)
    if (out) return out
    const column = texts[view.field]
    out = new Array<string>(size)
    for (let r = 0; r < size; r++) out[r] = column?.[r] ?? ''
    byField.set(view.field, out)
    return out
  })
}
