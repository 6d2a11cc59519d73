"""The StreamField vocabulary owned by the core; plugins bring content, never new blocks."""

from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link"]


class KeyBlock(blocks.RegexBlock):
    """A pack's stable key. A RegexBlock, so wagtail-localize does not offer it for translation."""

    def __init__(self, **kwargs):
        super().__init__(regex=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80, **kwargs)


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(help_text="What the image shows, for people who cannot see it.")
    caption = blocks.CharBlock(required=False)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class CalloutBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(choices=[("warning", "Warning"), ("tip", "Tip")], default="tip")
    text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "blocks/callout.html"


class KeyFactBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=120)
    value = blocks.CharBlock(max_length=255)


class KeyFactsBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(KeyFactBlock(), **kwargs)

    class Meta:
        icon = "list-ul"
        template = "blocks/key_facts.html"


class SourceBlock(blocks.StructBlock):
    title = blocks.CharBlock(max_length=255)
    url = blocks.URLBlock()

    class Meta:
        icon = "link"


def content_blocks():
    """The blocks of every guide section and lesson body."""
    return [
        ("rich_text", blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/rich_text.html")),
        ("image", ImageBlock()),
        ("callout", CalloutBlock()),
        ("key_facts", KeyFactsBlock()),
    ]
