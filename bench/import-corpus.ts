/**
 * A generated CSV of social-media posts for import benchmarks: 50–400 characters each, half
 * Traditional Chinese and half English, two thirds labelled, with author and source id columns.
 * Deterministic (seeded), written as a stream so a million rows never sit in memory.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'

const ZH =
  '今天的珍奶太甜了週末去九份看夕陽帶小孩去公園期中考好難我老公又加班捷運又誤點了台北下雨好冷想吃火鍋'
const EN = [
  'the',
  'bubble',
  'tea',
  'was',
  'too',
  'sweet',
  'my',
  'kids',
  'love',
  'park',
  'finals',
  'week',
  'again',
  'wife',
  'cooked',
  'rainy',
  'day',
  'train',
  'late',
  'coffee',
  'work',
  'weekend',
]
const LABELS = ['male', 'female', 'parent', 'student']

function random(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** One post of 50–400 characters; row `i` is unique (it ends with its number). */
export function post(i: number, next: () => number): string {
  const length = 50 + Math.floor(next() * 351)
  const tail = ` #${i}`
  let text = ''
  if (i % 2 === 0) {
    while (text.length < length - tail.length) text += ZH[Math.floor(next() * ZH.length)] ?? '的'
  } else {
    while (text.length < length - tail.length)
      text += (EN[Math.floor(next() * EN.length)] ?? 'a') + ' '
  }
  return text.slice(0, length - tail.length) + tail
}

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`

/** Writes `rows` posts as CSV (text,label,author,source_id). */
export async function writeImportCsv(path: string, rows: number, seed = 7): Promise<number> {
  const next = random(seed)
  const out = createWriteStream(path)
  out.write('text,label,author,source_id\n')
  let bytes = 0
  let buffer = ''
  for (let i = 0; i < rows; i++) {
    const label = i % 3 === 0 ? '' : (LABELS[i % 4] ?? 'male') + (i % 10 === 1 ? '#parent' : '')
    buffer += `${quote(post(i, next))},${label},user${i % 5000},P${i}\n`
    if (buffer.length > 1 << 20 || i === rows - 1) {
      bytes += Buffer.byteLength(buffer)
      if (!out.write(buffer)) await once(out, 'drain')
      buffer = ''
    }
  }
  out.end()
  await once(out, 'finish')
  return bytes
}
