import { describe, expect, it } from 'vitest'
import { AuthorSet } from '../../../../src-main/core/predicting/author-set'
import {
  datetimeNumber,
  datetimeText,
  PanelCounts,
} from '../../../../src-main/core/predicting/sinks/panel-counts'

const text = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ')

/** The lines of the counted panel, in its order. */
const linesOf = (counts: PanelCounts, exclusive: string[][] = []) =>
  Buffer.concat([...counts.panel(exclusive).tsv()])
    .toString('utf8')
    .split('\n')
    .filter((line) => line !== '')

describe('DATETIME numbers', () => {
  it('order 20,000 times in 1000-9999 as their texts do and read back as the same text', () => {
    let seed = 3
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32
    const from = Date.UTC(1000, 0, 1)
    const to = Date.UTC(9999, 11, 31, 23, 59, 59)
    const times = Array.from({ length: 20_000 }, () => text(from + next() * (to - from)))
    const wrong = times.filter((t) => datetimeText(datetimeNumber(t)) !== t)
    expect(wrong).toEqual([])
    const byNumber = [...times].sort((a, b) => datetimeNumber(a) - datetimeNumber(b))
    expect(byNumber).toEqual([...times].sort())
    expect(datetimeNumber('2020-02-29 23:59:59')).toBe(20200229235959)
  })

  it('orders NULL first and refuses what a DATETIME column would store otherwise', () => {
    expect(datetimeNumber(null)).toBe(-Infinity)
    expect(datetimeText(-Infinity)).toBeNull()
    for (const refused of [
      '2021-02-29 00:00:00',
      '1900-02-29 00:00:00',
      '0000-00-00 00:00:00',
      '2021-00-10 00:00:00',
      '2021-04-31 00:00:00',
      '2021-01-00 00:00:00',
      '2021-01-01 24:00:00',
      '2021-01-01 00:60:00',
      '2021-01-01 00:00:60',
      '2021-01-01 00:00:00.5',
      '2021-01-01',
      '2021-1-01 00:00:00',
      '0999-12-31 23:59:59',
      '2021/01/01 00:00:00',
      '2021-01-01T00:00:00',
      '2021-01-0a 00:00:00',
    ])
      expect([refused, datetimeNumber(refused)]).toEqual([refused, NaN])
  })
})

