import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ApiClient } from '../../src-main/api/client'
import type { DocumentDetail } from '../../src-main/api/contract/annotation'
import type { ImportReport } from '../../src-main/api/contract/datasets'
import type { Core } from '../../src-main/core/create-core'
import { repoRoot, startTestCore } from '../helpers/core-harness'

export const fixture = (name: string) => join(repoRoot, 'test', 'fixtures', 'formats', name)

export type Harness = Awaited<ReturnType<typeof startTestCore>>

export const startDatasetsCore = () => startTestCore({ seedDemo: false })

/** Runs an import task to the end and returns its task summary and report. */
export async function runImport(
  h: { api: ApiClient; core: Core },
  params: Parameters<ApiClient['call']>[1] & object,
) {
  const { taskId } = await h.api.call('datasets.startImport', params as never)
  const task = await h.core.tasks.settled(taskId)
  const report = (await h.api.call('tasks.show', { id: taskId })).stats as ImportReport | null
  return { task, report }
}

export async function importInto(h: Harness, name: string, path: string, format = 'auto') {
  const { task, report } = await runImport(h, {
    target: { newDataset: { name } },
    source: { path },
    options: { format },
  } as never)
  if (task.status !== 'SUCCESS' || !report)
    throw new Error(`import failed: ${JSON.stringify(task.error)}`)
  return report
}

export async function exportTo(
  h: Harness,
  id: string,
  format: string,
  path: string,
  extra: object = {},
) {
  const { taskId } = await h.api.call('datasets.startExport', {
    id,
    format,
    path,
    ...extra,
  } as never)
  const task = await h.core.tasks.settled(taskId)
  if (task.status !== 'SUCCESS') throw new Error(`export failed: ${JSON.stringify(task.error)}`)
}

/** Every document of a dataset with label names, in dataset order. */
export async function snapshot(h: Harness, datasetId: string) {
  const dataset = await h.api.call('datasets.get', { id: datasetId })
  const names = new Map(dataset.labels.map((l) => [l.id, l.name]))
  const page = await h.api.call('annotation.listDocuments', { datasetId, limit: 500 })
  const docs: (DocumentDetail & { labels: string[] })[] = []
  for (const row of page.items) {
    const doc = await h.api.call('annotation.getDocument', { datasetId, documentId: row.id })
    docs.push({ ...doc, labels: doc.labelIds.map((id) => names.get(id) ?? '?').sort() })
  }
  return { dataset, docs }
}

export function writeFixture(dir: string, name: string, content: string | Buffer): string {
  const path = join(dir, name)
  writeFileSync(path, content)
  return path
}
