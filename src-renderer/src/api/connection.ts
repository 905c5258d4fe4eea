/** The live-events link as the header shows it. IPC is always 'live'. */
export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'unauthorized'

/** Transports whose event stream can drop (the HTTP bridge) report it through this. */
export interface ConnectionSource {
  onStatus(listener: (status: ConnectionStatus) => void): () => void
}
