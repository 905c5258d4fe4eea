import { foldString } from './fold-table'

export type MatchType = 'partially' | 'start' | 'end' | 'exactly'

export interface AutomatonPattern {
  text: string
  match: MatchType
}

const MATCH_CODES: Record<MatchType, number> = { partially: 0, start: 1, end: 2, exactly: 3 }

/**
 * Aho-Corasick automaton over UTF-16 code units, stored as a double-array trie (base/check) with
 * failure and dictionary-suffix links in typed arrays: a scan step is a couple of array reads and
 * the whole automaton for thousands of keywords stays in cache. Characters are folded through a
 * per-code-unit table and mapped to a compact alphabet; characters in no pattern reset to the root.
 */
export class AhoCorasick {
  readonly charClass: Uint16Array
  private base: Int32Array
  private check: Int32Array
  private fail: Int32Array
  /**
   * Every pattern ending at a state, its own and those of its suffixes, flattened:
   * chain[chainStart[s] .. chainStart[s + 1]), so a match needs no walk along suffix links.
   */
  private chainStart: Int32Array
  private chain: Int32Array
  /** 1 where a state's chain holds a start/end/exactly pattern that needs a position check. */
  private anchored: Uint8Array
  /** The root's transitions as a dense row (0 = stay at the root). */
  private rootNext: Int32Array
  readonly patternLength: Int32Array
  readonly patternMatch: Uint8Array

  constructor(patterns: readonly AutomatonPattern[], fold: Uint16Array) {
    const folded = patterns.map((p) => foldString(p.text, fold))
    this.patternLength = Int32Array.from(folded, (text) => text.length)
    this.patternMatch = Uint8Array.from(patterns, (p) => MATCH_CODES[p.match])
    const { classes, charClass } = buildAlphabet(folded, fold)
    this.charClass = charClass
    const trie = buildTrie(folded, classes)
    const layout = placeDoubleArray(trie, classes.size)
    this.base = layout.base
    this.check = layout.check
    const links = buildLinks(trie, layout.position, this.base, this.check, layout.size)
    this.fail = links.fail
    const chains = flattenChains(links, layout.size)
    this.chainStart = chains.chainStart
    this.chain = chains.chain
    this.anchored = new Uint8Array(layout.size)
    for (let state = 0; state < layout.size; state++) {
      for (let k = this.chainStart[state]!; k < this.chainStart[state + 1]!; k++) {
        if (this.patternMatch[this.chain[k]!] !== 0) this.anchored[state] = 1
      }
    }
    this.rootNext = new Int32Array(classes.size + 1)
    for (let cls = 1; cls <= classes.size; cls++) {
      if (this.check[this.base[0]! + cls] === 0) this.rootNext[cls] = this.base[0]! + cls
    }
  }

  /**
   * Calls onMatch(pattern, end) for every occurrence ending at code unit `end` (exclusive) whose
   * match type fits the text with surrounding whitespace trimmed.
   */
  scan(text: string, onMatch: (pattern: number, end: number) => void): void {
    this.walk(text, (state, end, first, last) => {
      for (let k = this.chainStart[state]!; k < this.chainStart[state + 1]!; k++) {
        const pattern = this.chain[k]!
        if (this.fits(pattern, end, first, last)) onMatch(pattern, end)
      }
    })
  }

  /** Column per chain entry (see count), from a column per pattern. */
  chainColumns(columnOf: Int32Array): Int32Array {
    return this.chain.map((pattern) => columnOf[pattern]!)
  }

  /**
   * The bulk path: adds 1 to out[offset + chainColumn[k]] per occurrence, with no callback per
   * match and no per-pattern checks on states whose patterns all match anywhere (partially).
   */
  count(text: string, chainColumn: Int32Array, out: Int32Array, offset: number): void {
    const { charClass, base, check, fail, rootNext, chainStart, anchored } = this
    let first = 0
    let last = text.length
    while (first < last && text.charCodeAt(first) <= 32) first++
    while (last > first && text.charCodeAt(last - 1) <= 32) last--
    let state = 0
    for (let i = first; i < last; i++) {
      const cls = charClass[text.charCodeAt(i)]!
      if (cls === 0) {
        state = 0
        continue
      }
      while (state !== 0) {
        if (check[base[state]! + cls] === state) break
        state = fail[state]!
      }
      state = state === 0 ? rootNext[cls]! : base[state]! + cls
      const start = chainStart[state]!
      const end = chainStart[state + 1]!
      if (start === end) continue
      if (anchored[state] === 0) {
        for (let k = start; k < end; k++) out[offset + chainColumn[k]!]!++
      } else {
        for (let k = start; k < end; k++) {
          if (this.fits(this.chain[k]!, i + 1, first, last)) out[offset + chainColumn[k]!]!++
        }
      }
    }
  }

  private walk(
    text: string,
    visit: (state: number, end: number, first: number, last: number) => void,
  ) {
    const { charClass, base, check, fail, rootNext, chainStart } = this
    let first = 0
    let last = text.length
    while (first < last && text.charCodeAt(first) <= 32) first++
    while (last > first && text.charCodeAt(last - 1) <= 32) last--
    let state = 0
    for (let i = first; i < last; i++) {
      const cls = charClass[text.charCodeAt(i)]!
      if (cls === 0) {
        state = 0
        continue
      }
      while (state !== 0) {
        if (check[base[state]! + cls] === state) break
        state = fail[state]!
      }
      state = state === 0 ? rootNext[cls]! : base[state]! + cls
      if (chainStart[state] !== chainStart[state + 1]) visit(state, i + 1, first, last)
    }
  }

