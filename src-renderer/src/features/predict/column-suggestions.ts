import type { MappedField } from './task-form'

/** A column of a source: its name, and for database tables its SQL type and indexes. */
export interface SourceColumn {
  name: string
  type?: string
  indexes?: string[]
}

const norm = (name: string) => name.toLowerCase().replace(/[\s-]+/g, '_')

/** Names that say what a column holds, best first. */
const NAMES: Record<MappedField, readonly string[]> = {
  id: ['id', 'post_id', 'postid', 'doc_id', 'document_id', 'row_id', 'message_id', 'uid'],
  content: ['content', 'text', 'body', 'message', 'post', 'comment', 'article', 'description'],
  title: ['title', 'subject', 'headline', 'topic'],
  author: ['author', 'author_name', 'user', 'username', 'user_name', 'screen_name', 'nickname'],
  sourceId: ['source_id', 'sourceid', 'source', 'board', 'channel', 'forum_id', 'site_id'],
  postTime: ['post_time', 'posted_at', 'created_at', 'published_at', 'time', 'date', 'datetime'],
}

/** How long a text column can be, from its SQL type (text types beat any varchar). */
function textCapacity(type: string | undefined): number {
  const t = (type ?? '').toLowerCase()
  if (/longtext/.test(t)) return 4e9
  if (/mediumtext/.test(t)) return 1.6e7
  if (/^text|tinytext|clob/.test(t)) return /tinytext/.test(t) ? 255 : 65_535
  const sized = /char\((\d+)\)/.exec(t)
  return sized ? Number(sized[1]) : 0
}

const isTimeType = (type: string | undefined) => /date|time/i.test(type ?? '')

/**
 * Suggests which column feeds each field: by name first (`id`, `content`, `author`, `post_time`…),
 * then by type (the primary key for id, the longest text column for content, a date/time column
 * for the post time). Each column is suggested for one field at most; fields without a good
 * candidate are left out.
 */
export function suggestColumns(
  columns: readonly SourceColumn[],
): Partial<Record<MappedField, string>> {
  const taken = new Set<string>()
  const suggestion: Partial<Record<MappedField, string>> = {}
  const take = (field: MappedField, column: SourceColumn | undefined) => {
    if (!column || taken.has(column.name) || suggestion[field]) return
    suggestion[field] = column.name
    taken.add(column.name)
  }
  const byName = (field: MappedField) => {
    for (const wanted of NAMES[field])
      take(
        field,
        columns.find((c) => norm(c.name) === wanted),
      )
  }
  take(
    'id',
    columns.find((c) => c.indexes?.includes('PRIMARY')),
  )
  for (const field of Object.keys(NAMES) as MappedField[]) byName(field)
  const free = () => columns.filter((c) => !taken.has(c.name))
  const longest = free()
    .filter((c) => textCapacity(c.type) >= 200)
    .sort((a, b) => textCapacity(b.type) - textCapacity(a.type))[0]
  take('content', longest)
  take(
    'postTime',
    free().find((c) => isTimeType(c.type)),
  )
  return suggestion
}

/** The draft's mapping with suggestions filled into the fields the user left empty. */
export function fillEmptyColumns(
  current: Record<MappedField, string>,
  suggestion: Partial<Record<MappedField, string>>,
): Record<MappedField, string> {
  const next = { ...current }
  for (const field of Object.keys(next) as MappedField[]) {
    const suggested = suggestion[field]
    if (!next[field] && suggested) next[field] = suggested
  }
  return next
}
