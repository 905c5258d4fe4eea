import type { Migration } from './migration'

/**
 * The learning curve of "keep the model fresh": one row per background retrain of a dataset's
 * model, with how many labelled documents it learned from and its score (the cross-validated
 * macro-F1, or the test split's when there is one: `metric` says which), so Annotate can draw how
 * the model improves as labels are added. Rows go with their dataset.
 */
export const m0010RetrainCurve: Migration = {
  name: '0010-retrain-curve',
  up: (db) => {
    db.exec(`
      CREATE TABLE retrain_points (
        model_version TEXT PRIMARY KEY,
        dataset_id    TEXT NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
        labels        INTEGER NOT NULL,
        macro_f1      REAL,
        metric        TEXT NOT NULL CHECK (metric IN ('cv', 'holdout')),
        created_at    INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX retrain_points_dataset ON retrain_points (dataset_id, created_at);
    `)
  },
}
