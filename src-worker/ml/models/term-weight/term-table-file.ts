import { decodeModelFile } from '../../file/model-file'
import { ParamError } from '../params'
import { modelFromFile, modelToFile } from '../registry'
import type { TermWeight } from './term-weight-csv'
import { TermWeightModel, termWeightRowsFromParts } from './term-weight-model'

function notTermWeight(kind: string): ParamError {
  return new ParamError(
    `This is a ${kind} model; only term-weight models have an editable term table. Train a term-weight model to get one.`,
  )
}

/** The (label, term, weight) table of a term-weight model file, in the file's order. */
export function termTableOf(file: Uint8Array): TermWeight[] {
  const { header, parts } = decodeModelFile(file)
  if (header.kind !== 'term-weight') throw notTermWeight(header.kind)
  return termWeightRowsFromParts(parts)
}

/**
 * The same model with an edited table: field, tokenizer, decision rule and thresholds, training
 * data hash and label prior stay as they were; only the rows change (and the labels, when the
 * edit adds or removes one). Stored figures of the old table (metrics) are dropped.
 */
export function withTermTable(file: Uint8Array, rows: readonly TermWeight[]): Uint8Array {
  const { model, header } = modelFromFile(file)
  if (!(model instanceof TermWeightModel)) throw notTermWeight(header.kind)
  if (rows.length === 0) throw new ParamError('The term table is empty; keep at least one row.')
  const edited = new TermWeightModel({ ...model.state, rows })
  return modelToFile(edited, {
    trainingDataHash: header.trainingDataHash,
    ...(header.labelPrior ? { labelPrior: header.labelPrior } : {}),
  })
}
