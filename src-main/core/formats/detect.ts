import type { DatasetFormat } from '../../api/contract/datasets'

/**
 * Picks a format from the file name and its first non-blank text: `.xlsx` is a workbook, `.jsonl` is doccano JSONL,
 * a JSON array whose first element has `data` is Label Studio, `__label__` lines are fastText.
 */
export function detectFormat(fileName: string, head: string): DatasetFormat {
  const ext = fileName.toLowerCase().split('.').pop() ?? ''
  const start = head.trimStart()
  if (ext === 'xlsx') return 'xlsx'
  if (ext === 'csv') return 'csv'
  if (ext === 'tsv' || ext === 'tab') return 'tsv'
  if (ext === 'jsonl' || ext === 'ndjson') return 'doccano-jsonl'
  if (start.startsWith('['))
    return /^\[\s*\{\s*"(data|annotations|predictions|id)"/.test(start) && /"data"\s*:/.test(start)
      ? 'label-studio'
      : 'doccano-json'
  if (start.startsWith('{')) return 'doccano-jsonl'
  if (start.startsWith('__label__')) return 'fasttext'
  if (ext === 'json') return 'doccano-json'
  return 'text'
}
