import { WorkerError } from '../../worker-error'

export type ParamValue = string | number | boolean
export type RawParams = Readonly<Record<string, ParamValue>>

/**
 * A model parameter the caller got wrong (unknown name, bad value): a validation error the user
 * fixes, not a failure of the engine.
 */
export class ParamError extends WorkerError {
  override readonly name = 'ParamError'

  constructor(message: string) {
    super('VALIDATION', message)
  }
}

/** Reads model parameters given as numbers or as CLI strings, rejecting unknown names. */
export class ParamReader {
  private readonly used = new Set<string>()

  constructor(
    private readonly raw: RawParams,
    private readonly kind: string,
  ) {}

  number(name: string, fallback: number, check: (v: number) => boolean = () => true): number {
    this.used.add(name)
    const value = this.raw[name]
    if (value === undefined) return fallback
    const parsed = typeof value === 'number' ? value : Number(value)
    if (typeof value === 'boolean' || !Number.isFinite(parsed) || !check(parsed)) {
      throw new ParamError(`Parameter ${name}=${String(value)} is not valid for ${this.kind}.`)
    }
    return parsed
  }

  boolean(name: string, fallback: boolean): boolean {
    this.used.add(name)
    const value = this.raw[name]
    if (value === undefined) return fallback
    if (value === true || value === 'true' || value === '1') return true
    if (value === false || value === 'false' || value === '0') return false
    throw new ParamError(`Parameter ${name}=${String(value)} must be true or false.`)
  }

  choice<T extends string>(name: string, options: readonly T[], fallback: T): T {
    this.used.add(name)
    const value = this.raw[name]
    if (value === undefined) return fallback
    const found = options.find((option) => option === value)
    if (!found) throw new ParamError(`Parameter ${name} must be one of ${options.join(', ')}.`)
    return found
  }

  /** Call after reading every parameter: a misspelt name is an error, not a silent default. */
  finish(): void {
    const unknown = Object.keys(this.raw).filter((name) => !this.used.has(name))
    if (unknown.length > 0) {
      const known = [...this.used].join(', ')
      throw new ParamError(
        `Unknown parameter ${unknown.join(', ')} for ${this.kind}; known: ${known}.`,
      )
    }
  }
}
