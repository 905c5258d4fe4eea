import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, isAbsolute, join } from 'node:path'
import { ApiError } from '../../api/errors'
import { createUploads } from '../datasets/uploads'
import { newId } from '../ids'

export interface EvaluationFileParams {
  path?: string
  /** An id from `datasets.uploadFile`: the stored bytes, decoded by the reader like a path's. */
  upload?: string
  content?: string
  fileName: string
  textColumn: string
  labelColumn: string
}

/** The labelled file an evaluation task reads; uploads are removed when the task ends. */
export interface EvaluationFile {
  path: string
  displayName: string
  removeAfter: boolean
  textColumn: string
  labelColumn: string
}

/**
 * A path is used where it is; an uploaded file where `datasets.uploadFile` stored it; decoded text
 * is written under `<dataDir>/tmp/uploads` first. Uploads are removed when the task ends.
 */
export function evaluationFile(dataDir: string, p: EvaluationFileParams): EvaluationFile {
  const columns = { textColumn: p.textColumn, labelColumn: p.labelColumn }
  if (p.path !== undefined) {
    if (!isAbsolute(p.path))
      throw new ApiError('VALIDATION', `file.path must be absolute, got "${p.path}".`)
    return { path: p.path, displayName: p.path, removeAfter: false, ...columns }
  }
  if (p.upload !== undefined) {
    const stored = createUploads(join(dataDir, 'tmp')).resolve(p.upload)
    return { path: stored.path, displayName: stored.fileName, removeAfter: true, ...columns }
  }
  const dir = join(dataDir, 'tmp', 'uploads')
  mkdirSync(dir, { recursive: true })
  const name = basename(p.fileName).replace(/[^\p{L}\p{N}._-]+/gu, '_')
  const path = join(dir, `${newId()}-${name}`)
  writeFileSync(path, p.content ?? '')
  return { path, displayName: p.fileName, removeAfter: true, ...columns }
}
