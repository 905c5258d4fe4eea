import { AuthorSet } from '../author-set'
import { AUTHOR_MAX } from '../sql/output-tables'
import { tsvField } from './tsv'

/**
 * Past this many bytes of arrays an output table's counts are dropped and its panel is grouped
 * from the written rows instead: a task's memory must not grow with its authors.
 */
const PANEL_COUNT_BYTES_MAX = 40 << 20

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
/** Digit positions of 'YYYY-MM-DD HH:MM:SS'; the rest must be '-', ' ' and ':' in their places. */
const DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18]
const hasSeparators = (s: string) =>
  s.charCodeAt(4) === 45 &&
  s.charCodeAt(7) === 45 &&
  s.charCodeAt(10) === 32 &&
  s.charCodeAt(13) === 58 &&
  s.charCodeAt(16) === 58

/**
 * A 'YYYY-MM-DD HH:MM:SS' DATETIME in 1000-9999 as the number YYYYMMDDHHMMSS, which orders as
 * the times do; -Infinity for NULL (a NULL time sorts first); NaN for anything else (fractions,
 * zero or impossible dates), which a DATETIME column would round or store differently.
 */
export function datetimeNumber(text: string | null): number {
  if (text === null) return -Infinity
  if (text.length !== 19 || !hasSeparators(text)) return NaN
  let n = 0
  for (const at of DIGITS) {
    const d = text.charCodeAt(at) - 48
    if (d < 0 || d > 9) return NaN
    n = n * 10 + d
  }
  const year = Math.floor(n / 1e10)
  const month = Math.floor(n / 1e8) % 100
  const day = Math.floor(n / 1e6) % 100
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)
  const monthDays = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]
  if (!(year >= 1000 && monthDays !== undefined && day >= 1 && day <= monthDays)) return NaN
  const hms = n % 1e6
  if (!(hms < 240000 && hms % 1e4 < 6000 && hms % 100 < 60)) return NaN
  return n
}

/** The DATETIME text of datetimeNumber's value (null for -Infinity). */
export function datetimeText(n: number): string | null {
  if (n === -Infinity) return null
  const t = String(n)
  return `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)} ${t.slice(8, 10)}:${t.slice(10, 12)}:${t.slice(12)}`
}

/** An integer id as a number: NaN unless it is an integer's canonical text below 2^53 in size. */
function idNumber(id: string): number {
  const negative = id.charCodeAt(0) === 45
  const from = negative ? 1 : 0
  const length = id.length - from
  if (length < 1 || length > 16 || (length > 1 && id.charCodeAt(from) === 48)) return NaN
  let n = 0
  for (let i = from; i < id.length; i++) {
    const d = id.charCodeAt(i) - 48
    if (d < 0 || d > 9) return NaN
    n = n * 10 + d
  }
  if (n > Number.MAX_SAFE_INTEGER || (negative && n === 0)) return NaN
  return negative ? -n : n
}

/** The author panel of counted groups, to load as it is (see PanelCounts.panel). */
export interface CountedPanel {
  /** Its rows: the groups kept. */
  rows: number
  /** The authors with a row. */
  authors: number
  tsv(): Generator<Buffer>
}

/**
 * The author panel counted while an output table is written: per (author, label) as written, the
 * posts and the latest post (by time, then id). Loaded as the panel's rows (see buildAuthorPanel),
 * these spare the server a GROUP BY over every written row. `add` refuses a row it cannot order
 * exactly as the server would (a time that is not a plain DATETIME, an id that is not an integer
 * below 2^53), or past the memory budget; the table's panel is then grouped from its rows.
 */
export class PanelCounts {
  /** Rows added, with or without an author. */
  rows = 0
  private authors = new AuthorSet()
  /** Authors are entries of a set the reader fills (see shareAuthors), not looked up here. */
  private sharedAuthors = false
  private labels = new Map<string, number>()
  private count = 0
  /** Bytes held in its arrays. */
  private bytes = 0
  /** Open addressing over groups: group index + 1, or 0 when free; at most half full. */
  private slots = new Int32Array(1 << 12)
  /**
   * Per group, side by side (one cache line holds two groups, where a row's lookup otherwise
   * touched five arrays): its key (author entry × 2^16 + label), posts, and the latest post's
   * time (datetimeNumber) and id.
   */
  private groups = new Float64Array(GROUP_FIELDS << 11)

