/** Tableau 10: distinct on light and dark backgrounds. */
const PALETTE = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
]
const SHORTCUTS = [...'1234567890abcdefghijklmnopqrstuvwxyz']

export const nextColor = (used: readonly string[]): string =>
  PALETTE.find((c) => !used.includes(c)) ?? PALETTE[used.length % PALETTE.length] ?? '#7f7f7f'

export const nextShortcut = (used: readonly (string | null)[]): string | null =>
  SHORTCUTS.find((k) => !used.includes(k)) ?? null
