import type { DatasetFormat } from '@api/dto'

const EXTENSIONS: Record<DatasetFormat, string> = {
  'doccano-jsonl': 'jsonl',
  'doccano-json': 'json',
  csv: 'csv',
  tsv: 'tsv',
  fasttext: 'txt',
  'label-studio': 'json',
  text: 'txt',
  xlsx: 'xlsx',
}

export const FORMAT_NAMES: Record<DatasetFormat, string> = {
  'doccano-jsonl': 'doccano JSONL',
  'doccano-json': 'doccano JSON',
  csv: 'CSV',
  tsv: 'TSV',
  fasttext: 'fastText',
  'label-studio': 'Label Studio JSON',
  text: 'Plain text (one per line)',
  xlsx: 'Excel workbook (.xlsx)',
}

/** A file name that is safe on every OS: "Demo posts" → "demo-posts-20260304-140509.jsonl". */
export function exportFileName(datasetName: string, format: DatasetFormat, now: Date): string {
  const slug =
    datasetName
      .normalize('NFKD')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'dataset'
  const pad = (n: number) => String(n).padStart(2, '0')
  const stamp = `${now.getFullYear()}${pad(now.getMonth() + 1)}${pad(now.getDate())}-${pad(now.getHours())}${pad(now.getMinutes())}${pad(now.getSeconds())}`
  return `${slug}-${stamp}.${EXTENSIONS[format]}`
}

/** `<dataDir>/exports/<file>`, with the data directory's own separator (Windows or POSIX). */
export function exportPath(dataDir: string, fileName: string): string {
  const sep = dataDir.includes('\\') && !dataDir.includes('/') ? '\\' : '/'
  const base = dataDir.endsWith(sep) ? dataDir.slice(0, -1) : dataDir
  return `${base}${sep}exports${sep}${fileName}`
}
