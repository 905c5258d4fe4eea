import { once } from 'node:events'
import { createWriteStream, renameSync, rmSync } from 'node:fs'
import type ExcelJS from 'exceljs'
import { ApiError } from '../../../src-main/api/errors'
import type { DelimitedRecord } from './delimited-reader'

/** Rows an Excel worksheet holds (header included). */
export const XLSX_MAX_ROWS = 1_048_576
/** Characters an Excel cell holds. */
export const XLSX_MAX_CELL = 32_767

/**
 * exceljs, loaded on first use: loading it costs ~0.3 s of CPU, which every thread that imports this
 * module (the import's reader and writer threads, the core) paid at start even for a CSV.
 */
const loadExcel = async (): Promise<typeof ExcelJS> => (await import('exceljs')).default

export const isXlsxPath = (path: string) => path.toLowerCase().endsWith('.xlsx')

/** Refuses, before anything is written, an output Excel could not open whole. */
export function assertFitsXlsx(dataRows: number, what: string): void {
  if (dataRows + 1 <= XLSX_MAX_ROWS) return
  throw new ApiError(
    'VALIDATION',
    `${what} has ${dataRows.toLocaleString('en-US')} rows, more than an Excel sheet holds ` +
      `(1,048,576 rows including the header). Export as CSV, or to SQLite, instead.`,
    { rows: dataRows, limit: XLSX_MAX_ROWS },
  )
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  if (value instanceof Date) return value.toISOString()
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: unknown }).result
    return result === undefined ? '' : cellText(result as ExcelJS.CellValue)
  }
  if ('hyperlink' in value) return cellText(value.text)
  if ('error' in value) return String(value.error)
  return ''
}

export interface XlsxRows {
  /** The sheet read, and every sheet's name (known once the first row arrived). */
  sheet: () => string
  sheets: () => string[]
  rows: AsyncGenerator<DelimitedRecord>
}

/**
 * Streams the rows of one worksheet (the first, or `sheet` by name) as text cells; `line` is the
 * sheet's row number. Blank rows are skipped, like blank lines of a CSV file.
 */
export function readXlsxRows(path: string, sheet: string | undefined, source: string): XlsxRows {
  let reader: ExcelJS.stream.xlsx.WorkbookReader | undefined
  const names = () => (reader?.model.sheets ?? []).map((s) => s.name)
  let chosen = sheet ?? ''
  async function* rows(): AsyncGenerator<DelimitedRecord> {
    let found = false
    try {
      const Excel = await loadExcel()
      reader = new Excel.stream.xlsx.WorkbookReader(path, {
        worksheets: 'emit',
        sharedStrings: 'cache',
        hyperlinks: 'ignore',
        styles: 'ignore',
        entries: 'ignore',
      })
      for await (const worksheet of reader) {
        const name = (worksheet as unknown as { name: string }).name
        if (found || (sheet !== undefined && name !== sheet)) {
          // Later sheets must still be drained for the zip stream to move on.
          for await (const _ of worksheet) continue
          continue
        }
        found = true
        chosen = name
        for await (const row of worksheet) {
          const values = row.values as ExcelJS.CellValue[]
          const fields: string[] = []
          for (let i = 1; i < values.length; i++) fields.push(cellText(values[i]))
          if (fields.every((f) => f.length === 0)) continue
          yield { line: row.number, fields }
        }
      }
    } catch (error) {
      if (error instanceof ApiError) throw error
      const reason = error instanceof Error ? error.message : String(error)
      throw new ApiError(
        'VALIDATION',
        `${source} cannot be read as an Excel workbook (${reason}). Save it as .xlsx again, or as CSV.`,
      )
    }
    if (!found) {
      throw new ApiError(
        'VALIDATION',
        sheet === undefined
          ? `${source} has no worksheet.`
          : `${source} has no sheet "${sheet}". Its sheets are: ${names().join(', ')}.`,
      )
    }
  }
  return { sheet: () => chosen, sheets: names, rows: rows() }
}

export interface XlsxWriter {
  /** Adds one row; a cell longer than Excel allows fails with VALIDATION. */
  row(cells: readonly (string | number)[]): Promise<void>
  /** Finishes the workbook and moves it into place. */
  commit(): Promise<void>
  /** Removes the partial file. */
  abort(): void
}

/**
 * A streaming .xlsx writer (exceljs): rows go to `<path>.part-…` and are renamed into place on
 * commit. Strings are written as text cells, so nothing in them runs as a formula.
 */
export async function createXlsxWriter(
  path: string,
  sheetName: string,
  partSuffix: string,
): Promise<XlsxWriter> {
  const Excel = await loadExcel()
  const partPath = `${path}.part-${partSuffix}`
  const out = createWriteStream(partPath)
  const workbook = new Excel.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: false,
    useSharedStrings: false,
  })
  const sheet = workbook.addWorksheet(sheetName.slice(0, 31) || 'Sheet1')
  let rowNumber = 0
  return {
    async row(cells) {
      rowNumber++
      for (const cell of cells) {
        if (typeof cell === 'string' && cell.length > XLSX_MAX_CELL) {
          throw new ApiError(
            'VALIDATION',
            `Row ${rowNumber} has a cell of ${cell.length} characters; an Excel cell holds at most ` +
              `${XLSX_MAX_CELL}. Export as CSV or JSONL instead.`,
          )
        }
      }
      sheet.addRow([...cells]).commit()
      if (out.writableNeedDrain) await once(out, 'drain')
    },
    async commit() {
      sheet.commit()
      await workbook.commit()
      // Closed, not only flushed: Windows refuses to rename a file that is still open.
      if (!out.closed) await once(out, 'close')
      renameSync(partPath, path)
    },
    abort() {
      out.destroy()
      rmSync(partPath, { force: true })
    },
  }
}
