/** The file cannot be read in the chosen format at all (as opposed to a bad row, which is a problem). */
export class FormatError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message)
    this.name = 'FormatError'
  }
}
