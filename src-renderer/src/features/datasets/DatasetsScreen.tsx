import { ComingSoon } from '../../components/ComingSoon'

export function DatasetsScreen() {
  return (
    <ComingSoon
      title="Datasets"
      description="Create datasets, import and export documents in the formats labelers already use (CSV, JSONL, doccano, Label Studio), and see their label counts."
    />
  )
}