  /** `maxBytes`: the memory budget of its arrays, past which `add` refuses every row. */
  constructor(private readonly maxBytes = PANEL_COUNT_BYTES_MAX) {}

  /** The (author, label) groups. */
  get size(): number {
    return this.count
  }

  /**
   * Takes its authors as entries of `authors` from now on, a set the reader fills with every
   * author it reads: rows then come with their author's entry (see add), looked up once per row.
   */
  shareAuthors(authors: AuthorSet): void {
    if (this.rows > 0) return
    this.authors = authors
    this.sharedAuthors = true
  }

  /**
   * Counts one written row, its author given as the text and, with shared authors, its entry;
   * false when the counts can no longer stand for the table.
   */
  add(
    author: string | null,
    label: string,
    postTime: string | null,
    id: string,
    authorEntry = -1,
  ): boolean {
    const time = datetimeNumber(postTime)
    const n = idNumber(id)
    if (Number.isNaN(time) || Number.isNaN(n)) return false
    this.rows++
    if (!author) return true
    const labelIndex = this.labelIndex(label)
    const entry = this.sharedAuthors
      ? sharedEntry(author, authorEntry)
      : this.authors.indexOf(author)
    if (labelIndex > 0xffff || entry < 0) return false
    const at = this.groupOf(entry * 0x10000 + labelIndex) * GROUP_FIELDS
    const groups = this.groups
    groups[at + 1]!++
    const latest = groups[at + 2]!
    if (time > latest || (time === latest && n > groups[at + 3]!)) {
      groups[at + 2] = time
      groups[at + 3] = n
    }
    return this.bytes <= this.maxBytes
  }

  /**
   * The author panel of the counted groups: inside each exclusive group of labels only an author's
   * label with most posts is kept, none on a tie (as resolveExclusive does in SQL).
   */
  panel(exclusive: readonly (readonly string[])[]): CountedPanel {
    const ordered = this.groupsByAuthor()
    const kept = new Uint8Array(this.count).fill(1)
    const sets = exclusive.map((labels) => new Set(labels.map((l) => this.labels.get(l))))
    let rows = 0
    let authors = 0
    for (let from = 0; from < ordered.length;) {
      const author = this.authorOf(ordered[from]!)
      let to = from + 1
      while (to < ordered.length && this.authorOf(ordered[to]!) === author) to++
      const mine = ordered.subarray(from, to)
      for (const set of sets) this.dropOutranked(mine, set, kept)
      const left = mine.reduce((n, g) => n + kept[g]!, 0)
      rows += left
      if (left > 0) authors++
      from = to
    }
    return { rows, authors, tsv: () => this.panelTsv(ordered, kept) }
  }

  /** Drops an author's groups in `labels` but the one with most posts (all of them on a tie). */
  private dropOutranked(mine: Int32Array, labels: Set<number | undefined>, kept: Uint8Array) {
    const inSet = mine.filter((g) => labels.has(this.labelOf(g)))
    if (inSet.length < 2) return
    const posts = (g: number) => this.groups[g * GROUP_FIELDS + 1]!
    const top = inSet.reduce((best, g) => Math.max(best, posts(g)), 0)
    const atTop = inSet.filter((g) => posts(g) === top).length
    for (const g of inSet) if (posts(g) < top || atTop > 1) kept[g] = 0
  }

