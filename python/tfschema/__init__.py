"""Validate TrueFoundry artifact-version request bodies as the FastAPI server does.

tfschema answers, for a body of ``PUT /api/ml/v1/artifact-versions``, exactly what
the real FastAPI server answers: the same verdict and, for a bad body, the same
422 response, byte for byte, in the profile of your server's stack::

    import tfschema

    validator = tfschema.Validator(profile="pydantic-v2")  # or "pydantic-v1", "strict"
    result = validator.validate(b'{"manifest": {"name": "x"}}')
    result.status_code   # 422
    result.body          # b'{"detail":[{"type":"missing",...}]}', the server's bytes
    result.detail        # json.loads(result.body)["detail"]
    for error in result.errors:
        print(error)     # 1:14: body.manifest.metadata: Field required [missing]
    validator.is_valid(b"{}")  # False: the fast yes/no

Bodies are ``bytes``, ``bytearray``, ``memoryview`` or ``str``; bad bodies are
data (a Result), never exceptions. Validation runs without the GIL, and one
Validator may be shared by threads.

In front of a FastAPI/Starlette app, ``tfschema.asgi.PrecheckMiddleware`` answers
the 422 itself for bodies the profile rejects and passes everything else on.
"""
from tfschema._tfschema import (
    PADDING,
    PROFILES,
    SCHEMAS,
    Error,
    Result,
    Validator,
    __version__,
    server_max_depth,
    server_parses_as_json,
)

__all__ = [
    "PADDING",
    "PROFILES",
    "SCHEMAS",
    "Error",
    "Result",
    "Validator",
    "__version__",
    "server_max_depth",
    "server_parses_as_json",
]

# The classes live in the extension module; they are used (and read) as tfschema.X.
for _cls in (Error, Result, Validator):
    _cls.__module__ = __name__
del _cls
