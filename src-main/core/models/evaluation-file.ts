import { mkdirSync, writeFileSync } from 'node:fs'
import { basename, isAbsolute, join } from 'node:path'
import { ApiError } from '../../api/errors'
import { newId } from '../ids'

export interface EvaluationFileParams {
  path?: string
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

/** A path is used where it is; a browser upload is written under `<dataDir>/tmp/uploads` first. */
export function evaluationFile(dataDir: string, p: EvaluationFileParams): EvaluationFile {
  const columns = { textColumn: p.textColumn, labelColumn: p.labelColumn }
  if (p.path !== undefined) {
    if (!isAbsolute(p.path))
      throw new ApiError('VALIDATION', `file.path must be absolute, got "${p.path}".`)
    return { path: p.path, displayName: p.path, removeAfter: false, ...columns }
  }
  const dir = join(dataDir, 'tmp', 'uploads')
  mkdirSync(dir, { recursive: true })
  const name = basename(p.fileName).replace(/[^\p{L}\p{N}._-]+/gu, '_')
  const path = join(dir, `${newId()}-${name}`)
  writeFileSync(path, p.content ?? '')
  return { path, displayName: p.fileName, removeAfter: true, ...columns }
}
