import { describe, expect, it } from 'vitest'
import {
  fillEmptyColumns,
  suggestColumns,
} from '../../../../../src-renderer/src/features/predict/column-suggestions'

describe('suggestColumns', () => {
  it('maps the demo file by name', () => {
    const names = ['id', 'author', 'title', 'content', 'source_id', 'post_time']
    expect(suggestColumns(names.map((name) => ({ name })))).toEqual({
      id: 'id',
      author: 'author',
      title: 'title',
      content: 'content',
      sourceId: 'source_id',
      postTime: 'post_time',
    })
  })

  it('uses the primary key, the longest text column and a date column when names say nothing', () => {
    expect(
      suggestColumns([
        { name: 'pk', type: 'bigint(20)', indexes: ['PRIMARY'] },
        { name: 'short_note', type: 'varchar(40)' },
        { name: 'payload', type: 'mediumtext' },
        { name: 'blurb', type: 'varchar(500)' },
        { name: 'ts', type: 'datetime' },
        { name: 'user_name', type: 'varchar(64)' },
      ]),
    ).toEqual({ id: 'pk', content: 'payload', postTime: 'ts', author: 'user_name' })
  })

  it('suggests a column for one field only, and leaves fields without a candidate out', () => {
    expect(suggestColumns([{ name: 'Text' }, { name: 'Created At' }])).toEqual({
      content: 'Text',
      postTime: 'Created At',
    })
    expect(suggestColumns([])).toEqual({})
  })
})

describe('fillEmptyColumns', () => {
  it('keeps what the user chose and fills only empty fields', () => {
    const current = { id: 'mine', content: '', title: '', author: '', sourceId: '', postTime: '' }
    expect(fillEmptyColumns(current, { id: 'id', content: 'content' })).toEqual({
      ...current,
      content: 'content',
    })
  })
})
