import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import {
  contentHash,
  normalizeText,
  NOT_PLAIN,
} from '../../../../src-main/core/datasets/content-hash'

/** The normalisation without its fast path: what every stored content hash was made from. */
const fullNormalize = (text: string) => text.normalize('NFC').replace(/\s+/g, ' ').trim()

/** Characters after the first in some character's canonical decomposition (any may compose). */
function composingSeconds(): Set<number> {
  const seconds = new Set<number>()
  for (let cp = 0; cp <= 0x10ffff; cp++) {
    if (cp >= 0xd800 && cp <= 0xdfff) continue
    const parts = [...String.fromCodePoint(cp).normalize('NFD')]
    for (const part of parts.slice(1)) seconds.add(part.codePointAt(0)!)
  }
  return seconds
}

/** Canonical ordering moves a character with a combining class past U+0345 (240) or U+0334 (1). */
const isStarter = (c: string) =>
  ('\u0345' + c).normalize('NFC') === '\u0345' + c &&
  (c + '\u0334').normalize('NFC') === c + '\u0334'

describe('content hash', () => {
  it('treats as plain only starters NFC keeps that never compose with the one before', () => {
    const seconds = composingSeconds()
    const wrong: string[] = []
    for (let unit = 0; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit)
      if (NOT_PLAIN.test(c)) continue
      const inert =
        c.normalize('NFC') === c &&
        !seconds.has(unit) &&
        isStarter(c) &&
        (c === ' ' || !/\s/.test(c))
      if (!inert) wrong.push(unit.toString(16))
    }
    expect(wrong).toEqual([])
  })

  it('keeps random runs of plain characters as they are', () => {
    const plain: string[] = []
    for (let unit = 0x20; unit <= 0xffff; unit++) {
      const c = String.fromCharCode(unit)
      if (!NOT_PLAIN.test(c) && c !== ' ') plain.push(c)
    }
    let seed = 7
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % plain.length
    for (let run = 0; run < 20_000; run++) {
      const text = Array.from({ length: 12 }, () => plain[next()]).join('')
      expect(text.normalize('NFC')).toBe(text)
    }
  })

  it('normalises exactly as without the fast path', () => {
    const texts = [
      'plain English post #12',
      '  leading and trailing  ',
      'two  spaces',
      'runs   of  spaces    here ',
      'tab\there',
      'line\nbreak',
      'no-break\u00a0space',
      '今天的珍奶太甜了 #4',
      '今天\u3000全形空白',
      'e\u0301 combining',
      'caf\u00e9',
      '\u1100\u1161\u11a8 jamo',
      '\uac00\u11a8 syllable and trailing jamo',
      '\uf900 compatibility ideograph',
      'emoji 😀 and 👍🏽',
      'ｆｕｌｌｗｉｄｔｈ　space',
      '\u212b angstrom',
      '',
      '   ',
    ]
    for (const text of texts) expect(normalizeText(text)).toBe(fullNormalize(text))
  })

  it('is the SHA-1 of the normalised text, as stored hashes are', () => {
    const sha1 = (text: string) => createHash('sha1').update(text, 'utf8').digest('hex')
    expect(contentHash('  Hello   world ')).toBe(sha1('Hello world'))
    expect(contentHash('e\u0301')).toBe(sha1('\u00e9'))
    expect(contentHash('今天的珍奶太甜了')).toBe(sha1('今天的珍奶太甜了'))
  })
})
