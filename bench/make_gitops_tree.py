#!/usr/bin/env python3
"""Writes a GitOps repository of TrueFoundry manifests for `tfschema validate` timings.

usage: make_gitops_tree.py DIR [MANIFESTS]     (default 10,000)

DIR gets MANIFESTS artifact-version manifests in teams/<team>/<app>/*.yaml, as people
write them: block style, comments, a merge key and an alias, literal
descriptions, some files with several documents (an artifact version next to the
service that serves it, a workspace), about 1 in 20 manifests with a mistake (a bad
name, a missing uri, a float version, an unquoted date). Deterministic (seed 15).
"""
import os
import random
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
rng = random.Random(15)
teams = ["vision", "nlp", "speech", "ranking", "fraud", "search", "ads", "platform"]

MANIFEST = """\
# {app}: checkpoint {n} ({team} team)
type: artifact-version
name: {name}
ml_repo: {team}-models
version: {version}
description: |
  {app} weights after run {n}.
  Trained on the {team} dataset, see the run for metrics.
version_alias: v{major}.{minor}.0
metadata:
  <<: {{framework: pytorch, owner: {team}-platform}}
  epochs: &epochs {epochs}
  metrics: {{accuracy: {acc}, loss: {loss}}}
  tags: [{team}, prod]
source:
{source}step: *epochs
run_id: run-{n:06d}
"""
SERVICE = "---\ntype: service\nname: {app}-api\nimage: {{type: image, image_uri: registry/{app}:{n}}}\nports: [{{port: 8000}}]\n"
WORKSPACE = "---\ntype: workspace\nname: {team}-ws\ncluster_fqn: prod-cluster\n"


def source(rng, n, mistake):
    kind = rng.choice(["local", "external", "truefoundry"])
    if kind == "local":
        paths = "".join("    - src: /mnt/runs/%d/epoch-%03d.pt\n      dest: checkpoints/epoch-%03d.pt\n" % (n, e, e)
                        for e in range(rng.randint(1, 4)))
        return "  type: local\n  paths:\n" + paths
    if kind == "external":
        return "  type: external\n" + ("" if mistake == "uri" else "  uri: s3://models/%d/\n" % n)
    return "  type: truefoundry\n"


written = 0
files = 0
while written < count:
    team = rng.choice(teams)
    app = "%s-model-%d" % (team, rng.randint(1, 60))
    directory = os.path.join(out, "teams", team, app)
    os.makedirs(directory, exist_ok=True)
    n = written
    mistake = rng.choice(["name", "uri", "version", "date"]) if rng.random() < 0.05 else None
    text = MANIFEST.format(
        app=app, n=n, team=team, name=("%s %d" % (app, n)) if mistake == "name" else "%s-%d" % (app, n),
        version=(1.5 if mistake == "version" else rng.randint(1, 400)), major=rng.randint(0, 9),
        minor=rng.randint(0, 20), epochs=rng.randint(1, 90), acc=round(rng.random(), 3),
        loss=round(rng.random(), 3), source=source(rng, n, mistake))
    if mistake == "date":
        text = text.replace("  epochs:", "  trained: 2026-11-%02d\n  epochs:" % rng.randint(1, 28), 1)
    if rng.random() < 0.3:
        text += SERVICE.format(app=app, n=n)
    if rng.random() < 0.1:
        text += WORKSPACE.format(team=team)
    with open(os.path.join(directory, "checkpoint-%05d.yaml" % n), "w") as f:
        f.write(text)
    written += 1
    files += 1
print("%d manifests in %d files under %s" % (written, files, out), file=sys.stderr)
