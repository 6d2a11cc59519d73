"""Checking a partner's uploaded pack, and installing it once an MRC editor approves it."""

import logging
import shutil
import tempfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from cms.packs.importer import PackInstallError, install_pack
from cms.partners.permissions import grant_pack_pages
from course_packs import PackInvalid
from course_packs.archive import MAX_ARCHIVE_BYTES

logger = logging.getLogger(__name__)


@dataclass
class UploadCheck:
    pack_id: str
    version: str
    publisher: str
    report: str
    plan: str


def check_upload(uploaded_file, site, publisher: str | None) -> UploadCheck:
    """Validate an uploaded pack zip and plan its installation; raise ValidationError listing every problem.

    ``publisher`` is the uploading partner's publisher id (None for MRC staff, who may upload any pack).
    """
    # Refused before it is copied anywhere; the zip reader would refuse it too, after the copy.
    if uploaded_file.size > MAX_ARCHIVE_BYTES:
        raise ValidationError(_("The zip is larger than %(limit)s MB.") % {"limit": MAX_ARCHIVE_BYTES // 1_000_000})
    with local_copy(uploaded_file) as path:
        try:
            result = install_pack(path, site, publisher=publisher, dry_run=True)
        except PackInvalid as invalid:
            raise ValidationError([str(error) for error in invalid.errors]) from None
        except PackInstallError as error:
            raise ValidationError(str(error)) from None
    return UploadCheck(
        pack_id=result.pack_id,
        version=result.version,
        publisher=result.publisher,
        report="\n".join(result.warnings) or _("No problems found."),
        plan="\n".join(result.plan.lines()),
    )


def install_submission(submission, user) -> None:
    """Install an approved submission and record the outcome on it; never raises for a bad pack."""
    from cms.partners.models import PackSubmission

    submission = PackSubmission.objects.get(pk=submission.pk)  # the approved revision's content
    try:
        # The stored zip is opened here and closed when the install is done.
        with submission.archive.open("rb") as archive, local_copy(archive) as path:
            result = install_pack(
                path,
                submission.site,
                user=user,
                publisher=submission.publisher,
                source=f"submission {submission.pk}: {submission.archive.name}",
            )
    except (PackInvalid, PackInstallError) as error:
        # The site may have changed since the upload was checked (another version installed).
        logger.warning("pack submission %s could not be installed: %s", submission.pk, error)
        submission.outcome, submission.outcome_detail = PackSubmission.Outcome.FAILED, str(error)
    else:
        grant_pack_pages(submission.publisher, submission.site, result.pack_id)
        submission.outcome, submission.outcome_detail = PackSubmission.Outcome.INSTALLED, result.summary()
    submission.save(update_fields=["outcome", "outcome_detail"])


@contextmanager
def local_copy(file):
    """An open uploaded or stored file as a path on disk, for the zip reader; removed afterwards.

    The caller keeps the file open (an upload is saved by its form after the check).
    """
    folder = Path(tempfile.mkdtemp(prefix="pack-upload-"))
    try:
        path = folder / "pack.zip"
        file.seek(0)
        with path.open("wb") as target:
            shutil.copyfileobj(file, target)
        yield path
    finally:
        shutil.rmtree(folder)
