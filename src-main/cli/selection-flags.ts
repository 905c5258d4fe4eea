import type { ModelSelection } from '../api/contract/models'
import { CliError, EXIT, formatTable, type CliIo } from './io'

/** The model type when --model is omitted: chosen by cross-validation. */
export const DEFAULT_TRAIN_KIND = 'auto'

const STATISTICAL = ['nb', 'cnb', 'linear-svm', 'logreg']

export interface SelectionFlags {
  model: string
  timeBudget?: string
  cv?: string
}

/**
 * --time-budget (auto only) as the auto model's timeBudget parameter, and --cv (fixed statistical
 * models only) as a fold count; mixing them up is a usage error.
 */
export function selectionOptions(o: SelectionFlags): {
  params: Record<string, string>
  crossValidate?: number
} {
  const params: Record<string, string> = {}
  if (o.timeBudget !== undefined) {
    const seconds = Number(o.timeBudget)
    if (o.model !== 'auto')
      throw new CliError('--time-budget applies to --model auto only.', EXIT.usage)
    if (!Number.isFinite(seconds) || seconds <= 0)
      throw new CliError('--time-budget must be a number of seconds above 0.', EXIT.usage)
    params.timeBudget = o.timeBudget
  }
  if (o.cv === undefined) return { params }
  const folds = Number(o.cv)
  if (o.model === 'auto')
    throw new CliError(
      '--model auto cross-validates already; --cv is for a fixed model.',
      EXIT.usage,
    )
  if (!STATISTICAL.includes(o.model))
    throw new CliError(`--cv applies to ${STATISTICAL.join(', ')}, not ${o.model}.`, EXIT.usage)
  if (!Number.isInteger(folds) || folds < 2 || folds > 20)
    throw new CliError('--cv must be a whole number of folds from 2 to 20.', EXIT.usage)
  return { params, crossValidate: folds }
}

/** The cross-validation table: each candidate's mean ± std macro-F1 and its fit time. */
export function printSelection(io: CliIo, selection: ModelSelection): void {
  const rows = selection.candidates.map((c) => [
    c.chosen ? '*' : '',
    c.title,
    `${c.meanMacroF1.toFixed(4)} ± ${c.stdMacroF1.toFixed(4)}`,
    c.fitSeconds.toFixed(2),
  ])
  const what =
    selection.method === 'auto'
      ? `Automatic selection: ${selection.candidates.length} candidates by ${selection.folds}-fold cross-validation in ${selection.searchSeconds.toFixed(1)} s (budget ${selection.budgetSeconds ?? '-'} s${selection.skipped ? `, ${selection.skipped} left untried` : ''})`
      : `${selection.folds}-fold cross-validation on the training rows`
  io.out(what)
  io.out(formatTable(['', 'CANDIDATE', 'MACRO-F1 (CV)', 'FIT S'], rows))
  const skipped = selection.skippedCandidates ?? []
  if (skipped.length === 0) return
  io.out(
    `Left untried (work is estimated from the data, so the same data and budget try the same candidates; budget ${formatUnits(selection.budgetUnits ?? 0)} units):`,
  )
  io.out(
    formatTable(
      ['CANDIDATE', 'WORK', 'WHY'],
      skipped.map((s) => [s.title, formatUnits(s.workUnits), SKIP_REASONS[s.reason]]),
    ),
  )
}

const SKIP_REASONS = {
  budget: 'its estimated work did not fit the rest of the budget',
  cpu: 'safety stop: the search used three times its budget in CPU time',
} as const

const formatUnits = (units: number) => `${(units / 1e6).toFixed(1)}M`
