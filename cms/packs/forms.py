"""Admin forms for installed packs."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from cms.packs.translation_files import MAX_PO_BYTES


class TranslationsUploadForm(forms.Form):
    po_file = forms.FileField(
        label=_("PO file"),
        help_text=_("The file downloaded for this language, with the translations filled in (UTF-8)."),
    )

    def clean_po_file(self) -> str:
        """The file's text; its name is kept in ``file_name`` for error messages."""
        upload = self.cleaned_data["po_file"]
        if upload.size > MAX_PO_BYTES:
            raise ValidationError(_("The file is larger than %(limit)d bytes."), params={"limit": MAX_PO_BYTES})
        self.file_name = upload.name
        try:
            return upload.read().decode("utf-8")
        except UnicodeDecodeError as error:
            raise ValidationError(
                _("The file is not UTF-8 text (byte %(byte)d)."), params={"byte": error.start}
            ) from None
