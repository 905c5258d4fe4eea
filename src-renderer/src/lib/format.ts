/** Pure formatting for task progress and diagnostics; no DOM, so it is unit-tested in Node. */

export interface ProgressLike {
  done: number
  total?: number
  ratio?: number
}

/** Whole percent in [0, 100], or null when the total is unknown (an indeterminate bar). */
export function progressPercent(progress: ProgressLike | null | undefined): number | null {
  if (!progress) return null
  let ratio = progress.ratio
  if (ratio === undefined && progress.total !== undefined && progress.total > 0) {
    ratio = progress.done / progress.total
  }
  if (ratio === undefined || !Number.isFinite(ratio)) return null
  return Math.min(100, Math.max(0, Math.floor(ratio * 100)))
}

/** Compact count: 950, 12.3k, 4.1M. */
export function formatCount(value: number): string {
  const abs = Math.abs(value)
  if (abs < 1000)
    return abs < 10 && !Number.isInteger(value) ? value.toFixed(1) : String(Math.round(value))
  if (abs < 1_000_000) return `${trim(value / 1000)}k`
  if (abs < 1_000_000_000) return `${trim(value / 1_000_000)}M`
  return `${trim(value / 1_000_000_000)}G`
}

const trim = (value: number) =>
  (Math.abs(value) < 100 ? value.toFixed(1) : value.toFixed(0)).replace(/\.0$/, '')

/** Units per second: "12.3/s", "4.1k/s"; below one per second, per minute. */
export function formatRate(rate: number | undefined, unit = ''): string | null {
  if (rate === undefined || !Number.isFinite(rate) || rate <= 0) return null
  const suffix = unit ? ` ${unit}` : ''
  if (rate < 1) return `${formatCount(rate * 60)}${suffix}/min`
  return `${formatCount(rate)}${suffix}/s`
}

/** A duration for people: "45 s", "3 min 05 s", "2 h 10 min", "1 d 4 h". */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000))
  if (seconds < 60) return `${seconds} s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`
  return `${Math.floor(hours / 24)} d ${hours % 24} h`
}

/** "about 3 min 05 s left", or null when there is no estimate. */
export function formatEta(etaMs: number | undefined): string | null {
  if (etaMs === undefined || !Number.isFinite(etaMs) || etaMs < 0) return null
  if (etaMs < 1000) return 'almost done'
  return `about ${formatDuration(etaMs)} left`
}

/** Bytes as KiB/MiB/GiB with one decimal. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit]}`
}

/** Local date and time, short: "2026-03-04 14:05:09". */
export function formatTimestamp(epochMs: number): string {
  const d = new Date(epochMs)
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`
}

/** 0.8123 → "81.2 %"; null → "—". */
export const formatPercent = (value: number | null | undefined): string =>
  value === null || value === undefined ? '—' : `${(value * 100).toFixed(1)} %`

/** A signed difference in percentage points: "+3.1 pt". */
export const formatDelta = (value: number): string =>
  `${value > 0 ? '+' : value < 0 ? '−' : '±'}${Math.abs(value * 100).toFixed(1)} pt`

export const joinLabels = (labels: readonly string[]): string =>
  labels.length === 0 ? '(none)' : labels.join(', ')
