"""Renders lm-eval's prompts for a few CMMLU, C-Eval and TruthfulQA items, offline, to check parity's requests.

Usage: python3 scripts/render-lm-eval-prompts.py LM_EVAL_CHECKOUT DATA_DIR
  LM_EVAL_CHECKOUT: a checkout of EleutherAI/lm-evaluation-harness (read: 4e7e0d47), only its task YAMLs are read.
  DATA_DIR: a parity data folder (cmmlu/, ceval/, truthfulqa/ in the upstream layouts).
Needs only jinja2 and PyYAML. Prints one JSON line per item: the sha256 and length (code points) of what
lm-eval sends, as the *-dataset.test.ts files expect them. The template environment is configured as
lm_eval/utils.py `env` (StrictUndefined, keep_trailing_newline); few-shot assembly as lm_eval/api/task.py
`fewshot_context` for `--num_fewshot 5` with the first_n sampler: description + (text + " " + choice + "\\n\\n")
per exemplar + text. doc_to_choice templates are read with ast.literal_eval, as lm-eval does.
"""

import ast
import csv
import hashlib
import json
import os
import sys

import yaml
from jinja2 import BaseLoader, Environment, StrictUndefined

ENV = Environment(loader=BaseLoader, undefined=StrictUndefined, keep_trailing_newline=True)


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!function", lambda loader, node: None)


def load_task(folder, name):
    with open(os.path.join(folder, name), encoding="utf-8") as handle:
        config = yaml.load(handle, Loader=_Loader)
    if "include" in config:
        base = load_task(folder, config["include"])
        base.update({key: value for key, value in config.items() if key != "include"})
        config = base
    return config


def render(template, doc):
    return ENV.from_string(template).render(**doc)


def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def exam_context(config, shots, doc):
    choices = config["doc_to_choice"]
    text = config.get("description", "")
    for shot in shots:
        target = int(render(config["doc_to_target"], shot))
        text += render(config["doc_to_text"], shot) + " " + choices[target] + "\n\n"
    return text + render(config["doc_to_text"], doc)


def digest(task, item_id, text):
    data = text.encode("utf-8")
    print(json.dumps({"task": task, "id": item_id, "sha256": hashlib.sha256(data).hexdigest(), "length": len(text)}))


def main(lm_eval, data):
    tasks = os.path.join(lm_eval, "lm_eval", "tasks")
    for subject, row in [("agronomy", 0), ("college_mathematics", 3)]:
        config = load_task(os.path.join(tasks, "cmmlu"), f"cmmlu_{subject}.yaml")
        dev = csv_rows(os.path.join(data, "cmmlu", "data", "dev", f"{subject}.csv"))[:5]
        test = csv_rows(os.path.join(data, "cmmlu", "data", "test", f"{subject}.csv"))
        digest("cmmlu", f"{subject}/{row}", exam_context(config, dev, test[row]))
    for subject, row in [("computer_network", 0), ("advanced_mathematics", 2)]:
        config = load_task(os.path.join(tasks, "ceval"), f"ceval-valid_{subject}.yaml")
        dev = csv_rows(os.path.join(data, "ceval", "dev", f"{subject}_dev.csv"))[:5]
        val = csv_rows(os.path.join(data, "ceval", "val", f"{subject}_val.csv"))
        digest("ceval-valid", f"{subject}/{row}", exam_context(config, dev, val[row]))
    mc1 = load_task(os.path.join(tasks, "truthfulqa"), "truthfulqa_mc1.yaml")
    mc2 = load_task(os.path.join(tasks, "truthfulqa"), "truthfulqa_mc2.yaml")
    with open(os.path.join(data, "truthfulqa", "data", "v0", "mc_task.json"), encoding="utf-8") as handle:
        entries = json.load(handle)
    for index in [0, 1, 816]:
        entry = entries[index]
        doc = {
            "question": entry["question"],
            "mc1_targets": {"choices": list(entry["mc1_targets"]), "labels": list(entry["mc1_targets"].values())},
            "mc2_targets": {"choices": list(entry["mc2_targets"]), "labels": list(entry["mc2_targets"].values())},
        }
        for task, config in [("truthfulqa_mc1", mc1), ("truthfulqa_mc2", mc2)]:
            context = render(config["doc_to_text"], doc)
            choices = ast.literal_eval(render(config["doc_to_choice"], doc))
            pairs = [[context, " " + choice] for choice in choices]
            text = json.dumps(pairs, ensure_ascii=False, separators=(",", ":"))
            digest(task, str(index), text)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
