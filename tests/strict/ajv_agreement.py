#!/usr/bin/python3
"""The strict profile must agree with ajv 8 (draft 2020-12) on every golden body ajv
can judge. usage: ajv_agreement.py AJV_OUTPUT.jsonl OUR_VERDICTS.tsv"""
import json
import sys

ajv = {}
for line in open(sys.argv[1], encoding="utf-8"):
    answer = json.loads(line)
    ajv[answer["id"]] = answer
ours = dict(line.rstrip("\n").split("\t") for line in open(sys.argv[2], encoding="utf-8"))

judged = agreed = 0
disagreements = []
for case_id, verdict in ours.items():
    answer = ajv.get(case_id)
    if answer is None:
        disagreements.append(f"{case_id}: ajv gave no answer")
        continue
    if answer["valid"] is None:  # not JSON ajv can see: invalid JSON, duplicate keys, BOM, ...
        if verdict == "valid":
            disagreements.append(f"{case_id}: strict accepts a body ajv cannot even read ({answer.get('reason')})")
        continue
    judged += 1
    if (verdict == "valid") == answer["valid"]:
        agreed += 1
    else:
        disagreements.append(f"{case_id}: strict says {verdict}, ajv says {'valid' if answer['valid'] else 'invalid'}"
                             f" {json.dumps(answer.get('errors', [])[:3])}")

for d in disagreements[:50]:
    print(d)
print(f"strict vs ajv: {agreed} of {judged} judgeable bodies agree; {len(ours) - judged} left to table tests")
sys.exit(1 if disagreements else 0)
