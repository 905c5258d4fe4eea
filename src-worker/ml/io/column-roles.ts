import { ApiError } from '../../../src-main/api/errors'

/** What a column of a CSV/TSV/xlsx file can hold for a document. */
export const COLUMN_ROLES = ['text', 'label', 'sourceId', 'author', 'title', 'postTime'] as const
export type ColumnRole = (typeof COLUMN_ROLES)[number]

/**
 * Header names recognised for each role (compared trimmed, lower-case, with spaces, `-` and `_`
 * ignored), including the usual Traditional and Simplified Chinese ones.
 */
const ALIASES: Record<ColumnRole, string[]> = {
  text: [
    'text',
    'content',
    'body',
    'message',
    'post',
    'sentence',
    'review',
    'comment',
    '內容',
    '内容',
    '內文',
    '内文',
    '文本',
    '本文',
    '正文',
    '貼文',
    '帖子',
    '文章',
    '留言',
    '文字',
  ],
  label: [
    'label',
    'labels',
    'category',
    'categories',
    'class',
    'tag',
    'tags',
    '標籤',
    '标签',
    '類別',
    '类别',
    '分類',
    '分类',
    '標記',
    '标记',
    '標註',
    '标注',
  ],
  sourceId: [
    'source_id',
    'sourceid',
    'source',
    'id',
    'post_id',
    'postid',
    'doc_id',
    'document_id',
    '編號',
    '编号',
    '序號',
    '序号',
    '貼文編號',
    '文章編號',
  ],
  author: [
    'author',
    'user',
    'username',
    'user_name',
    '作者',
    '使用者',
    '用戶',
    '用户',
    '發文者',
    '发文者',
  ],
  title: ['title', 'subject', 'headline', '標題', '标题', '主題', '主题'],
  postTime: [
    'post_time',
    'posttime',
    'time',
    'date',
    'datetime',
    'created_at',
    'timestamp',
    '時間',
    '时间',
    '日期',
    '發文時間',
    '发文时间',
    '發布時間',
    '发布时间',
  ],
}

const squash = (name: string) =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s_-]+/g, '')

const ALIAS_SETS = Object.fromEntries(
  COLUMN_ROLES.map((role) => [role, new Set(ALIASES[role].map(squash))]),
) as Record<ColumnRole, Set<string>>

/** 0-based index of the first column recognised as `role`, or null. */
export function guessColumn(header: readonly string[], role: ColumnRole): number | null {
  const index = header.findIndex((name) => ALIAS_SETS[role].has(squash(name)))
  return index >= 0 ? index : null
}

/** Names for the columns of a file without a header row: "Column 1", "Column 2", … */
export const positionalHeader = (width: number): string[] =>
  Array.from({ length: width }, (_, i) => `Column ${i + 1}`)

/** A column chosen by header name, or by 1-based position (a number, or digits naming no column). */
export type ColumnRef = string | number

/** 0-based index of a chosen column; a column that does not exist is a VALIDATION error. */
export function findColumn(
  header: readonly string[],
  ref: ColumnRef,
  what: string,
  source: string,
): number {
  if (typeof ref === 'string') {
    const exact = header.findIndex((name) => name.replace(/^\uFEFF/, '').trim() === ref.trim())
    if (exact >= 0) return exact
    const loose = header.findIndex((name) => squash(name) === squash(ref))
    if (loose >= 0) return loose
  }
  const position = typeof ref === 'number' ? ref : /^\d+$/.test(ref.trim()) ? Number(ref) : NaN
  if (Number.isInteger(position) && position >= 1 && position <= header.length) return position - 1
  throw new ApiError(
    'VALIDATION',
    `${source} has no ${what} column "${ref}". Its columns are: ${describeColumns(header)}. ` +
      'Give a name or a position from 1.',
  )
}

export const describeColumns = (header: readonly string[]) =>
  header.map((name, i) => `${i + 1} ${name.trim() || '(blank)'}`).join(', ')