  private fits(pattern: number, end: number, first: number, last: number): boolean {
    const match = this.patternMatch[pattern]!
    if (match & 1 && end - this.patternLength[pattern]! !== first) return false
    return !(match & 2 && end !== last)
  }
}

function buildAlphabet(folded: readonly string[], fold: Uint16Array) {
  const classes = new Map<number, number>()
  for (const text of folded) {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i)
      if (!classes.has(code)) classes.set(code, classes.size + 1)
    }
  }
  const charClass = new Uint16Array(65536)
  if (classes.size >= 65535) throw new Error('Keywords use more than 65,534 distinct characters.')
  for (let code = 0; code < 65536; code++) charClass[code] = classes.get(fold[code]!) ?? 0
  return { classes, charClass }
}

interface TrieNode {
  children: Map<number, TrieNode>
  patterns: number[]
  id: number
}

function buildTrie(folded: readonly string[], classes: Map<number, number>): TrieNode[] {
  const nodes: TrieNode[] = [{ children: new Map(), patterns: [], id: 0 }]
  folded.forEach((text, pattern) => {
    if (text.length === 0) return
    let node = nodes[0]!
    for (let i = 0; i < text.length; i++) {
      const cls = classes.get(text.charCodeAt(i))!
      let child = node.children.get(cls)
      if (!child) {
        child = { children: new Map(), patterns: [], id: nodes.length }
        nodes.push(child)
        node.children.set(cls, child)
      }
      node = child
    }
    node.patterns.push(pattern)
  })
  return nodes
}

/** Places trie nodes in breadth-first order into base/check arrays (first fit). */
function placeDoubleArray(nodes: TrieNode[], alphabet: number) {
  let capacity = Math.max(1024, nodes.length * 2 + alphabet + 1)
  let base = new Int32Array(capacity)
  let check = new Int32Array(capacity).fill(-1)
  const position = new Int32Array(nodes.length)
  check[0] = 0
  let size = 1
  let firstFree = 1
  const ensure = (n: number) => {
    while (n >= capacity) {
      capacity *= 2
      const b = new Int32Array(capacity)
      b.set(base)
      const c = new Int32Array(capacity).fill(-1)
      c.set(check)
      base = b
      check = c
    }
  }
  const queue: TrieNode[] = [nodes[0]!]
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!
    const at = position[node.id]!
    const keys = [...node.children.keys()].sort((a, b) => a - b)
    if (keys.length === 0) continue
    while (firstFree < capacity && check[firstFree] !== -1) firstFree++
    let b = Math.max(1, firstFree - keys[0]!)
    for (;;) {
      ensure(b + keys[keys.length - 1]!)
      if (keys.every((k) => check[b + k] === -1)) break
      b++
    }
    base[at] = b
    for (const k of keys) {
      const child = node.children.get(k)!
      check[b + k] = at
      position[child.id] = b + k
      size = Math.max(size, b + k + 1)
      queue.push(child)
    }
  }
  ensure(size + alphabet + 1)
  return { base, check, position, size: capacity }
}

function buildLinks(
  nodes: TrieNode[],
  position: Int32Array,
  base: Int32Array,
  check: Int32Array,
  size: number,
) {
  const fail = new Int32Array(size)
  const report = new Int32Array(size).fill(-1)
  const counts = new Int32Array(size + 1)
  for (const node of nodes) counts[position[node.id]! + 1] = node.patterns.length
  for (let s = 0; s < size; s++) counts[s + 1]! += counts[s]!
  const outputs = new Int32Array(counts[size]!)
  for (const node of nodes) outputs.set(node.patterns, counts[position[node.id]!])
  const queue: TrieNode[] = [nodes[0]!]
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!
    const at = position[node.id]!
    for (const [cls, child] of node.children) {
      const to = position[child.id]!
      let f = fail[at]!
      let target = 0
      if (at !== 0) {
        for (;;) {
          const next = base[f]! + cls
          if (check[next] === f) {
            target = next
            break
          }
          if (f === 0) break
          f = fail[f]!
        }
      }
      fail[to] = target
      report[to] = child.patterns.length > 0 ? to : report[target]!
      queue.push(child)
    }
  }
  // The root's report stays -1; report[fail[x]] of a state whose failure is the root ends the chain.
  return { fail, report, outputStart: counts, outputs }
}

/** For each state, the patterns of its report chain (itself, then nearer to the root). */
function flattenChains(links: ReturnType<typeof buildLinks>, size: number) {
  const { fail, report, outputStart, outputs } = links
  const chainStart = new Int32Array(size + 1)
  const chain: number[] = []
  for (let state = 0; state < size; state++) {
    for (let at = report[state]!; at >= 0; at = report[fail[at]!]!) {
      for (let k = outputStart[at]!; k < outputStart[at + 1]!; k++) chain.push(outputs[k]!)
    }
    chainStart[state + 1] = chain.length
  }
  return { chainStart, chain: Int32Array.from(chain) }
}
