#!/usr/bin/python3
"""Reference classification reports from scikit-learn for the unit tests of src-worker/ml/metrics.

Usage (Debian: apt-get install -y python3-sklearn):
  /usr/bin/python3 scripts/sklearn-report-fixtures.py

Reads test/fixtures/ml/report-cases.json ({case: {"gold": [[labels]], "pred": [[labels]],
"train"?: [[labels]]}}) and writes test/fixtures/ml/sklearn-report-<case>.json. A case whose every
row holds exactly one gold and one predicted label is scored as multiclass, otherwise as
multi-label (indicator matrix). All scores use zero_division=0.

The baseline is scikit-learn's DummyClassifier fitted on "train" (or, without it, on the gold
labels themselves): strategy "most_frequent" for multiclass; for multi-label the constant 1 for
every label seen there (the best constant predictor per label for F1).

The multi-label confusion matrix with its "(none)" row and column has no scikit-learn counterpart;
it is computed here, independently of the TypeScript code, from the definition in
src-worker/ml/metrics/confusion.ts.
"""
import json
import os

import numpy as np
import sklearn
from sklearn.dummy import DummyClassifier
from sklearn.metrics import (
    accuracy_score,
    confusion_matrix,
    f1_score,
    hamming_loss,
    multilabel_confusion_matrix,
    precision_recall_fscore_support,
)
from sklearn.preprocessing import MultiLabelBinarizer

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "test", "fixtures", "ml")
NONE = "(none)"


def scores(p, r, f, s):
    return {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}


def none_confusion(gold, pred, labels):
    """matrix[gold][pred] over labels + (none): hits on the diagonal, each missed gold label
    against each spurious predicted one, else against (none)."""
    axis = labels + [NONE]
    matrix = [[0] * len(axis) for _ in axis]
    for g_row, p_row in zip(gold, pred):
        g, p = set(g_row), set(p_row)
        pairs = [(label, label) for label in g & p]
        missed, spurious = sorted(g - p), sorted(p - g)
        if missed and spurious:
            pairs += [(m, s) for m in missed for s in spurious]
        else:
            pairs += [(m, NONE) for m in missed] + [(NONE, s) for s in spurious]
        if not g and not p:
            pairs.append((NONE, NONE))
        for a, b in pairs:
            matrix[axis.index(a)][axis.index(b)] += 1
    return {"labels": axis, "matrix": matrix}


def baseline(gold, train, multilabel):
    source = "training" if train is not None else "evaluated"
    train = gold if train is None else train
    features = np.zeros((len(train), 1))
    if multilabel:
        seen = sorted({label for row in train for label in row})
        if not seen:
            return {"source": source, "labels": [], "macroF1": 0.0}
        y_train = MultiLabelBinarizer(classes=seen).fit_transform(train)
        dummy = DummyClassifier(strategy="constant", constant=np.ones(len(seen), dtype=int))
        dummy.fit(features, y_train)
        rows = dummy.predict(np.zeros((len(gold), 1)))
        pred = [[seen[j] for j in range(len(seen)) if row[j]] for row in rows]
        labels = sorted({label for row in gold + pred for label in row})
        binarizer = MultiLabelBinarizer(classes=labels)
        f1 = f1_score(
            binarizer.fit_transform(gold), binarizer.transform(pred), average="macro", zero_division=0
        )
        return {"source": source, "labels": seen, "macroF1": float(f1)}
    dummy = DummyClassifier(strategy="most_frequent").fit(features, [row[0] for row in train])
    pred = dummy.predict(np.zeros((len(gold), 1)))
    f1 = f1_score([row[0] for row in gold], pred, average="macro", zero_division=0)
    return {"source": source, "labels": [str(pred[0])], "macroF1": float(f1)}


def report(gold, pred, train=None):
    multilabel = any(len(row) != 1 for row in gold + pred)
    labels = sorted({label for row in gold + pred for label in row})
    if multilabel:
        binarizer = MultiLabelBinarizer(classes=labels)
        y_true, y_pred = binarizer.fit_transform(gold), binarizer.transform(pred)
    else:
        y_true, y_pred = [row[0] for row in gold], [row[0] for row in pred]
    kwargs = {"zero_division": 0} if multilabel else {"labels": labels, "zero_division": 0}
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, average=None, **kwargs)
    per_label = multilabel_confusion_matrix(y_true, y_pred, **({} if multilabel else {"labels": labels}))
    result = {
        "sklearnVersion": sklearn.__version__,
        "multiLabel": multilabel,
        "labels": labels,
        "perLabel": {label: scores(p[i], r[i], f[i], s[i]) for i, label in enumerate(labels)},
        "counts": {
            label: {
                "tp": int(m[1][1]),
                "fp": int(m[0][1]),
                "fn": int(m[1][0]),
                "tn": int(m[0][0]),
            }
            for label, m in zip(labels, per_label)
        },
        "accuracy": float(accuracy_score(y_true, y_pred)),
        "hammingLoss": float(hamming_loss(y_true, y_pred)),
        "baseline": baseline(gold, train, multilabel),
    }
    averages = ["micro", "macro", "weighted"] + (["samples"] if multilabel else [])
    for average in averages:
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average=average, **kwargs)
        result[average] = {"precision": float(p), "recall": float(r), "f1": float(f)}
    if multilabel:
        result["noneConfusion"] = none_confusion(gold, pred, labels)
    else:
        result["confusion"] = confusion_matrix(y_true, y_pred, labels=labels).tolist()
    return result


def main():
    with open(os.path.join(FIXTURES, "report-cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    for name, case in cases.items():
        path = os.path.join(FIXTURES, f"sklearn-report-{name}.json")
        with open(path, "w", encoding="utf-8") as out:
            json.dump(
                report(case["gold"], case["pred"], case.get("train")),
                out,
                ensure_ascii=False,
                indent=1,
            )
            out.write("\n")
        print(path)


if __name__ == "__main__":
    main()
