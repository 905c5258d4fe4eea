export interface TextLine {
  /** The line without its `\n` / `\r\n`. */
  text: string
  /** 1-based line number. */
  line: number
}

/** Splits decoded text chunks into lines without holding more than one line at a time. */
export async function* readLines(chunks: AsyncIterable<string>): AsyncGenerator<TextLine> {
  let carry = ''
  let line = 0
  for await (const chunk of chunks) {
    carry += chunk
    let start = 0
    let end = carry.indexOf('\n', start)
    while (end !== -1) {
      yield { text: stripCr(carry.slice(start, end)), line: ++line }
      start = end + 1
      end = carry.indexOf('\n', start)
    }
    carry = carry.slice(start)
  }
  if (carry.length > 0) yield { text: stripCr(carry), line: ++line }
}

const stripCr = (text: string) => (text.endsWith('\r') ? text.slice(0, -1) : text)
