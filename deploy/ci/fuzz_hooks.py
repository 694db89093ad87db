"""Schemathesis hooks for deploy/ci/fuzz-openapi.sh (loaded through SCHEMATHESIS_HOOKS).

Intake's bulk upload takes application/x-ndjson, which schemathesis has no serializer for: the
text generated for it is sent as is, like text/plain.
"""
import schemathesis

schemathesis.serializer.alias("application/x-ndjson", "text/plain")
