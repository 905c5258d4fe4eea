import type {
  DatasetFormat,
  ImportColumnRole,
  ImportOptionsInput,
  LabelSeparator,
  TextEncoding,
} from '@api/dto'

/** How the dialog reads the picked file; sent as `importOptions`. */
export interface ReadChoice {
  format: DatasetFormat | 'auto'
  encoding: TextEncoding | 'auto'
  header: boolean
  sheet: string | null
  labelSeparator: LabelSeparator | 'auto'
  /** A 1-based column position, null for none; absent: the one the core recognised. */
  columns: Partial<Record<ImportColumnRole, number | null>>
}

export const DEFAULT_CHOICE: ReadChoice = {
  format: 'auto',
  encoding: 'auto',
  header: true,
  sheet: null,
  labelSeparator: 'auto',
  columns: {},
}

const COLUMN_OPTION: Record<ImportColumnRole, keyof ImportOptionsInput> = {
  text: 'textColumn',
  label: 'labelColumn',
  sourceId: 'sourceIdColumn',
  author: 'authorColumn',
  title: 'titleColumn',
  postTime: 'timeColumn',
}

/** The contract's import options for a choice. */
export function optionsOf(choice: ReadChoice): ImportOptionsInput {
  const options: ImportOptionsInput = {
    format: choice.format,
    encoding: choice.encoding,
    header: choice.header,
    labelSeparator: choice.labelSeparator,
    ...(choice.sheet ? { sheet: choice.sheet } : {}),
  }
  for (const [role, value] of Object.entries(choice.columns) as [ImportColumnRole, number | null][])
    Object.assign(options, { [COLUMN_OPTION[role]]: value })
  return options
}

export const isTable = (format: DatasetFormat | undefined) =>
  format === 'csv' || format === 'tsv' || format === 'xlsx'
