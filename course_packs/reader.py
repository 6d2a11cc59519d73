"""Reading a pack folder into typed documents, collecting every error on the way.

A zipped pack is read from the folder ``course_packs.archive.pack_folder`` unpacks it into::

    with pack_folder("pack.zip") as root:
        pack = read_pack(root)

Layout (see docs/course-packs.md)::

    pack.yaml                 manifest
    guide.yaml                the country guide (optional, at most one)
    guide/*.md                guide sections: YAML front matter + Markdown body
    courses/*.yaml            courses, each listing its lessons in order
    lessons/*.md              lessons: YAML front matter + Markdown body
    quizzes/*.yaml            quizzes, attached to lessons by key
    contacts.yaml             help and legal-aid contacts (optional)
    locale/<language>/*.po    translations, one folder per language
    media/*.png|jpg|webp      images shown by '::: image' blocks
    h5p/*.h5p                 H5P activities named by lessons' ``h5p`` field (checked by the validator)
"""

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ValidationError

from course_packs import schema
from course_packs.errors import PackError, PackInvalid
from course_packs.media import MediaFile, MediaProblem, read_image
from course_packs.translations import Catalogue, read_catalogue
from course_packs.yaml_source import YamlDocument, YamlProblem, load_yaml, split_front_matter

MAX_TEXT_FILE_BYTES = 1_000_000


@dataclass
class Document:
    """One item of a pack: its validated metadata and, for Markdown files, the body."""

    path: str
    meta: BaseModel
    body: str = ""
    body_first_line: int = 1

    @property
    def key(self) -> str:
        return self.meta.key


@dataclass
class Pack:
    root: Path
    manifest: schema.Manifest | None = None
    guide: Document | None = None
    sections: dict[str, Document] = field(default_factory=dict)
    courses: dict[str, Document] = field(default_factory=dict)
    lessons: dict[str, Document] = field(default_factory=dict)
    quizzes: dict[str, Document] = field(default_factory=dict)
    contacts: dict[str, Document] = field(default_factory=dict)
    catalogues: dict[str, Catalogue] = field(default_factory=dict)
    media: dict[str, MediaFile] = field(default_factory=dict)  # "media/hard-hat.png" -> the checked image
    h5p: dict[str, Path] = field(default_factory=dict)  # "h5p/quiz.h5p" -> the file, checked by the validator
    errors: list[PackError] = field(default_factory=list)
    warnings: list[PackError] = field(default_factory=list)

    def items(self):
        """Every keyed item, in a stable order."""
        if self.guide:
            yield self.guide
        for group in (self.sections, self.courses, self.lessons, self.quizzes, self.contacts):
            yield from group.values()

    @property
    def translation_languages(self) -> list[str]:
        return [code for code in self.manifest.languages if code != self.manifest.source_language]


def read_pack(path) -> Pack:
    """Read and validate the pack at ``path``; raise PackInvalid listing every error."""
    from course_packs.validator import validate

    pack = load_pack(path)
    if not pack.errors:
        validate(pack)
    if pack.errors:
        raise PackInvalid(pack.errors)
    return pack


def load_pack(path) -> Pack:
    root = Path(path)
    pack = Pack(root=root)
    if not root.is_dir():
        hint = "; open a zipped pack with course_packs.pack_folder" if root.suffix.lower() == ".zip" else ""
        pack.errors.append(PackError(str(root), f"not a pack folder{hint}"))
        return pack
    _PackReader(pack).read()
    return pack


