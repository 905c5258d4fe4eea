import type { CsvFlavour } from '../../../api/contract/common'
import { isXlsxPath } from '../../../../src-worker/ml/io/xlsx'
import type { SinkWriter } from '../types'
import { finishOutput } from './output-finish'
import { createSqliteSink, type SqliteOutput } from './sqlite-sink'

export interface CsvSinkSpec {
  path: string
  csvFlavour: CsvFlavour
  taskId: string
  nativeBinding?: string | undefined
  /** Where the built worker entries are (the CSV files are written on a thread of their own). */
  workerDir?: string | undefined
  /** Tests: the thread writing the CSV files waits until cell 0 of this is not 0. */
  holdFinish?: SharedArrayBuffer | undefined
}

/** `<path>.sqlite` holds the rows while the task runs (unique key, checkpoints, samples). */
export const csvStagingPath = (path: string) => `${path}.sqlite`
/** The author panel beside the results: `x.csv` → `x_authors.csv`, `x.xlsx` → `x_authors.xlsx`. */
export const csvPanelPath = (path: string) =>
  isXlsxPath(path)
    ? path.replace(/\.xlsx$/i, '_authors.xlsx')
    : path.replace(/(\.csv)?$/i, '_authors.csv')

/** The SQLite output a CSV output is staged in, while its task runs and for samples. */
export const csvStaging = (path: string, nativeBinding?: string): SqliteOutput => ({
  path: csvStagingPath(path),
  tables: ['results'],
  nativeBinding,
})

/**
 * Results as a CSV file (or an .xlsx workbook when the path says so): rows are staged in a SQLite file (so a replayed batch adds nothing and
 * samples work while running) and the CSV, with the author panel next to it, is written at the end.
 */
export function createCsvSink(spec: CsvSinkSpec): SinkWriter {
  const staging = csvStagingPath(spec.path)
  const inner = createSqliteSink({ ...spec, ...csvStaging(spec.path, spec.nativeBinding) })
  return {
    ...inner,
    name: spec.path,
    finish(groups) {
      const job = {
        path: staging,
        tables: ['results'],
        taskId: spec.taskId,
        groups,
        nativeBinding: spec.nativeBinding,
        csv: { path: spec.path, panelPath: csvPanelPath(spec.path), flavour: spec.csvFlavour },
        hold: spec.holdFinish,
      }
      return finishOutput(job, spec.workerDir)
    },
  }
}
