export interface JsonElement {
  json: string
  /** Line where the element starts. */
  line: number
}

/**
 * Yields the top-level elements of a JSON array as text, one at a time, so a 1 GB export from
 * doccano or Label Studio never sits in memory whole. It only tracks strings and nesting;
 * each element is then checked by `JSON.parse`.
 */
export async function* readJsonArrayElements(
  chunks: AsyncIterable<string>,
): AsyncGenerator<JsonElement> {
  let depth = 0
  let inString = false
  let escaped = false
  let line = 1
  let element = ''
  let elementLine = 0
  let opened = false
  for await (const chunk of chunks) {
    for (const ch of chunk) {
      if (ch === '\n') line++
      if (!opened) {
        if (ch === '[') opened = true
        else if (!/\s/.test(ch)) throw new SyntaxError(`line ${line}: expected a JSON array`)
        continue
      }
      if (depth === 0 && !inString) {
        const separator = ch === ',' || ch === ']' || /\s/.test(ch)
        if (separator && element.length > 0) {
          // A bare number or literal ends here.
          yield { json: element, line: elementLine }
          element = ''
        }
        if (ch === ']') return
        if (separator) continue
        if (element.length === 0) elementLine = line
      }
      element += ch
      if (inString) {
        if (escaped) escaped = false
        else if (ch === '\\') escaped = true
        else if (ch === '"') inString = false
      } else if (ch === '"') inString = true
      else if (ch === '{' || ch === '[') depth++
      else if (ch === '}' || ch === ']') depth--
      if (depth === 0 && !inString && isComplete(element)) {
        yield { json: element, line: elementLine }
        element = ''
      }
    }
  }
  if (!opened) return
  throw new SyntaxError(`line ${line}: the JSON array is not closed`)
}

/** Containers and strings end on their closing character; bare numbers/literals end at `,` or `]`. */
function isComplete(element: string): boolean {
  const first = element[0]
  return first === '{' || first === '[' || first === '"'
}
