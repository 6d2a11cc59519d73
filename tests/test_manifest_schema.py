"""The JSON Schema of pack.yaml in docs/ is the one the code generates, and it judges manifests like the code."""

import jsonschema
import pytest
import yaml

from course_packs.manifest_schema import SCHEMA_FILE, manifest_json_schema, schema_text
from tests.conftest import EXAMPLE_PACK


def test_schema_in_docs_matches_the_code():
    assert SCHEMA_FILE.read_text() == schema_text(), "run: .venv/bin/python -m course_packs.manifest_schema"


def test_example_manifest_is_valid_against_the_schema():
    manifest = yaml.safe_load((EXAMPLE_PACK / "pack.yaml").read_text())
    jsonschema.validate(manifest, manifest_json_schema())


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        ({"version": "1.0"}, "does not match"),
        ({"languages": ["en", "fr"]}, "is not one of"),
        ({"publisher": "Not A Key"}, "does not match"),
        ({"colour": "blue"}, "Additional properties are not allowed"),
    ],
)
def test_schema_refuses_what_the_reader_refuses(change, complaint):
    manifest = yaml.safe_load((EXAMPLE_PACK / "pack.yaml").read_text()) | change
    with pytest.raises(jsonschema.ValidationError, match=complaint):
        jsonschema.validate(manifest, manifest_json_schema())
