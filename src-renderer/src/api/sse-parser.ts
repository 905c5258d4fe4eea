export interface SseMessage {
  event: string
  data: string
}

/**
 * An incremental Server-Sent Events parser: feed it decoded text as it arrives, in chunks of any size,
 * and it returns the complete messages. Comments (`: ping`) and unknown fields are ignored.
 */
export function createSseParser() {
  let buffer = ''
  let event = ''
  let data: string[] = []

  const takeLine = (line: string, out: SseMessage[]) => {
    if (line === '') {
      if (data.length > 0) out.push({ event: event || 'message', data: data.join('\n') })
      event = ''
      data = []
      return
    }
    if (line.startsWith(':')) return
    const colon = line.indexOf(':')
    const field = colon === -1 ? line : line.slice(0, colon)
    let value = colon === -1 ? '' : line.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'event') event = value
    else if (field === 'data') data.push(value)
  }

  return {
    push(text: string): SseMessage[] {
      buffer += text
      const out: SseMessage[] = []
      let match = /\r\n|\r|\n/.exec(buffer)
      while (match) {
        // A lone \r at the end of the buffer may be the first half of \r\n: wait for more text.
        if (match[0] === '\r' && match.index === buffer.length - 1) break
        takeLine(buffer.slice(0, match.index), out)
        buffer = buffer.slice(match.index + match[0].length)
        match = /\r\n|\r|\n/.exec(buffer)
      }
      return out
    },
  }
}

export type SseParser = ReturnType<typeof createSseParser>
