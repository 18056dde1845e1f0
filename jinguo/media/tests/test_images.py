"""A post's images are checked by their content and served only to those who may read the post."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from jinguo.media import services


def _png() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(buf, "PNG")
    return buf.getvalue()


def test_a_fake_image_is_refused_and_a_real_one_served_in_scope_only(draft, actors, login, tree, accounts):
    fake = SimpleUploadedFile("photo.png", b"<script>alert(1)</script>", content_type="image/png")
    with pytest.raises(ValidationError):
        services.post_image_add(actor=actors["region_cadre"], post=draft, upload=fake)
    img = services.post_image_add(
        actor=actors["region_cadre"], post=draft, upload=SimpleUploadedFile("a.png", _png(), content_type="image/png")
    )
    r = login(actors["region_cadre"]).get(f"/matrix/posts/{draft.pk}/images/{img.pk}/")
    assert r.status_code == 200 and r["Content-Type"] == "image/png"
    theirs = services.post_create(actor=actors["sibling_cadre"], org=tree["150621"], title="达旗", body="<p>x</p>")
    web = login(actors["sibling_cadre"])
    assert web.get(f"/matrix/posts/{draft.pk}/images/{img.pk}/").status_code == 404
    assert web.get(f"/matrix/posts/{theirs.pk}/images/{img.pk}/").status_code == 404
