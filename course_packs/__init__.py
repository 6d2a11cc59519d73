"""The course-pack format: schema, reader, validator and translation catalogue.

Nothing in this package imports Django, so a partner can validate a pack with
``python -m course_packs validate PATH`` on any machine with Python. The Django side (installing
a pack into a site) lives in ``cms.packs``.
"""

from course_packs.errors import PackError, PackInvalid
from course_packs.reader import read_pack

__all__ = ["PackError", "PackInvalid", "read_pack"]