describe('panel counts', () => {
  it('keeps per author and label the posts and the latest post by time, then id', () => {
    const counts = new PanelCounts()
    const rows: [string | null, string, string | null, string][] = [
      ['amy', 'male', '2021-01-01 00:00:00', '5'],
      ['amy', 'male', '2021-01-01 00:00:00', '12'],
      ['amy', 'male', null, '99'],
      ['amy', 'female', null, '-7'],
      ['amy', 'female', null, '-30'],
      ['Amy', 'male', '2020-01-01 00:00:00', '9007199254740991'],
      ['Amy', 'male', '2020-01-01 00:00:00', '9007199254740990'],
      ['陳\t小姐', 'male', '2022-06-30 12:00:00', '0'],
      [null, 'male', '2023-01-01 00:00:00', '1'],
      ['', 'male', '2023-01-01 00:00:00', '2'],
    ]
    for (const row of rows) expect(counts.add(...row)).toBe(true)
    expect(counts.rows).toBe(10)
    expect(counts.size).toBe(4)
    expect(linesOf(counts)).toEqual([
      'Amy\tmale\t2\t9007199254740991\t2020-01-01 00:00:00',
      'amy\tmale\t3\t12\t2021-01-01 00:00:00',
      'amy\tfemale\t2\t-7\t\\N',
      '陳\\t小姐\tmale\t1\t0\t2022-06-30 12:00:00',
    ])
  })

  it('agrees with a Map of strings on 100,000 rows, authors in code unit order', () => {
    const counts = new PanelCounts()
    const expected = new Map<string, { posts: number; time: string | null; id: number }>()
    let seed = 11
    const next = (n: number) => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n
    let refused = 0
    for (let i = 0; i < 100_000; i++) {
      const author = next(3) === 0 ? `作者${next(30_000)}` : `User${next(30_000)}`
      const label = `l${next(12)}`
      const time = next(5) === 0 ? null : text(Date.UTC(2020, 0, 1) + next(1000) * 1000)
      const id = next(1 << 30) - (1 << 29)
      if (!counts.add(author, label, time, String(id))) refused++
      const key = `${author}\t${label}`
      const group = expected.get(key)
      if (!group) expected.set(key, { posts: 1, time, id })
      else {
        group.posts++
        const later = (time ?? '') > (group.time ?? '') || (time === group.time && id > group.id)
        if (later) Object.assign(group, { time, id })
      }
    }
    expect(refused).toBe(0)
    expect(counts.size).toBe(expected.size)
    const lines = linesOf(counts)
    const want = [...expected].map(([key, g]) => `${key}\t${g.posts}\t${g.id}\t${g.time ?? '\\N'}`)
    expect([...lines].sort()).toEqual(want.sort())
    const authors = lines.map((line) => line.split('\t')[0]!)
    expect(authors).toEqual([...authors].sort())
  })

  it('keeps inside an exclusive group only the label with most posts, none on a tie', () => {
    const counts = new PanelCounts()
    const posts: [string, string, number][] = [
      ['amy', 'male', 2],
      ['amy', 'female', 1],
      ['amy', 'student', 1],
      ['bob', 'male', 3],
      ['bob', 'female', 3],
      ['cat', 'female', 1],
      ['dan', 'male', 1],
      ['dan', 'female', 1],
      ['dan', 'parent', 1],
    ]
    let id = 0
    for (const [author, label, n] of posts)
      for (let i = 0; i < n; i++) counts.add(author, label, null, String(++id))
    const panel = counts.panel([['male', 'female'], ['teen']])
    const lines = linesOf(counts, [['male', 'female'], ['teen']])
    expect(lines.map((line) => line.split('\t').slice(0, 3).join(' '))).toEqual([
      'amy male 2',
      'amy student 1',
      'cat female 1',
      'dan parent 1',
    ])
    expect([panel.rows, panel.authors]).toEqual([4, 3])
    expect([counts.panel([]).rows, counts.panel([]).authors]).toEqual([9, 4])
  })

  it('takes authors as entries of a shared set, and refuses rows it has no entry for', () => {
    const read = new AuthorSet()
    const counts = new PanelCounts()
    counts.shareAuthors(read)
    const long = 'x'.repeat(300)
    const [bob, amy, longEntry] = ['bob', 'amy', long].map((a) => read.indexOf(a))
    for (const unwritten of ['aaron', 'zed', 'beth']) read.indexOf(unwritten)
    expect(counts.add('amy', 'male', null, '1', amy)).toBe(true)
    expect(counts.add('bob', 'male', null, '2', bob)).toBe(true)
    expect(counts.add('amy', 'male', null, '3', amy)).toBe(true)
    expect(linesOf(counts)).toEqual(['amy\tmale\t2\t3\t\\N', 'bob\tmale\t1\t2\t\\N'])
    expect(read.size).toBe(6)
    // The set stopped collecting (no entry), or the output holds the author cut to 255 units.
    expect(counts.add('cat', 'male', null, '4')).toBe(false)
    expect(counts.add(long.slice(0, 255), 'male', null, '5', longEntry)).toBe(false)
    expect(read.size).toBe(6)
  })

  it('refuses rows once its arrays pass the memory budget', () => {
    const counts = new PanelCounts(1 << 20)
    let added = 0
    while (counts.add(`author ${added}`, 'male', null, String(added))) added++
    // Past 1 MB: the index alone takes 4 bytes a slot at most half full, the groups 32 bytes each.
    expect(added).toBeGreaterThan(10_000)
    expect(added).toBeLessThan(30_000)
    expect(counts.add('amy', 'male', null, '1')).toBe(false)
  })

  it('refuses a row it cannot order as the server would, and counts rows without an author', () => {
    const counts = new PanelCounts()
    expect(counts.add(null, 'male', null, '1')).toBe(true)
    for (const id of [
      '-0',
      '007',
      '',
      '-',
      '1.5',
      '9007199254740992',
      '18446744073709551615',
      'p1',
    ])
      expect([id, counts.add('amy', 'male', null, id)]).toEqual([id, false])
    expect(counts.add('amy', 'male', '2021-01-01 00:00:00.250', '2')).toBe(false)
    expect(counts.rows).toBe(1)
    expect(counts.size).toBe(0)
  })
})
