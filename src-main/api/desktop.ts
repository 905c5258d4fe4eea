import type { Transport } from './client'

/**
 * What the desktop window can do beyond calling the core: native file dialogs that hand the core a
 * PATH (so no file passes through the page's memory), revealing a written file, and the menu's
 * commands. The Electron preload exposes it as `window.desktop`; a browser tab has none of it and
 * falls back to uploads and downloads.
 */

export interface FilePurposeSpec {
  mode: 'open' | 'save'
  title: string
  /** File-type filters; an empty list means "any file". */
  filters: readonly { name: string; extensions: readonly string[] }[]
}

/** Every place that takes a file, with its dialog; the browser's `<input accept>` reads the same list. */
export const FILE_PURPOSES = {
  'dataset-import': {
    mode: 'open',
    title: 'Import documents',
    filters: [
      { name: 'Datasets', extensions: ['jsonl', 'ndjson', 'json', 'csv', 'tsv', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  },
  'dataset-export': { mode: 'save', title: 'Export dataset', filters: [] },
  'model-file': {
    mode: 'open',
    title: 'Model file',
    filters: [{ name: 'Audience Desktop model', extensions: ['audmodel'] }],
  },
  'model-export': {
    mode: 'save',
    title: 'Export model file',
    filters: [{ name: 'Audience Desktop model', extensions: ['audmodel'] }],
  },
  'terms-export': {
    mode: 'save',
    title: 'Export term table',
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  },
  'terms-file': {
    mode: 'open',
    title: 'Edited term table',
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  },
  'evaluation-file': {
    mode: 'open',
    title: 'Labelled file to evaluate on',
    filters: [{ name: 'Labelled rows', extensions: ['csv', 'tsv', 'jsonl', 'ndjson'] }],
  },
  'evaluation-export': {
    mode: 'save',
    title: 'Save validation details',
    filters: [{ name: 'CSV or JSON lines', extensions: ['csv', 'jsonl'] }],
  },
  'predict-source': {
    mode: 'open',
    title: 'Posts to label',
    filters: [
      { name: 'Posts', extensions: ['csv', 'tsv', 'jsonl', 'ndjson', 'txt'] },
      { name: 'All files', extensions: ['*'] },
    ],
  },
  'sqlite-file': {
    mode: 'open',
    title: 'SQLite database',
    filters: [
      { name: 'SQLite', extensions: ['sqlite', 'sqlite3', 'db'] },
      { name: 'All files', extensions: ['*'] },
    ],
  },
  'predict-csv-output': {
    mode: 'save',
    title: 'Write labels to CSV',
    filters: [{ name: 'CSV', extensions: ['csv'] }],
  },
  'predict-sqlite-output': {
    mode: 'save',
    title: 'Write labels to SQLite',
    filters: [{ name: 'SQLite', extensions: ['sqlite'] }],
  },
  certificate: {
    mode: 'open',
    title: 'CA certificate (PEM)',
    filters: [
      { name: 'Certificates', extensions: ['pem', 'crt', 'cer'] },
      { name: 'All files', extensions: ['*'] },
    ],
  },
} as const satisfies Record<string, FilePurposeSpec>

export type FilePurpose = keyof typeof FILE_PURPOSES

export const isFilePurpose = (value: unknown): value is FilePurpose =>
  typeof value === 'string' && Object.hasOwn(FILE_PURPOSES, value)

/** `accept` for a browser file input of this purpose. */
export function acceptOf(purpose: FilePurpose): string {
  const spec: FilePurposeSpec = FILE_PURPOSES[purpose]
  return spec.filters
    .flatMap((f) => f.extensions)
    .filter((e) => e !== '*')
    .map((e) => `.${e}`)
    .join(',')
}

/** The menu's commands the page carries out (the rest — folders, zoom, quit — main does itself). */
export const MENU_COMMANDS = [
  'datasets.new',
  'datasets.import',
  'datasets.export',
  'view.toggleTheme',
  'help.shortcuts',
] as const
export type MenuCommand = (typeof MENU_COMMANDS)[number]

export interface DesktopApi extends Transport {
  /** A native open or save dialog for this purpose; the chosen absolute path, or null if cancelled. */
  pickPath(purpose: FilePurpose, options?: { defaultName?: string }): Promise<string | null>
  /** Reveals a file the app wrote in the system's file manager. */
  showInFolder(path: string): Promise<void>
  onMenuCommand(listener: (command: MenuCommand) => void): () => void
}
