"""Mentions import from .xlsx, .csv and JSON: every row checked first, all written or none; the same batch twice
creates nothing new."""

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile

from jinguo.core import xlsx
from jinguo.opinion.importers import MentionImporter
from jinguo.opinion.models import Mention


def _csv(rows) -> io.BytesIO:
    lines = ["source,url,title,text,published_at,reach"] + [",".join(r) for r in rows]
    return io.BytesIO("\n".join(lines).encode("utf-8-sig"))


def test_a_csv_with_one_bad_row_writes_nothing_and_reports_every_problem(actors, county_source):
    f = _csv(
        [
            ("东胜区监测", "https://a.cn/1", "标题一", "内容一", "2026-07-01 08:00", "10"),
            ("东胜区监测", "not-a-url", "标题二", "内容二", "2026/7/2", "x"),
            ("别人的源", "https://a.cn/3", "标题三", "内容三", "", ""),
        ]
    )
    importer = MentionImporter(actors["county_cadre"])
    result = xlsx.run_import(importer, f)
    header = {c.key: str(c.header) for c in importer.get_columns()}  # in the language the import ran in
    assert not result.ok and result.written == 0
    assert {(e.row, e.column) for e in result.errors} >= {(3, header["reach"]), (4, header["source"])}
    assert Mention.objects.count() == 0


def test_importing_the_same_json_batch_twice_creates_nothing_new(actors, county_source):
    rows = [{"source": "东胜区监测", "url": f"https://a.cn/{i}", "title": f"标题{i}", "reach": i} for i in range(5)]
    data = json.dumps(rows, ensure_ascii=False).encode()
    first = xlsx.run_import(MentionImporter(actors["county_cadre"]), io.BytesIO(data))
    second = xlsx.run_import(MentionImporter(actors["county_cadre"]), io.BytesIO(data))
    assert first.ok and first.written == 5
    assert second.ok and second.written == 0
    assert Mention.objects.count() == 5


def test_the_xlsx_export_imports_back_as_nothing_new(login, actors, county_source):
    web = login(actors["county_cadre"])
    web.post(
        "/api/v1/mentions",
        {"source": county_source.pk, "items": [{"url": "https://a.cn/1", "title": "东胜区妇联"}]},
        content_type="application/json",
    )
    export = web.get("/opinion/export/")
    assert export.status_code == 200
    result = xlsx.run_import(MentionImporter(actors["county_cadre"]), io.BytesIO(export.content))
    assert result.ok and result.written == 0 and Mention.objects.count() == 1


def test_the_upload_page_takes_csv(login, actors, county_source):
    web = login(actors["county_cadre"])
    f = SimpleUploadedFile("m.csv", _csv([("东胜区监测", "https://a.cn/1", "标题", "内容", "", "1")]).getvalue())
    r = web.post("/imports/mentions/", {"file": f})
    assert r.status_code == 302 and Mention.objects.count() == 1
