import { describe, expect, it } from 'vitest'
import {
  datasetNameFromFile,
  decodeFileBytes,
} from '../../../../src-renderer/src/lib/file-decoding'

const TEXT = 'text,label\n你好 world,a\n'

describe('decodeFileBytes', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const plain = new TextEncoder().encode(TEXT)
    expect(decodeFileBytes(plain)).toEqual({ text: TEXT, encoding: 'utf-8' })
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain])
    expect(decodeFileBytes(bom)).toEqual({ text: TEXT, encoding: 'utf-8-bom' })
  })

  it('reads UTF-16 LE and BE by their BOM', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])
    expect(decodeFileBytes(new Uint8Array(le))).toEqual({ text: TEXT, encoding: 'utf-16le' })
    const swapped = Buffer.from(TEXT, 'utf16le').swap16()
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), swapped])
    expect(decodeFileBytes(new Uint8Array(be))).toEqual({ text: TEXT, encoding: 'utf-16be' })
  })

  it('reads an empty file', () => {
    expect(decodeFileBytes(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' })
  })
})

describe('datasetNameFromFile', () => {
  it('drops folders and the extension', () => {
    expect(datasetNameFromFile('posts.csv')).toBe('posts')
    expect(datasetNameFromFile('C:\\data\\weibo 2024.jsonl')).toBe('weibo 2024')
    expect(datasetNameFromFile('.csv')).toBe('Imported dataset')
  })
})
