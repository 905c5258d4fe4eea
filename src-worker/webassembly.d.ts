/**
 * The part of the WebAssembly JS API the workers use (Node has all of it; TypeScript declares it
 * only in the DOM libraries, which these Node-side files do not load).
 */
declare global {
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array)
    }
    class Instance {
      constructor(module: Module, imports: Record<string, Record<string, unknown>>)
      readonly exports: Record<string, unknown>
    }
    class Memory {
      constructor(descriptor: { initial: number; maximum?: number; shared?: boolean })
      readonly buffer: ArrayBuffer
      grow(pages: number): number
    }
  }
}

export {}
