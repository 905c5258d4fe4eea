import type { Migration } from './migration'
import { m0001Tasks } from './0001-tasks'
import { m0002Datasets } from './0002-datasets'
import { m0003Predicting } from './0003-predicting'
import { m0004Modeling } from './0004-modeling'
import { m0005TaskOwner } from './0005-task-owner'
import { m0006ConnectionTls } from './0006-connection-tls'
import { m0007PendingImports } from './0007-pending-imports'
import { m0008UiState } from './0008-ui-state'
import { m0009ModelSuggestions } from './0009-model-suggestions'
import { m0010RetrainCurve } from './0010-retrain-curve'
import { m0011DocumentInsertTriggers } from './0011-document-insert-triggers'
import { m0012JournalBatches } from './0012-journal-batches'
import { m0013PartialDocumentIndexes } from './0013-partial-document-indexes'

/** Ordered: the position in this list is the schema version the migration brings the database to. */
export const migrations: readonly Migration[] = [
  m0001Tasks,
  m0002Datasets,
  m0003Predicting,
  m0004Modeling,
  m0005TaskOwner,
  m0006ConnectionTls,
  m0007PendingImports,
  m0008UiState,
  m0009ModelSuggestions,
  m0010RetrainCurve,
  m0011DocumentInsertTriggers,
  m0012JournalBatches,
  m0013PartialDocumentIndexes,
]
