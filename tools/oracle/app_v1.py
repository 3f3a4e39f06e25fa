"""The request side of PUT /api/ml/v1/artifact-versions as a FastAPI 0.92 + Pydantic 1.10 app.

Written from schema/apply-artifact-version.openapi.md (the endpoint's published OpenAPI
document): one Pydantic model per component schema, fields in the document's order,
`required` -> `...`, `minimum` -> `ge`, `pattern` -> `regex`, `maxLength` -> `max_length`,
single-value `enum` -> `Literal`, `oneOf` + `discriminator` -> a discriminated `Union`.
Fields the document leaves optional without a default are `Optional[...] = None`, as the
server's own models declare them (FastAPI 0.92 omits `null` from the generated schema).
The golden answers of `pydantic-v1` are this app's (tools/goldens/).
"""
from typing import Any, Dict, List, Optional, Union

from fastapi import FastAPI
from pydantic import BaseModel, Field
from typing_extensions import Literal

URI_PATTERN = r"^(s3|gs|wasbs)://.*"


class ArtifactPath(BaseModel):  # #/components/schemas/ArtifactPath
    src: str = Field(...)
    dest: Optional[str] = Field(None)


class TrueFoundryManagedSource(BaseModel):  # #/components/schemas/TrueFoundryManagedSource
    type: Literal["truefoundry"] = Field(...)
    uri: Optional[str] = Field(None, regex=URI_PATTERN)


class ExternalBlobStorageSource(BaseModel):  # #/components/schemas/ExternalBlobStorageSource
    type: Literal["external"] = Field(...)
    uri: str = Field(..., regex=URI_PATTERN)


class LocalArtifactSource(BaseModel):  # #/components/schemas/LocalArtifactSource
    type: Literal["local"] = Field(...)
    paths: List[ArtifactPath] = Field(...)


class ArtifactManifest(BaseModel):  # #/components/schemas/ArtifactManifest
    name: str = Field(..., max_length=256, regex=r"^[A-Za-z0-9_\-]+$")
    metadata: Dict[str, Any] = Field(...)
    ml_repo: str = Field(..., regex=r"^[a-zA-Z][a-zA-Z0-9\-]{1,98}[a-zA-Z0-9]$")
    version: Optional[int] = Field(None, ge=1)
    type: Literal["artifact-version"] = "artifact-version"
    description: Optional[str] = Field(None, max_length=512)
    version_alias: Optional[str] = Field(None, max_length=128, regex=r"^v[a-zA-Z0-9.-]*([a-zA-Z0-9]+)$")
    source: Union[TrueFoundryManagedSource, ExternalBlobStorageSource, LocalArtifactSource] = Field(
        ..., discriminator="type")
    step: int = Field(0, ge=0)
    run_id: Optional[str] = Field(None)


class ApplyArtifactRequest(BaseModel):  # #/components/schemas/ApplyArtifactRequest
    manifest: ArtifactManifest = Field(...)


app = FastAPI()


@app.put("/api/ml/v1/artifact-versions")
def apply_artifact_version(req: ApplyArtifactRequest):
    return {"ok": True}
