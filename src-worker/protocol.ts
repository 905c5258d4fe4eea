import type { MessagePort } from 'node:worker_threads'

/** What every worker task function receives: its input and a port for progress messages. */
export interface WorkerCall<I> {
  input: I
  port: MessagePort
}

export interface WorkerProgress {
  done: number
  total?: number
  message?: string
  data?: Record<string, unknown>
}

export function reportProgress(port: MessagePort, progress: WorkerProgress): void {
  port.postMessage(progress)
}