class _PackReader:
    def __init__(self, pack: Pack):
        self.pack = pack
        self.root = pack.root
        self.keys: dict[str, str] = {}  # item key -> file that declared it first

    def error(self, file, message, field="", line=None):
        self.pack.errors.append(PackError(file, message, field, line))

    def read(self):
        manifest = self.read_yaml_file("pack.yaml", schema.Manifest)
        if manifest is None:
            return
        self.pack.manifest = manifest.meta
        if (self.root / "guide.yaml").exists():
            self.pack.guide = self.read_yaml_file("guide.yaml", schema.Guide, keyed=True)
        for path in self.files("guide", ".md"):
            self.add(self.pack.sections, self.read_markdown_file(path, schema.GuideSection))
        for path in self.files("courses", ".yaml"):
            self.add(self.pack.courses, self.read_yaml_file(path, schema.Course, keyed=True))
        for path in self.files("lessons", ".md"):
            self.add(self.pack.lessons, self.read_markdown_file(path, schema.Lesson))
        for path in self.files("quizzes", ".yaml"):
            self.add(self.pack.quizzes, self.read_yaml_file(path, schema.Quiz, keyed=True))
        if (self.root / "contacts.yaml").exists():
            self.read_contacts("contacts.yaml")
        self.read_catalogues()
        self.read_media()
        for relative in self.files("h5p", ".h5p"):
            path = self.regular_file(relative)
            if path is not None:
                self.pack.h5p[relative] = path

    def files(self, folder, suffix):
        """The files directly in ``folder`` (hidden ones skipped); with ``suffix``, only those it allows."""
        directory = self.root / folder
        if not directory.is_dir():
            return []
        found = []
        for path in sorted(directory.iterdir()):
            relative = f"{folder}/{path.name}"
            if path.name.startswith("."):
                continue
            if path.is_dir() and not path.is_symlink():
                self.error(relative, f"unexpected folder; {folder}/ holds files only")
                continue
            if suffix and path.suffix != suffix:
                self.error(relative, f"unexpected file; {folder}/ holds only {suffix} files")
                continue
            found.append(relative)
        return found

    def read_text(self, relative) -> str | None:
        path = self.regular_file(relative)
        if path is None:
            return None
        if path.stat().st_size > MAX_TEXT_FILE_BYTES:
            self.error(relative, f"file is larger than {MAX_TEXT_FILE_BYTES} bytes")
            return None
        data = path.read_bytes()
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            self.error(relative, f"not UTF-8 text (byte {error.start}); save the file as UTF-8", line=line)
            return None

    def regular_file(self, relative) -> Path | None:
        """The path of a pack file that exists and is not a symbolic link, or None after an error."""
        path = self.root / relative
        if path.is_symlink():
            self.error(relative, "symbolic links are not allowed in a pack")
            return None
        if not path.is_file():
            self.error(relative, "not a regular file" if path.exists() else "file is missing")
            return None
        return path

    def parse(self, relative, document: YamlDocument, model, keyed):
        try:
            meta = model.model_validate(document.data if document.data is not None else {})
        except ValidationError as invalid:
            for problem in invalid.errors():
                location = problem["loc"]
                self.error(
                    relative,
                    problem["msg"],
                    ".".join(str(step) for step in location),
                    document.line_of(location) or document.first_line,
                )
            return None
        if keyed:
            self.claim_key(meta.key, relative, document.line_of(("key",)))
        return meta

    def claim_key(self, key, relative, line):
        if key in self.keys:
            self.error(relative, f"duplicate key {key!r}, already used in {self.keys[key]}", "key", line)
        else:
            self.keys[key] = relative

    def read_yaml_file(self, relative, model, keyed=False) -> Document | None:
        parsed = self.read_yaml_model(relative, model, keyed)
        return Document(relative, parsed[1]) if parsed else None

    def read_yaml_model(self, relative, model, keyed=False) -> tuple[YamlDocument, BaseModel] | None:
        """The file's YAML (for line numbers) and its validated model, or None after recording errors."""
        text = self.read_text(relative)
        if text is None:
            return None
        try:
            document = load_yaml(text)
        except YamlProblem as problem:
            self.error(relative, problem.message, line=problem.line)
            return None
        meta = self.parse(relative, document, model, keyed)
        return (document, meta) if meta else None

    def read_markdown_file(self, relative, model) -> Document | None:
        text = self.read_text(relative)
        if text is None:
            return None
        try:
            front, front_line, body, body_line = split_front_matter(text)
            document = load_yaml(front, front_line)
        except YamlProblem as problem:
            self.error(relative, f"front matter: {problem.message}", line=problem.line)
            return None
        meta = self.parse(relative, document, model, keyed=True)
        return Document(relative, meta, body, body_line) if meta else None

    def read_contacts(self, relative):
        parsed = self.read_yaml_model(relative, schema.Contacts)
        if parsed is None:
            return
        source, contacts = parsed
        for index, contact in enumerate(contacts.contacts):
            self.claim_key(contact.key, relative, source.line_of(("contacts", index, "key")))
            self.pack.contacts[contact.key] = Document(relative, contact)

    def add(self, group, document):
        if document is not None:
            group.setdefault(document.key, document)

    def read_catalogues(self):
        locale = self.root / "locale"
        if not locale.is_dir():
            return
        manifest = self.pack.manifest
        for language_dir in sorted(locale.iterdir()):
            code = language_dir.name
            relative = f"locale/{code}"
            if not language_dir.is_dir():
                self.error(relative, "locale/ holds one folder per language")
                continue
            if code not in manifest.languages:
                self.error(relative, f"translations for {code!r}, which pack.yaml does not declare in languages")
                continue
            if code == manifest.source_language:
                self.error(relative, "translations into the source language are not allowed")
                continue
            catalogue = Catalogue(code)
            for path in sorted(language_dir.iterdir()):
                po_relative = f"{relative}/{path.name}"
                if path.suffix != ".po":
                    self.error(po_relative, "unexpected file; locale folders hold only .po files")
                    continue
                text = self.read_text(po_relative)
                if text is not None:
                    self.pack.errors.extend(read_catalogue(text, po_relative, catalogue))
            self.pack.catalogues[code] = catalogue

    def read_media(self):
        for relative in self.files("media", None):
            path = self.regular_file(relative)
            if path is None:
                continue
            try:
                self.pack.media[relative] = read_image(path)
            except MediaProblem as problem:
                self.error(relative, problem.message)
