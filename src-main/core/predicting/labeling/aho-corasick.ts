/**
 * Aho-Corasick over UTF-16 code units: every keyword occurrence in one left-to-right pass, whatever
 * the number of keywords. The root has a dense table (most characters start nothing); other nodes a
 * small Map with small-integer keys.
 */
export class AhoCorasick {
  private readonly root = new Int32Array(65536)
  private readonly children: Map<number, number>[] = [new Map<number, number>()]
  private fail = new Int32Array(1)
  /** Keyword ids ending at each node, including those reached through failure links. */
  private outputs: (readonly number[] | undefined)[] = []

  constructor(keywords: readonly string[]) {
    const ends: number[][] = [[]]
    keywords.forEach((keyword, id) => {
      let node = 0
      for (let i = 0; i < keyword.length; i++) {
        const code = keyword.charCodeAt(i)
        let child = this.children[node]!.get(code)
        if (child === undefined) {
          child = this.children.length
          this.children.push(new Map<number, number>())
          this.children[node]!.set(code, child)
          ends.push([])
        }
        node = child
      }
      ends[node]!.push(id)
    })
    for (const [code, child] of this.children[0]!) this.root[code] = child
    this.link(ends)
  }

  private step(node: number, code: number): number {
    for (;;) {
      if (node === 0) return this.root[code]!
      const target = this.children[node]!.get(code)
      if (target !== undefined) return target
      node = this.fail[node]!
    }
  }

  private link(ends: number[][]): void {
    this.fail = new Int32Array(this.children.length)
    const queue: number[] = [...this.children[0]!.values()]
    for (let head = 0; head < queue.length; head++) {
      const node = queue[head]!
      for (const [code, child] of this.children[node]!) {
        this.fail[child] = this.step(this.fail[node]!, code)
        queue.push(child)
      }
    }
    // Breadth-first order: a node's failure target is final before the node itself.
    this.outputs = new Array<readonly number[] | undefined>(this.children.length)
    for (const node of queue) {
      const own = ends[node]!
      const inherited = this.outputs[this.fail[node]!]
      this.outputs[node] = own.length || inherited ? [...own, ...(inherited ?? [])] : undefined
    }
  }

  /** Appends the keyword id of every occurrence in `text` to `found`. */
  scan(text: string, found: number[]): void {
    let node = 0
    for (let i = 0; i < text.length; i++) {
      node = this.step(node, text.charCodeAt(i))
      const out = this.outputs[node]
      if (out !== undefined) for (let k = 0; k < out.length; k++) found.push(out[k]!)
    }
  }
}
