import { join } from 'node:path'
import type { PredictOutput, SinkSpec } from '../../api/contract/predicting'
import { tableRouter } from './plan'
import { csvPanelPath, csvStagingPath } from './sinks/csv-sink'
import { panelTableOf } from './sql/output-tables'

const RESULTS = 'Results: one row per label a post got'
const PANEL = 'Author panel: labels per author'

/**
 * Every file and table a task with this sink writes, as the sinks name them: a CSV output also
 * leaves its staging SQLite file (it keeps resume and samples working) and the author panel.
 */
export function outputsOf(sink: SinkSpec, taskId: string, dataDir: string): PredictOutput[] {
  if (sink.kind === 'csv') {
    return [
      { kind: 'file', location: sink.path, role: 'results', note: RESULTS },
      { kind: 'file', location: csvPanelPath(sink.path), role: 'authors', note: PANEL },
      {
        kind: 'file',
        location: csvStagingPath(sink.path),
        role: 'staging',
        note: 'Rows while the task runs, for resume and samples; can be deleted once done',
      },
    ]
  }
  const { tables } = tableRouter(sink)
  const qualify = (table: string) => (sink.kind === 'mariadb' ? `${sink.schema}.${table}` : table)
  const inTables = tables.flatMap((t): PredictOutput[] => [
    { kind: 'table', location: qualify(t), role: 'results', note: RESULTS },
    { kind: 'table', location: qualify(panelTableOf(t)), role: 'authors', note: PANEL },
  ])
  if (sink.kind === 'mariadb') return inTables
  const path = sink.path ?? join(dataDir, 'outputs', `${taskId}.sqlite`)
  return [
    {
      kind: 'file',
      location: path,
      role: 'database',
      note: 'SQLite file holding the tables below',
    },
    ...inTables,
  ]
}
