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


def upload_photos(request, add) -> None:
    """A page's photo upload: the files of the form's `photos` field go to `add(files)` (a service that checks
    and saves them and returns how many); the page says what happened."""
    from django.contrib import messages

    files = request.FILES.getlist("photos")
    if not files:
        messages.error(request, _("Choose one or more photos."))
        return
    try:
        n = add(files)
    except ValidationError as e:
        for msg in e.messages:
            messages.error(request, msg)
    else:
        messages.success(request, _("%(n)s photos added.") % {"n": n})


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def check_photo(upload) -> None:
    """Accept only a real JPEG or PNG image within the size limit, judged by content."""
    from PIL import Image, UnidentifiedImageError

    if upload.size > settings.PHOTO_MAX_BYTES:
        raise ValidationError(_("The photo is larger than %(mb)s MB.") % {"mb": settings.PHOTO_MAX_BYTES // 1048576})
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