  /**
   * The kept groups as LOAD DATA lines (author, label, posts, latest_id, latest_post_time), under
   * 1 MB at a time, authors in code unit order: close to the panel key's own order, so the server
   * appends to its index instead of inserting all over it (1.8 s instead of 4.4 s for 567k).
   */
  private *panelTsv(ordered: Int32Array, kept: Uint8Array) {
    const labels = [...this.labels.keys()].map(tsvField)
    const groups = this.groups
    let text = ''
    let author = -1
    let name = ''
    for (const g of ordered) {
      if (!kept[g]) continue
      if (this.authorOf(g) !== author)
        name = tsvField(this.authors.textAt((author = this.authorOf(g))))
      const at = g * GROUP_FIELDS
      const time = tsvField(datetimeText(groups[at + 2]!))
      text += `${name}\t${labels[this.labelOf(g)]}\t${groups[at + 1]}\t${groups[at + 3]}\t${time}\n`
      if (text.length >= 1 << 18) {
        yield Buffer.from(text, 'utf8')
        text = ''
      }
    }
    if (text.length > 0) yield Buffer.from(text, 'utf8')
  }

  private authorOf(group: number): number {
    return Math.floor(this.groups[group * GROUP_FIELDS]! / 0x10000)
  }

  private labelOf(group: number): number {
    return this.groups[group * GROUP_FIELDS]! % 0x10000
  }

  /**
   * Group indices ordered by their author's name: the authors with a group sorted (a shared set
   * also holds authors no row was written for), then the groups placed by a counting sort.
   */
  private groupsByAuthor(): Int32Array {
    const groupsOf = new Int32Array(this.authors.size)
    for (let g = 0; g < this.count; g++) groupsOf[this.authorOf(g)]!++
    const withGroups: number[] = []
    groupsOf.forEach((n, author) => n > 0 && withGroups.push(author))
    const byName = Int32Array.from(withGroups).sort((a, b) => this.authors.compare(a, b))
    const next = new Int32Array(this.authors.size)
    let at = 0
    for (const author of byName) {
      next[author] = at
      at += groupsOf[author]!
    }
    const ordered = new Int32Array(this.count)
    for (let g = 0; g < this.count; g++) ordered[next[this.authorOf(g)]!++] = g
    return ordered
  }

  private labelIndex(label: string): number {
    let index = this.labels.get(label)
    if (index === undefined) this.labels.set(label, (index = this.labels.size))
    return index
  }

  private groupOf(key: number): number {
    const mask = this.slots.length - 1
    let slot = mix(key) & mask
    for (let entry = this.slots[slot]!; entry !== 0; entry = this.slots[slot]!) {
      if (this.groups[(entry - 1) * GROUP_FIELDS] === key) return entry - 1
      slot = (slot + 1) & mask
    }
    const group = this.count++
    if (group * GROUP_FIELDS === this.groups.length) {
      // By half again: doubling would leave up to half of ~20 MB unused.
      const grown = new Float64Array(Math.floor(this.count * 1.5) * GROUP_FIELDS)
      grown.set(this.groups)
      this.groups = grown
    }
    const at = group * GROUP_FIELDS
    this.groups[at] = key
    this.groups[at + 1] = 0
    this.groups[at + 2] = -Infinity
    this.groups[at + 3] = -Infinity
    this.slots[slot] = group + 1
    if (this.count * 2 > this.slots.length) this.rehash()
    // A new author comes with a new group: the only time memory grows. A shared set has its own budget.
    const authorBytes = this.sharedAuthors ? 0 : this.authors.byteLength
    this.bytes = authorBytes + this.slots.byteLength + this.groups.byteLength
    return group
  }

  private rehash(): void {
    this.slots = new Int32Array(this.slots.length * 2)
    const mask = this.slots.length - 1
    for (let g = 0; g < this.count; g++) {
      let slot = mix(this.groups[g * GROUP_FIELDS]!) & mask
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask
      this.slots[slot] = g + 1
    }
  }
}

const GROUP_FIELDS = 4

/**
 * A row's author entry in a shared set: none once the set stopped collecting (its budget), nor
 * for an author the output holds cut to AUTHOR_MAX code units (the set holds it as read).
 */
const sharedEntry = (author: string, entry: number) => (author.length < AUTHOR_MAX ? entry : -1)

/** A group key's hash, spread for linear probing (the key is below 2^47). */
function mix(key: number): number {
  let h = Math.imul(key | 0, 0x9e3779b1) ^ Math.imul((key / 0x10000) | 0, 0x85ebca6b)
  h ^= h >>> 15
  h = Math.imul(h, 0x2c1b3c6d)
  return h ^ (h >>> 12)
}
