import { describe, expect, it } from 'vitest'
import {
  exportFileName,
  exportPath,
} from '../../../../../src-renderer/src/features/datasets/export-path'

describe('exportFileName', () => {
  const at = new Date(2026, 2, 4, 14, 5, 9)
  it('slugs the name, stamps the time and picks the extension by format', () => {
    expect(exportFileName('Demo: audience posts', 'doccano-jsonl', at)).toBe(
      'demo-audience-posts-20260304-140509.jsonl',
    )
    expect(exportFileName('Reviews', 'csv', at)).toBe('reviews-20260304-140509.csv')
    expect(exportFileName('Reviews', 'label-studio', at)).toBe('reviews-20260304-140509.json')
    expect(exportFileName('Reviews', 'fasttext', at)).toBe('reviews-20260304-140509.txt')
  })

  it('keeps CJK letters and never yields an empty or unsafe name', () => {
    expect(exportFileName('微博 评论', 'tsv', at)).toBe('微博-评论-20260304-140509.tsv')
    expect(exportFileName('../../etc', 'text', at)).toBe('etc-20260304-140509.txt')
    expect(exportFileName('***', 'text', at)).toBe('dataset-20260304-140509.txt')
  })
})

describe('exportPath', () => {
  it('joins with the data directory’s own separator', () => {
    expect(exportPath('/home/u/.audience', 'a.csv')).toBe('/home/u/.audience/exports/a.csv')
    expect(exportPath('/tmp/x/', 'a.csv')).toBe('/tmp/x/exports/a.csv')
    expect(exportPath('C:\\Users\\u\\Audience', 'a.csv')).toBe(
      'C:\\Users\\u\\Audience\\exports\\a.csv',
    )
  })
})
