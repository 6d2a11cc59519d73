"""The course-pack format: schema, reader, validator and translation catalogue.

Nothing in this package imports Django, so a partner can validate a pack with
``python -m course_packs validate PATH`` on any machine with Python. The Django side (installing
a pack into a site) lives in ``cms.packs``. A pack is a folder or a zip of one::

    with pack_folder(path) as root:  # unpacks a zip safely, removes it afterwards
        pack = read_pack(root)
"""

from course_packs.archive import pack_folder
from course_packs.errors import PackError, PackInvalid
from course_packs.reader import read_pack

__all__ = ["PackError", "PackInvalid", "pack_folder", "read_pack"]
