import { readdirSync, readFileSync, statSync } from 'node:fs'
import { basename, extname, join } from 'node:path'
import {
  keywordRulesFromRecords,
  parseKeywordRuleText,
  type KeywordRule,
} from '../models/keyword/keyword-rules'
import {
  parseRegexRuleText,
  regexRulesFromRecords,
  type RegexRule,
} from '../models/regex/regex-rules'
import { termWeightsFromCsv, type TermWeight } from '../models/term-weight/term-weight-csv'
import { readDelimitedText } from './delimited-reader'

const PLAIN = new Set(['.txt', '.tsv', '.rules', ''])

function ruleFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path]
  return readdirSync(path)
    .filter((name) => !name.startsWith('.'))
    .sort()
    .map((name) => join(path, name))
}

function readText(path: string): string {
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '')
}

/** CSV with a header row, or JSON: an array of objects, or { label: [items] }. */
function records(path: string, itemKey: 'keyword' | 'pattern'): Record<string, unknown>[] {
  const text = readText(path)
  if (extname(path).toLowerCase() === '.csv') {
    const rows = readDelimitedText(text, path)
    const header = rows.shift()?.fields.map((name) => name.trim()) ?? []
    return rows.map(({ fields }) => Object.fromEntries(header.map((name, i) => [name, fields[i]])))
  }
  const parsed = JSON.parse(text) as unknown
  if (Array.isArray(parsed)) return parsed as Record<string, unknown>[]
  if (typeof parsed !== 'object' || parsed === null)
    throw new Error(`${path}: expected a JSON array or object.`)
  return Object.entries(parsed).flatMap(([label, items]) =>
    (Array.isArray(items) ? items : [items]).map((item: unknown) =>
      typeof item === 'object' && item !== null ? { label, ...item } : { label, [itemKey]: item },
    ),
  )
}

const labelOfFile = (path: string) => basename(path, extname(path))

/** Keyword rules from a file or a directory (one plain file per label, or CSV/JSON files). */
export function readKeywordRules(path: string): KeywordRule[] {
  return ruleFiles(path).flatMap((file) => {
    const ext = extname(file).toLowerCase()
    if (PLAIN.has(ext)) return parseKeywordRuleText(readText(file), labelOfFile(file), file)
    return keywordRulesFromRecords(records(file, 'keyword'), file)
  })
}

/** Regex rules from a file or a directory (one plain file per label, or CSV/JSON files). */
export function readRegexRules(path: string): RegexRule[] {
  return ruleFiles(path).flatMap((file) => {
    const ext = extname(file).toLowerCase()
    if (PLAIN.has(ext)) return parseRegexRuleText(readText(file), labelOfFile(file))
    return regexRulesFromRecords(records(file, 'pattern'), file)
  })
}

/** An edited term table (CSV label,term,weight) for a term-weight model. */
export function readTermWeights(path: string): TermWeight[] {
  return ruleFiles(path).flatMap((file) => termWeightsFromCsv(readText(file), file))
}
