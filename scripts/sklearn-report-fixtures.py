#!/usr/bin/python3
"""Reference classification reports from scikit-learn for the unit tests of src-worker/ml/metrics.

Usage (Debian: apt-get install -y python3-sklearn):
  /usr/bin/python3 scripts/sklearn-report-fixtures.py

Reads test/fixtures/ml/report-cases.json ({case: {"gold": [[labels]], "pred": [[labels]]}}) and
writes test/fixtures/ml/sklearn-report-<case>.json. A case whose every row holds exactly one
gold and one predicted label is scored as multiclass, otherwise as multi-label (indicator matrix).
All scores use zero_division=0.
"""
import json
import os

import sklearn
from sklearn.metrics import accuracy_score, confusion_matrix, precision_recall_fscore_support
from sklearn.preprocessing import MultiLabelBinarizer

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "test", "fixtures", "ml")


def scores(p, r, f, s):
    return {"precision": float(p), "recall": float(r), "f1": float(f), "support": int(s)}


def report(gold, pred):
    multilabel = any(len(row) != 1 for row in gold + pred)
    labels = sorted({label for row in gold + pred for label in row})
    if multilabel:
        binarizer = MultiLabelBinarizer(classes=labels)
        y_true, y_pred = binarizer.fit_transform(gold), binarizer.transform(pred)
    else:
        y_true, y_pred = [row[0] for row in gold], [row[0] for row in pred]
    kwargs = {"zero_division": 0} if multilabel else {"labels": labels, "zero_division": 0}
    p, r, f, s = precision_recall_fscore_support(y_true, y_pred, average=None, **kwargs)
    result = {
        "sklearnVersion": sklearn.__version__,
        "multiLabel": multilabel,
        "labels": labels,
        "perLabel": {label: scores(p[i], r[i], f[i], s[i]) for i, label in enumerate(labels)},
        "accuracy": float(accuracy_score(y_true, y_pred)),
    }
    averages = ["micro", "macro", "weighted"] + (["samples"] if multilabel else [])
    for average in averages:
        p, r, f, _ = precision_recall_fscore_support(y_true, y_pred, average=average, **kwargs)
        result[average] = {"precision": float(p), "recall": float(r), "f1": float(f)}
    if not multilabel:
        result["confusion"] = confusion_matrix(y_true, y_pred, labels=labels).tolist()
    return result


def main():
    with open(os.path.join(FIXTURES, "report-cases.json"), encoding="utf-8") as f:
        cases = json.load(f)
    for name, case in cases.items():
        path = os.path.join(FIXTURES, f"sklearn-report-{name}.json")
        with open(path, "w", encoding="utf-8") as out:
            json.dump(report(case["gold"], case["pred"]), out, ensure_ascii=False, indent=1)
            out.write("\n")
        print(path)


if __name__ == "__main__":
    main()
