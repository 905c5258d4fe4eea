import type { HandlersFor } from '../dispatcher'
import type { ConnectionService } from './connections.service'

export const connectionHandlers = (s: ConnectionService) =>
  ({
    'connections.list': () => s.list(),
    'connections.save': (p) => s.save(p),
    'connections.remove': (p) => s.remove(p.id),
    'connections.test': (p) => s.test(p.id),
    'connections.trustCertificate': (p) => s.trustCertificate(p.id, p.fingerprint256),
    'connections.listSchemas': (p) => s.listSchemas(p.id),
    'connections.listTables': (p) => s.listTables(p.id, p.schema),
    'connections.listColumns': (p) => s.listColumns(p.id, p.schema, p.table),
  }) satisfies HandlersFor<
    | 'connections.list'
    | 'connections.save'
    | 'connections.remove'
    | 'connections.test'
    | 'connections.trustCertificate'
    | 'connections.listSchemas'
    | 'connections.listTables'
    | 'connections.listColumns'
  >
