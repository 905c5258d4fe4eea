import { ComingSoon } from '../../components/ComingSoon'

export function ConnectionsScreen() {
  return (
    <ComingSoon
      title="Connections"
      description="Save MariaDB and MySQL connection profiles, test them, and browse their schemas, tables and columns."
    />
  )
}
