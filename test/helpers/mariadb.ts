import { randomBytes } from 'node:crypto'
import {
  openMariaDb,
  parseMariaDbUrl,
  type MariaDbConnection,
  type MariaDbTarget,
} from '../../src-main/core/db/mariadb'
import { quoteIdent } from '../../src-main/core/predicting/sql/mariadb'

/** The server the MariaDB tests use; `mysql://USER@HOST:PORT`, password (if any) in MARIADB_PASSWORD. */
export const MARIADB_URL = process.env.MARIADB_URL ?? 'mysql://root@127.0.0.1:3306'

export function mariaDbTarget(database?: string): MariaDbTarget {
  const parsed = parseMariaDbUrl(MARIADB_URL)
  const password = process.env.MARIADB_PASSWORD
  return {
    ...parsed,
    ...(password ? { password } : {}),
    ...(database ? { database } : {}),
    connectTimeoutMs: 3000,
  }
}

/**
 * Whether the MariaDB tests can run. Locally a missing server skips them; with CI=true it throws,
 * so a CI run without MariaDB fails instead of passing silently.
 */
export async function mariaDbAvailable(): Promise<boolean> {
  try {
    const conn = await openMariaDb(mariaDbTarget())
    conn.destroy()
    return true
  } catch (error) {
    if (process.env.CI === 'true') {
      throw new Error(
        `MariaDB is required in CI but ${MARIADB_URL} is unreachable: ${String(error)}`,
      )
    }
    console.warn(`Skipping MariaDB tests: ${MARIADB_URL} is unreachable (${String(error)}).`)
    return false
  }
}

/** An admin connection to the test server (multi-statement off; callers quote their names). */
export const adminConnection = (): Promise<MariaDbConnection> => openMariaDb(mariaDbTarget())

/** A uniquely named schema for one test; `drop()` removes it. */
export async function createTestSchema(
  prefix: string,
): Promise<{ name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`
  const conn = await adminConnection()
  try {
    await conn.query(
      `CREATE DATABASE ${quoteIdent(name)} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    )
  } finally {
    conn.destroy()
  }
  return {
    name,
    drop: async () => {
      const c = await adminConnection()
      try {
        await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)}`)
      } finally {
        c.destroy()
      }
    },
  }
}

/** `mysql://USER@HOST:PORT/SCHEMA` for a schema on the test server. */
export function mariaDbUrl(schema: string): string {
  const url = new URL(MARIADB_URL)
  url.pathname = `/${schema}`
  return url.toString()
}

export interface PostRow {
  id: number
  author: string | null
  content: string | null
  postTime: string
  sourceId: string
}

/** 'MR BROWN' and 'anon ' are the same authors as 'Mr Brown' and 'anon' under the column's collation. */
const AUTHORS = [
  '王先生',
  '陳小姐',
  'Mr Brown',
  'ms green',
  'anon',
  '林太太',
  'Mr Ms',
  null,
  '',
  'MR BROWN',
  'anon ',
]
const WORDS = [
  'pizza',
  '牛肉麵',
  'travel',
  '旅行',
  'hello',
  '今天天氣很好',
  'world',
  'PIZZA',
  '台北',
]

/** Deterministic posts: zh-TW and English, NULL and empty texts, one 1 MB post. */
export function makePosts(count: number): PostRow[] {
  const rows: PostRow[] = []
  let seed = 12345
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648
  for (let i = 1; i <= count; i++) {
    const words = Array.from(
      { length: 3 + Math.floor(next() * 8) },
      () => WORDS[Math.floor(next() * WORDS.length)]!,
    )
    const content = i % 97 === 0 ? null : i % 89 === 0 ? '' : words.join(' ')
    const day = Math.floor(next() * 730)
    const postTime = new Date(Date.UTC(2020, 0, 1) + day * 86_400_000 + (i % 86_400) * 1000)
      .toISOString()
      .slice(0, 19)
      .replace('T', ' ')
    rows.push({
      id: i,
      author: AUTHORS[i % AUTHORS.length]!,
      content,
      postTime,
      sourceId: `WH_F000${i % 4}`,
    })
  }
  const big = rows[Math.min(10, count - 1)]
  if (big) big.content = 'x'.repeat(1024 * 1024) + ' pizza'
  return rows
}

/** Creates `posts` (id, author, content, post_time, s_id) in a schema and fills it. */
export async function createPostsTable(schema: string, rows: readonly PostRow[]): Promise<void> {
  const conn = await openMariaDb({ ...mariaDbTarget(schema) })
  try {
    await conn.query(`CREATE TABLE posts (
      id BIGINT NOT NULL PRIMARY KEY, author VARCHAR(100) NULL, content MEDIUMTEXT NULL,
      post_time DATETIME NOT NULL, s_id VARCHAR(20) NOT NULL, KEY post_time (post_time)
    ) DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci`)
    for (let i = 0; i < rows.length; i += 1000) {
      const values = rows
        .slice(i, i + 1000)
        .map((r) => [r.id, r.author, r.content, r.postTime, r.sourceId])
      await conn.query('INSERT INTO posts (id, author, content, post_time, s_id) VALUES ?', [
        values,
      ])
    }
  } finally {
    conn.destroy()
  }
}
