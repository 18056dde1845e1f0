"""Uploaded files: photos checked by their content, served to those who may see them, and removed when
the transaction that drops them commits, never before.

Deleting the file first and the row second leaves a row pointing at nothing when the row's delete
fails or rolls back (a photo page that answers 500 for ever).
"""

import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


def remove_file_on_commit(file) -> None:
    """Delete `file` (a FieldFile) from its storage once the current transaction commits."""
    if not file or not file.name:
        return
    storage, name = file.storage, file.name

    def remove() -> None:
        try:
            storage.delete(name)
        except OSError as e:
            # The file name may carry a person's name: log only what went wrong, not the name.
            logger.warning("could not remove an uploaded file after commit: %s", type(e).__name__)

    transaction.on_commit(remove)


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check_photo(upload) -> None:
    """Accept only a real JPEG or PNG image within the size limit, judged by content."""
    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo is larger than %(mb)s MB.") % {"mb": settings.PHOTO_MAX_BYTES // 1048576})
    check_photo_content(upload)


ATTACHMENT_KINDS = ("PDF", "DOCX", "JPEG", "PNG")


def attachment_kind(upload) -> str:
    """What an uploaded document really is, judged by its content: "PDF", "DOCX", "JPEG", "PNG", or ""."""
    import zipfile

    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return "PDF"
        if head.startswith(b"PK\x03\x04"):
            try:
                with zipfile.ZipFile(upload) as z:
                    names = set(z.namelist())
            except (zipfile.BadZipFile, OSError, ValueError):
                return ""
            return "DOCX" if "word/document.xml" in names and "[Content_Types].xml" in names else ""
        if head.startswith(PNG_SIGNATURE) or head.startswith(b"\xff\xd8\xff"):
            try:
                check_photo_content(upload)
            except ValidationError:
                return ""
            return "PNG" if head.startswith(PNG_SIGNATURE) else "JPEG"
        return ""
    finally:
        upload.seek(0)


def check_attachment(upload) -> str:
    """Accept a PDF, Word (.docx), JPEG or PNG document within settings.ATTACHMENT_MAX_BYTES, judged by its
    content (not its name); returns the kind."""
    limit = settings.ATTACHMENT_MAX_BYTES
    if upload.size > limit:
        raise ValidationError(_("The file is larger than %(mb)s MB.") % {"mb": limit // 1048576})
    kind = attachment_kind(upload)
    if kind not in ATTACHMENT_KINDS:
        raise ValidationError(_("The file is not a PDF, Word (.docx), JPEG or PNG document."))
    return kind


def check_photo_content(upload) -> str:
    """The image format of a JPEG or PNG upload, verified; ValidationError when it is not one."""
    from PIL import Image, UnidentifiedImageError

    try:
        upload.seek(0)
        with Image.open(upload) as img:
            fmt = img.format
            img.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(_("The photo is not a valid JPEG or PNG image."))
    finally:
        upload.seek(0)
    if fmt not in ("JPEG", "PNG"):
        raise ValidationError(_("The photo is not a valid JPEG or PNG image."))
    return fmt


def image_response(file) -> HttpResponse:
    """Serve an uploaded photo (a FieldFile) to a user the caller has let see it: PNG or JPEG, shown inline,
    kept only in the user's own browser. A missing file is a 404, not a 500 (removed by hand, or lost with a
    disk)."""
    if not file or not file.name:
        raise Http404
    try:
        with file.open("rb") as fh:
            data = fh.read()
    except OSError:
        raise Http404 from None
    content_type = "image/png" if data[: len(PNG_SIGNATURE)] == PNG_SIGNATURE else "image/jpeg"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=300"
    return response
