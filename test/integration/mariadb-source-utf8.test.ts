import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TextField } from '../../src-main/api/contract/predicting'
import {
  checkMariaDbSource,
  createMariaDbSource,
  type MariaDbSourceSpec,
} from '../../src-main/core/predicting/sources/mariadb-source'
import { qualified } from '../../src-main/core/predicting/sql/mariadb'
import type { SourceBatch } from '../../src-main/core/predicting/types'
import { fromUtf8Texts } from '../../src-worker/ml/text/text-units'
import {
  adminConnection,
  createTestSchema,
  mariaDbAvailable,
  mariaDbTarget,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()

/** Each field's texts as strings, whichever way the batch carried them. */
function textsOf(batch: SourceBatch, fields: readonly TextField[]) {
  return Object.fromEntries(
    fields.map((field) => {
      const utf8 = batch.utf8?.[field]
      return [field, utf8 ? fromUtf8Texts(utf8) : batch.texts[field]!.map((t) => t ?? '')]
    }),
  )
}

describe.skipIf(!available)(
  'a MariaDB source delivering the fields only models read as UTF-8',
  () => {
    let schema: { name: string; drop: () => Promise<void> }
    beforeAll(async () => {
      schema = await createTestSchema('aud_utf8')
      const admin = await adminConnection()
      await admin.query(`CREATE TABLE ${qualified(schema.name, 'posts')} (
      id INT PRIMARY KEY, author VARCHAR(50),
      content TEXT CHARACTER SET utf8mb4, title VARCHAR(50) CHARACTER SET latin1,
      body BLOB, kind ENUM('news', 'ad'), score INT)`)
      await admin.query(`INSERT INTO ${qualified(schema.name, 'posts')} VALUES ?`, [
        [
          [1, 'ann', '中文標題 😀 𠀀', 'café', Buffer.from('二進位 ok'), 'news', 7],
          [2, 'bob', null, null, null, null, null],
          [3, 'cy', '', '', Buffer.alloc(0), 'ad', -3],
          [4, 'di', 'already replaced \uFFFD', 'naïve', Buffer.from('plain'), 'news', 0],
        ],
      ])
      await admin.query(`CREATE TABLE ${qualified(schema.name, 'raw')} (
      id INT PRIMARY KEY, author VARCHAR(50), body BLOB)`)
      await admin.query(`INSERT INTO ${qualified(schema.name, 'raw')} VALUES ?`, [
        [
          [1, 'ann', Buffer.from('fine')],
          [2, 'bob', Buffer.from([0x70, 0x69, 0xff, 0xfe, 0x41])],
        ],
      ])
      admin.destroy()
    })
    afterAll(async () => {
      await schema?.drop()
    })

    async function readAll(table: string, columns: MariaDbSourceSpec['columns'], utf8: boolean) {
      const spec: MariaDbSourceSpec = {
        target: mariaDbTarget(),
        schema: schema.name,
        table,
        columns,
      }
      const admin = await adminConnection()
      const { columnTypes } = await checkMariaDbSource(admin, spec).finally(() => admin.destroy())
      const fields = ['content', 'title'] as const
      const reader = createMariaDbSource(utf8 ? { ...spec, utf8: { fields, columnTypes } } : spec)
      try {
        return (await reader.read(null, 100))!
      } finally {
        await reader.close()
      }
    }

    it('gives every string type the exact texts the strings would hold, and leaves other types as strings', async () => {
      for (const [content, title] of [
        ['content', 'title'],
        ['body', 'kind'],
        ['score', 'content'],
      ]) {
        const columns = { id: 'id', author: 'author', content, title }
        const asBytes = await readAll('posts', columns, true)
        const asStrings = await readAll('posts', columns, false)
        expect(asStrings.utf8).toBeUndefined()
        expect(textsOf(asBytes, ['content', 'title'])).toEqual(
          textsOf(asStrings, ['content', 'title']),
        )
        expect(asBytes.texts.author).toEqual(['ann', 'bob', 'cy', 'di'])
        expect(Object.keys(asBytes.utf8 ?? {}).sort()).toEqual(
          content === 'score' ? ['title'] : ['content', 'title'],
        )
      }
    })

    it('decodes a column holding invalid UTF-8 as strings, the bytes replaced', async () => {
      const batch = await readAll('raw', { id: 'id', author: 'author', content: 'body' }, true)
      expect(batch.utf8).toBeUndefined()
      expect(batch.texts.content).toEqual(['fine', 'pi\uFFFD\uFFFDA'])
    })

    it('counts the authors it read as the server compares them, escapes and twins included', async () => {
      const authors = ['Ann', 'ann ', 'tab\there', 'back\\slash\\N', 'new\nline', '', '😀', 'cy']
      const admin = await adminConnection()
      await admin.query(`CREATE TABLE ${qualified(schema.name, 'authors')} (
      id INT PRIMARY KEY, author VARCHAR(50) COLLATE utf8mb4_unicode_ci, content TEXT)`)
      await admin.query(`INSERT INTO ${qualified(schema.name, 'authors')} VALUES ?`, [
        authors.map((author, i) => [i + 1, author, 'post']),
      ])
      admin.destroy()
      const reader = createMariaDbSource({
        target: mariaDbTarget(),
        schema: schema.name,
        table: 'authors',
        columns: { id: 'id', author: 'author', content: 'content' },
      })
      try {
        const counted = await reader.countAuthors({ bySourceId: {}, fallback: 'out' })
        expect(counted).toEqual(new Map([['out', 6]]))
        expect(await reader.countSeenAuthors(authors, 'out')).toEqual(counted)
      } finally {
        await reader.close()
      }
    })
  },
)
