"""A lecture's photos are served like a person's (core.files.image_response): inline, private, 404 when gone."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jinguo.outreach.services import lecture_add_photos
from jinguo.outreach.tests.factories import new_lecture


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return buf.getvalue()


@pytest.fixture
def photo(actors, tree, calendar, lecturer):
    lec = new_lecture(actors["county_cadre"], tree["150602100200"], calendar, lecturer)
    lecture_add_photos(actor=actors["county_cadre"], lecture=lec, files=[SimpleUploadedFile("p.png", _png())])
    return lec.photos.get()


def test_the_photo_is_served_inline_and_kept_private(login, actors, photo):
    r = login(actors["county_cadre"]).get(f"/outreach/lectures/{photo.lecture_id}/photos/{photo.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    assert r["Content-Disposition"] == "inline" and r["Cache-Control"] == "private, max-age=300"


def test_a_photo_whose_file_is_gone_is_404_not_500(login, actors, photo):
    photo.image.storage.delete(photo.image.name)
    r = login(actors["county_cadre"]).get(f"/outreach/lectures/{photo.lecture_id}/photos/{photo.pk}/")
    assert r.status_code == 404
