"""The JSON Schema of pack.yaml, generated from the pydantic model so the two cannot disagree.

``docs/pack-manifest.schema.json`` is this schema, kept in the repository for partners' editors
and tools; ``python -m course_packs.manifest_schema`` rewrites it, and a test fails if it drifts.
"""

import json
import sys
from pathlib import Path

from course_packs.schema import Manifest

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "docs" / "pack-manifest.schema.json"


def manifest_json_schema() -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **Manifest.model_json_schema(),
        "title": "Rahnuma course pack manifest (pack.yaml), format 1",
    }


def schema_text() -> str:
    return json.dumps(manifest_json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text())
    sys.stdout.write(f"wrote {SCHEMA_FILE}\n")
