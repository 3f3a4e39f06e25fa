"""The request side of PUT /api/ml/v1/artifact-versions as a FastAPI 0.115 + Pydantic 2.10 app.

Written from schema/apply-artifact-version.openapi.md, model for model, as app_v1.py is
(see there for how each keyword maps), in Pydantic 2's spelling (`pattern=`).
The golden answers of `pydantic-v2` are this app's (tools/goldens/).
"""
from typing import Any, Dict, List, Literal, Optional, Union

from fastapi import FastAPI
from pydantic import BaseModel, Field

URI_PATTERN = r"^(s3|gs|wasbs)://.*"


class ArtifactPath(BaseModel):  # #/components/schemas/ArtifactPath
    src: str
    dest: Optional[str] = None


class TrueFoundryManagedSource(BaseModel):  # #/components/schemas/TrueFoundryManagedSource
    type: Literal["truefoundry"]
    uri: Optional[str] = Field(None, pattern=URI_PATTERN)


class ExternalBlobStorageSource(BaseModel):  # #/components/schemas/ExternalBlobStorageSource
    type: Literal["external"]
    uri: str = Field(..., pattern=URI_PATTERN)


class LocalArtifactSource(BaseModel):  # #/components/schemas/LocalArtifactSource
    type: Literal["local"]
    paths: List[ArtifactPath]


class ArtifactManifest(BaseModel):  # #/components/schemas/ArtifactManifest
    name: str = Field(..., max_length=256, pattern=r"^[A-Za-z0-9_\-]+$")
    metadata: Dict[str, Any]
    ml_repo: str = Field(..., pattern=r"^[a-zA-Z][a-zA-Z0-9\-]{1,98}[a-zA-Z0-9]$")
    version: Optional[int] = Field(None, ge=1)
    type: Literal["artifact-version"] = "artifact-version"
    description: Optional[str] = Field(None, max_length=512)
    version_alias: Optional[str] = Field(None, max_length=128, pattern=r"^v[a-zA-Z0-9.-]*([a-zA-Z0-9]+)$")
    source: Union[TrueFoundryManagedSource, ExternalBlobStorageSource, LocalArtifactSource] = Field(
        ..., discriminator="type")
    step: int = Field(0, ge=0)
    run_id: Optional[str] = None


class ApplyArtifactRequest(BaseModel):  # #/components/schemas/ApplyArtifactRequest
    manifest: ArtifactManifest


app = FastAPI()


@app.put("/api/ml/v1/artifact-versions")
def apply_artifact_version(req: ApplyArtifactRequest):
    return {"ok": True}
