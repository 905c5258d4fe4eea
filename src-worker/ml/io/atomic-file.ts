import { createWriteStream, type WriteStream } from 'node:fs'
import { rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { once } from 'node:events'

function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`)
}

/** Writes next to the target, then renames: readers never see half a file. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path)
  try {
    await writeFile(temp, content)
    await rename(temp, path)
  } catch (error) {
    await rm(temp, { force: true })
    throw error
  }
}

/** A streamed output file that appears under its name only after commit(). */
export class AtomicWriter {
  private readonly temp: string
  private readonly stream: WriteStream

  constructor(readonly path: string) {
    this.temp = tempPathFor(path)
    this.stream = createWriteStream(this.temp, { encoding: 'utf8' })
  }

  /** Resolves when the stream can take more (backpressure). */
  async write(text: string | Uint8Array): Promise<void> {
    if (!this.stream.write(text)) await once(this.stream, 'drain')
  }

  async commit(): Promise<void> {
    this.stream.end()
    await once(this.stream, 'finish')
    await rename(this.temp, this.path)
  }

  async abort(): Promise<void> {
    this.stream.destroy()
    await rm(this.temp, { force: true })
  }
}

/** Runs fn with a writer, committing on success and removing the temporary file on failure. */
export async function withAtomicWriter<T>(
  path: string,
  fn: (writer: AtomicWriter) => Promise<T>,
): Promise<T> {
  const writer = new AtomicWriter(path)
  try {
    const result = await fn(writer)
    await writer.commit()
    return result
  } catch (error) {
    await writer.abort()
    throw error
  }
}
