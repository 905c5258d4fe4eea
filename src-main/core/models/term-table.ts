import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join } from 'node:path'
import { ApiError } from '../../api/errors'
import { termWeightsFromCsv, termWeightsToCsv } from '../../../src-worker/ml'
import {
  termTableOf,
  withTermTable,
} from '../../../src-worker/ml/models/term-weight/term-table-file'
import type { ModelStore } from './model-store'

/**
 * What the engine refuses here (not a term-weight model, a damaged file, a bad table row) is
 * the caller's to fix: VALIDATION with the engine's message.
 */
function validating<T>(work: () => T): T {
  try {
    return work()
  } catch (error) {
    if (error instanceof Error) throw new ApiError('VALIDATION', error.message)
    throw error
  }
}

/** Writes a term-weight version's table as label,term,weight CSV (raw, so it reads back exactly). */
export function exportTermTable(
  deps: { store: ModelStore; dataDir: string },
  version: { id: string; name: string; fileName: string },
  given?: string,
): { path: string; relativePath: string | null; rows: number } {
  if (given !== undefined && !isAbsolute(given))
    throw new ApiError('VALIDATION', `path must be absolute, got "${given}".`)
  const file = deps.store.readModel(version.fileName)
  const rows = validating(() => termTableOf(file))
  const safeName = version.name.replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60)
  const relativePath = given
    ? null
    : join('exports', `${safeName}-${version.id.slice(0, 8)}-terms.csv`)
  const path = given ?? join(deps.dataDir, relativePath!)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(`${path}.partial`, termWeightsToCsv(rows))
  renameSync(`${path}.partial`, path)
  return { path, relativePath, rows: rows.length }
}

/** A new model file: the version's model with the table read from an edited CSV. */
export function editedTermTableFile(
  store: ModelStore,
  fileName: string,
  source: { path?: string | undefined; content?: string | undefined },
): Uint8Array {
  const name = source.path ?? 'the uploaded table'
  const text = source.path !== undefined ? readTable(source.path) : (source.content ?? '')
  const file = store.readModel(fileName)
  return validating(() =>
    withTermTable(file, termWeightsFromCsv(text.replace(/^\uFEFF/, ''), name)),
  )
}

function readTable(path: string): string {
  if (!isAbsolute(path)) throw new ApiError('VALIDATION', `path must be absolute, got "${path}".`)
  try {
    return readFileSync(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown error'
    throw new ApiError(
      'VALIDATION',
      `Cannot read the term table ${path} (${code}). Check that it exists and that you may read it.`,
    )
  }
}
