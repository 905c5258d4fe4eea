/** 0.8123 → "81.2 %"; null → "—". */
export const formatPercent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`

/** A signed difference in percentage points: "+3.1 pt". */
export const formatDelta = (value: number): string =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value * 100).toFixed(1)} pt`

export const joinLabels = (labels: readonly string[]): string =>
  labels.length === 0 ? '(none)' : labels.join(', ')

/** Reads a browser File as base64 (for models.importFile's contentBase64). */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer())
  let binary = ''
  const chunk = 0x8000
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk))
  }
  return btoa(binary)
}
