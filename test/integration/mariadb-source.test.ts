import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createMariaDbSource } from '../../src-main/core/predicting/sources/mariadb-source'
import { qualified } from '../../src-main/core/predicting/sql/mariadb'
import {
  adminConnection,
  createTestSchema,
  mariaDbAvailable,
  mariaDbTarget,
} from '../helpers/mariadb'

const available = await mariaDbAvailable()

describe.skipIf(!available)('a MariaDB source', () => {
  let schema: { name: string; drop: () => Promise<void> }
  beforeAll(async () => {
    schema = await createTestSchema('aud_source')
  })
  afterAll(async () => {
    await schema?.drop()
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
})
