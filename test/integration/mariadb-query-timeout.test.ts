import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ApiError } from '../../src-main/api/errors'
import { isTransient, openMariaDb } from '../../src-main/core/db/mariadb'
import { withReconnect } from '../../src-main/core/predicting/retry'
import { createMariaDbSource } from '../../src-main/core/predicting/sources/mariadb-source'
import { qualified } from '../../src-main/core/predicting/sql/mariadb'
import {
  adminConnection,
  createPostsTable,
  createTestSchema,
  makePosts,
  mariaDbAvailable,
  mariaDbTarget,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()

describe.skipIf(!available)("a connection's query timeout", () => {
  let schema: { name: string; drop: () => Promise<void> }
  beforeAll(async () => {
    schema = await createTestSchema('aud_qto')
    await createPostsTable(schema.name, makePosts(30))
  })
  afterAll(async () => {
    await schema?.drop()
  })

  /** Holds a write lock on `posts` from another session until `release()`. */
  async function lockPosts() {
    const locker = await adminConnection()
    await locker.query(`LOCK TABLES ${qualified(schema.name, 'posts')} WRITE`)
    return {
      locker,
      release: async () => {
        await locker.query('UNLOCK TABLES')
        locker.destroy()
      },
    }
  }

  /** Waits until the server no longer runs anything on `threadId` (bounded; no timing asserted). */
  async function serverStatementOf(threadId: number): Promise<string | null> {
    const admin = await adminConnection()
    try {
      let info: string | null = null
      for (let i = 0; i < 100; i++) {
        const [rows] = await admin.query(
          'SELECT INFO AS info FROM information_schema.PROCESSLIST WHERE ID = ?',
          [threadId],
        )
        info = (rows as { info: string | null }[])[0]?.info ?? null
        if (info === null) return null
        await sleep(50)
      }
      return info
    } finally {
      admin.destroy()
    }
  }

  it('sets the server-side limit, and none for 0', async () => {
    const limited = await openMariaDb({ ...mariaDbTarget(schema.name), queryTimeoutMs: 1500 })
    const unlimited = await openMariaDb({ ...mariaDbTarget(schema.name), queryTimeoutMs: 0 })
    try {
      const [a] = await limited.query('SELECT @@SESSION.max_statement_time AS t')
      const [b] = await unlimited.query('SELECT @@SESSION.max_statement_time AS t')
      expect(Number((a as { t: number }[])[0]?.t)).toBe(1.5)
      expect(Number((b as { t: number }[])[0]?.t)).toBe(0)
    } finally {
      limited.destroy()
      unlimited.destroy()
    }
  })

  for (const serverLimit of [true, false]) {
    const how = serverLimit ? "by the server's max_statement_time" : 'by KILL QUERY from the client'
    it(`ends a read blocked by a table lock while the lock is held, ${how}`, async () => {
      const { release } = await lockPosts()
      const conn = await openMariaDb({ ...mariaDbTarget(schema.name), queryTimeoutMs: 1000 })
      const threadId = conn.threadId
      try {
        // A server without max_statement_time (MySQL, or a wait it does not cover) leaves it to the client.
        if (!serverLimit) await conn.query('SET SESSION max_statement_time = 0')
        const error = await conn.query('SELECT id, content FROM posts ORDER BY id').then(
          () => null,
          (e: unknown) => e,
        )
        // The lock is still held here: only the timeout can have ended the read.
        expect(error).toBeInstanceOf(ApiError)
        expect((error as ApiError).code).toBe('TIMEOUT')
        expect((error as ApiError).message).toContain('SELECT id, content FROM posts ORDER BY id')
        expect((error as ApiError).message).toContain('query timeout of 1000 ms')
        expect((error as ApiError).message).toContain(
          "Raise the connection's query timeout or narrow the time range.",
        )
        expect(isTransient(error)).toBe(false)
        expect(await serverStatementOf(threadId)).toBeNull()
      } finally {
        await release()
      }
      // The connection itself survives the timeout.
      const [rows] = await conn.query('SELECT COUNT(*) AS n FROM posts')
      expect(Number((rows as { n: number }[])[0]?.n)).toBe(30)
      conn.destroy()
    })
  }

  it('stops a predict read at the limit and does not retry it', async () => {
    const { release } = await lockPosts()
    const source = createMariaDbSource({
      target: { ...mariaDbTarget(schema.name), queryTimeoutMs: 1000 },
      schema: schema.name,
      table: 'posts',
      columns: { id: 'id', content: 'content' },
    })
    const retries: unknown[] = []
    try {
      const error = await withReconnect(
        () => source.read(null, 10),
        () => source.reconnect(),
        {
          signal: new AbortController().signal,
          what: 'Reading posts',
          baseMs: 1,
          onRetry: (_, e) => retries.push(e),
        },
      ).then(
        () => null,
        (e: unknown) => e,
      )
      expect((error as ApiError).code).toBe('TIMEOUT')
      expect((error as ApiError).message).toMatch(/SELECT `id`, `content` FROM .*`posts`/)
      expect(retries).toEqual([])
    } finally {
      await release()
      await source.close()
    }
  })
})
