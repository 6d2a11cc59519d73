"""A pack's media files as Wagtail images, one collection per pack, each image stored once.

Images are found again by their content hash, so re-installing or upgrading a pack reuses the
images it already made, and a replaced picture (new bytes under the same name) becomes a new image.
"""

import hashlib

from django.core.files.base import ContentFile
from wagtail.images import get_image_model
from wagtail.models import Collection


class PackImages:
    def __init__(self, pack):
        self.pack = pack
        self.ids: dict[str, int] = {}
        self._collection = None

    def __call__(self, name: str) -> int:
        """The Wagtail image id of the pack media file ``name``, made on first use."""
        if name not in self.ids:
            self.ids[name] = self.find_or_create(name).pk
        return self.ids[name]

    def find_or_create(self, name):
        media = self.pack.media[name]
        data = media.path.read_bytes()
        file_hash = hashlib.sha1(data).hexdigest()  # what Wagtail itself stores in Image.file_hash
        image_model = get_image_model()
        existing = image_model.objects.filter(collection=self.collection, file_hash=file_hash).first()
        if existing:
            return existing
        image = image_model(
            title=f"{self.pack.manifest.id}: {name}",
            collection=self.collection,
            file_hash=file_hash,
            file_size=len(data),
        )
        image.file.save(media.path.name, ContentFile(data), save=False)
        # Measured from the header when the pack was read (saving the file resets them).
        image.width, image.height = media.width, media.height
        image.save()
        return image

    @property
    def collection(self):
        """The pack's own collection, so editors find (and permissions can target) its images."""
        if self._collection is None:
            name = f"Pack {self.pack.manifest.id}"
            root = Collection.get_first_root_node()
            self._collection = root.get_children().filter(name=name).first() or root.add_child(name=name)
        return self._collection
