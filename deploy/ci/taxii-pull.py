"""Pulls one TAXII 2.1 collection with the OASIS client, page by page, and validates every object.

    python deploy/ci/taxii-pull.py URL KEY COLLECTION_ID PER_PAGE [ADDED_AFTER]

URL is the discovery URL (http://127.0.0.1:8082/taxii2/), KEY a partner API key (sent as the HTTP
Basic password). Prints one JSON object: the pages' sizes, every object (id, type, version,
revoked, pattern), the validator's errors per object (stix2-validator, STIX 2.1, strict), and
the collection's manifest size. Used by the TAXII tests (Tests/PipelineTests/TAXIIClientTests).
"""
import json
import sys

from stix2validator import ValidationOptions, validate_instance
from taxii2client.v21 import Server, as_pages


def main():
    url, key, collection_id, per_page = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    filters = {"added_after": sys.argv[5]} if len(sys.argv) > 5 else {}
    server = Server(url, user="partner", password=key)
    root = server.default or server.api_roots[0]
    collection = next(c for c in root.collections if c.id == collection_id)
    options = ValidationOptions(strict=True, version="2.1")
    pages, objects, invalid = [], [], {}
    for envelope in as_pages(collection.get_objects, per_request=per_page, **filters):
        page = envelope.get("objects", [])
        pages.append(len(page))
        for obj in page:
            result = validate_instance(obj, options)
            if not result.is_valid:
                invalid[obj["id"]] = [str(e) for e in result.errors] + [str(w) for w in result.warnings]
            objects.append({
                "id": obj["id"], "type": obj["type"], "version": obj.get("modified"),
                "revoked": obj.get("revoked", False), "pattern": obj.get("pattern"),
            })
    manifest = sum(len(m.get("objects", [])) for m in as_pages(collection.get_manifest, per_request=per_page, **filters))
    print(json.dumps({
        "api_root": root.url, "title": collection.title, "pages": pages, "objects": objects,
        "invalid": invalid, "manifest": manifest,
    }))


if __name__ == "__main__":
    main()
