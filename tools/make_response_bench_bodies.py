#!/usr/bin/python3
"""Writes the response-schema benchmark bodies into bench/data/response/ from the request ones:
  response_small.json, response_large.json  a GetArtifactVersionResponse whose
                                            data.manifest is small.json's / large.json's
                                            manifest, byte for byte
  error_422.json                        the 422 answer (pydantic-v2) to invalid.json
usage: tools/make_response_bench_bodies.py TFSCHEMA_BINARY"""
import pathlib
import subprocess
import sys

root = pathlib.Path(__file__).resolve().parent.parent
data = root / "bench" / "data"
out = data / "response"
# Every member of ArtifactVersion but the manifest, which the request body brings.
PREFIX = ('{"data": {"id": "av-7f3a", "fqn": "artifact:acme/demo-repo/churn-model:3", "created_by_subject": '
          '{"subjectId": "u-42", "subjectType": "user", "subjectSlug": "ada", "subjectDisplayName": "Ada Lovelace", '
          '"subjectPatName": null, "subjectControllerName": null, "subjectExternalIdentitySlug": null}, '
          '"created_at": "2026-11-27T06:56:49.123Z", "updated_at": "2026-11-27T07:00:00+01:00", "ml_repo_id": "repo-1", '
          '"tags": ["prod", "churn"], "version_alias": "v1.0.0", "usage_code_snippet": "client.get(\'churn-model\')", '
          '"artifact_id": "art-9", ')


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for size in ("small", "large"):
        request = (data / f"{size}.json").read_text(encoding="utf-8").strip()
        assert request.startswith("{"), size
        (out / f"response_{size}.json").write_text(PREFIX + request[1:] + "}\n", encoding="utf-8")
    answer = subprocess.run([sys.argv[1], "validate", str(data / "invalid.json")], capture_output=True, check=False)
    assert answer.returncode == 1 and answer.stdout.startswith(b'{"detail":['), answer
    (out / "error_422.json").write_bytes(answer.stdout)


main()
