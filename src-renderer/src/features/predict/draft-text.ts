/** Parsers for the predict form's free-text fields; pure, so they are unit-tested in Node. */

const DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2}))?)?$/

/** `2024-01-02`, `2024-01-02T03:04` → `2024-01-02 00:00:00` / `2024-01-02 03:04:00`; null if malformed. */
export function normalizeDateTime(value: string): string | null {
  const m = DATE_TIME.exec(value.trim())
  if (!m) return null
  const [, date, hh = '00', mm = '00', ss = '00'] = m
  const d = new Date(`${date}T${hh}:${mm}:${ss}Z`)
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== date) return null
  return `${date} ${hh}:${mm}:${ss}`
}

/** Keywords from a textarea: one per line, `#` comments and a tab-separated match type ignored. */
export function parseKeywords(text: string): string[] {
  const seen = new Set<string>()
  for (const line of text.split(/\r?\n/)) {
    if (line.trimStart().startsWith('#')) continue
    const keyword = (line.split('\t')[0] ?? '').trim()
    if (keyword) seen.add(keyword)
  }
  return [...seen]
}

/** `male, female` per line → [['male', 'female']]. */
export function parseGroups(text: string): string[][] {
  return text
    .split(/\r?\n/)
    .map((line) =>
      line
        .split(/[,，]/)
        .map((l) => l.trim())
        .filter(Boolean),
    )
    .filter((g) => g.length > 0)
}

/** `WH_F0001 → ptt` or `WH_F0001 = ptt` per line → { WH_F0001: 'ptt' }; null with the bad line. */
export function parseRouting(
  text: string,
): { ok: true; groups: Record<string, string> } | { ok: false; line: string } {
  const groups: Record<string, string> = {}
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    if (!line) continue
    const m = /^(\S+)\s*(?:→|->|=|:)\s*([A-Za-z0-9_]{1,40})$/.exec(line)
    if (!m?.[1] || !m[2]) return { ok: false, line }
    groups[m[1]] = m[2]
  }
  return { ok: true, groups }
}

export const splitIds = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean)

/** Rows at a measured rate → milliseconds, or null without a usable rate. */
export function estimateMs(rows: number, rowsPerSecond: number | undefined): number | null {
  if (!rowsPerSecond || !Number.isFinite(rowsPerSecond) || rowsPerSecond <= 0) return null
  return (rows / rowsPerSecond) * 1000
}
