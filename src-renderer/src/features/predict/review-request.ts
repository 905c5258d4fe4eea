import { suggestionSchemas } from '@api/contract/suggestions'
import type { z } from 'zod'

import { NEW_DATASET, type ImportTarget } from '../datasets/ImportTargetFields'

export type ReviewWhat = 'sample' | 'label' | 'below'

/** The "Send to review" form as typed. */
export interface ReviewForm {
  what: ReviewWhat
  perLabel: string
  label: string
  below: string
  /** Where the documents go, as the import dialog asks it. */
  into: ImportTarget
}

export type ReviewParams = z.input<(typeof suggestionSchemas)['suggestions.reviewFromPredict']>

export type ReviewRows = z.input<(typeof suggestionSchemas)['suggestions.reviewCount']>

/** The rows part of a request (without its target), as suggestions.reviewCount takes it. */
export const rowsOf = ({ target: _t, duplicates: _d, ...rows }: ReviewParams): ReviewRows => rows

type Checked =
  { ok: true; params: ReviewParams } | { ok: false; field: keyof ReviewForm; message: string }

const fail = (field: keyof ReviewForm, message: string): Checked => ({ ok: false, field, message })

/** The rows part of the request: a sample per label, every row of a label, or its rows below X. */
function rowsOfForm(taskId: string, f: ReviewForm) {
  if (f.what === 'sample')
    return { taskId, select: 'sample' as const, perLabel: Number(f.perLabel) }
  const below = f.what === 'below' ? { below: Number(f.below) } : {}
  return { taskId, select: 'all' as const, label: f.label, ...below }
}

/** The form checked with the contract's schema; the first problem named by its field. */
export function checkReview(taskId: string, f: ReviewForm): Checked {
  if (f.what !== 'sample' && f.label === '')
    return fail('label', 'Pick the label whose rows to send.')
  if (f.what === 'below' && (f.below.trim() === '' || !Number.isFinite(Number(f.below))))
    return fail('below', 'Type the score rows must be under, e.g. 0.3.')
  if (f.what === 'sample' && !/^\d+$/.test(f.perLabel.trim()))
    return fail('perLabel', 'Type how many rows per label, from 1 to 1000.')
  const { target: into, newName, labelMode, duplicates } = f.into
  const target =
    into === NEW_DATASET ? { newDataset: { name: newName, labelMode } } : { datasetId: into }
  const params = { ...rowsOfForm(taskId, f), target, duplicates }
  const parsed = suggestionSchemas['suggestions.reviewFromPredict'].safeParse(params)
  if (parsed.success) return { ok: true, params }
  const issue = parsed.error.issues[0]!
  const field = issue.path.includes('perLabel')
    ? 'perLabel'
    : issue.path.includes('newDataset')
      ? 'into'
      : 'what'
  const message =
    field === 'perLabel'
      ? 'Type how many rows per label, from 1 to 1000.'
      : field === 'into'
        ? 'Name the new dataset.'
        : issue.message
  return fail(field, message)
}

/** What the count says, before the person confirms. */
export function countNote(rows: number, exact: boolean): string {
  const n = rows.toLocaleString()
  if (rows === 0) return 'No row matches: nothing would be sent.'
  return exact
    ? `${n} rows will be sent (rows of one source row become one document).`
    : `At most ${n} rows will be sent (the sample is filtered by score when drawn).`
}
