import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { EvaluationRow } from '../../api/contract/models'

/** Model files and evaluation details in the workspace: written to a temporary name, then renamed. */
export function createModelStore(dataDir: string) {
  const modelsDir = join(dataDir, 'models')
  const evaluationsDir = join(dataDir, 'evaluations')

  const writeAtomically = (file: string, data: Uint8Array | string) => {
    const temp = `${file}.partial`
    writeFileSync(temp, data)
    renameSync(temp, file)
  }

  return {
    modelPath: (fileName: string) => join(modelsDir, fileName),
    detailsPath: (fileName: string) => join(evaluationsDir, fileName),

    writeModel(fileName: string, bytes: Uint8Array): void {
      mkdirSync(modelsDir, { recursive: true })
      writeAtomically(join(modelsDir, fileName), bytes)
    },

    readModel(fileName: string): Uint8Array {
      const file = join(modelsDir, fileName)
      if (!existsSync(file)) {
        throw new Error(
          `The model file ${file} is missing from the workspace; import the model again.`,
        )
      }
      return new Uint8Array(readFileSync(file))
    },

    writeDetails(fileName: string, rows: readonly EvaluationRow[]): void {
      mkdirSync(evaluationsDir, { recursive: true })
      writeAtomically(
        join(evaluationsDir, fileName),
        rows.map((r) => JSON.stringify(r)).join('\n') + '\n',
      )
    },

    readDetails(fileName: string): EvaluationRow[] {
      const text = readFileSync(join(evaluationsDir, fileName), 'utf8')
      return text
        .split('\n')
        .filter((line) => line.length > 0)
        .map((line) => JSON.parse(line) as EvaluationRow)
    },

    remove(kind: 'model' | 'details', fileName: string): void {
      rmSync(join(kind === 'model' ? modelsDir : evaluationsDir, fileName), { force: true })
    },
  }
}

export type ModelStore = ReturnType<typeof createModelStore>
