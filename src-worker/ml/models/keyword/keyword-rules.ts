import type { MatchType } from './aho-corasick'

export interface KeywordRule {
  label: string
  keyword: string
  match: MatchType
}

const MATCH_ALIASES: Record<string, MatchType> = {
  partially: 'partially',
  partial: 'partially',
  contains: 'partially',
  start: 'start',
  starts: 'start',
  end: 'end',
  ends: 'end',
  exactly: 'exactly',
  exact: 'exactly',
  absolutely: 'exactly',
}

export function parseMatchType(value: string | undefined, where: string): MatchType {
  if (value === undefined || value.trim() === '') return 'partially'
  const match = MATCH_ALIASES[value.trim().toLowerCase()]
  if (!match) {
    throw new Error(
      `${where}: unknown match type "${value}"; use partially, start, end or exactly.`,
    )
  }
  return match
}

/**
 * The plain rule format: one label per file, each line `keyword<TAB>match_type` (match type
 * optional, default partially). Blank lines and lines starting with # are skipped, except a
 * first line `# label: NAME`, which overrides the label taken from the file name.
 */
export function parseKeywordRuleText(
  text: string,
  fileLabel: string,
  source: string,
): KeywordRule[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = /^#\s*label\s*:\s*(.+)$/i.exec(lines[0]?.trim() ?? '')
  const label = header ? header[1]!.trim() : fileLabel
  const rules: KeywordRule[] = []
  lines.forEach((line, i) => {
    if (line.trim() === '' || line.trimStart().startsWith('#')) return
    const [keyword = '', match] = line.split('\t')
    if (keyword.trim() === '') throw new Error(`${source} line ${i + 1}: the keyword is empty.`)
    rules.push({
      label,
      keyword: keyword.trim(),
      match: parseMatchType(match, `${source} line ${i + 1}`),
    })
  })
  return rules
}

/** Rules from objects (JSON or CSV rows): label, keyword and an optional match / match_type. */
export function keywordRulesFromRecords(
  records: readonly Record<string, unknown>[],
  source: string,
) {
  return records.map((record, i): KeywordRule => {
    const where = `${source} rule ${i + 1}`
    const label = record.label
    const keyword = record.keyword
    const match = record.match ?? record.match_type ?? record.matchType
    if (typeof label !== 'string' || label.trim() === '')
      throw new Error(`${where}: label is missing.`)
    if (typeof keyword !== 'string' || keyword.trim() === '')
      throw new Error(`${where}: keyword is missing.`)
    if (match !== undefined && typeof match !== 'string')
      throw new Error(`${where}: match must be text.`)
    return { label: label.trim(), keyword: keyword.trim(), match: parseMatchType(match, where) }
  })
}
