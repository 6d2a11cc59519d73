import shutil
from pathlib import Path

import pytest

EXAMPLE_PACK = Path(__file__).resolve().parents[1] / "docs" / "examples" / "example-pack"


@pytest.fixture
def pack_copy(tmp_path):
    """A writable copy of the documented example pack, to break or extend in a test."""
    target = tmp_path / "pack"
    shutil.copytree(EXAMPLE_PACK, target)
    return target


@pytest.fixture
def three_language_pack(pack_copy):
    """The example pack also declaring Punjabi (Shahmukhi); its pages fall back to English text."""
    manifest = pack_copy / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("languages: [en, ur]", "languages: [en, ur, pnb]"))
    return pack_copy


@pytest.fixture
def site(db):
    from cms.core.site_structure import set_up_site

    return set_up_site("localhost", 80, default=True)
