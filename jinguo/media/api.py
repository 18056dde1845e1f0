"""API of the media module: accounts, posts and their review, cross-posting tasks, the metrics import and the
rankings, all through the same selectors and services as the pages, scoped to the caller."""

import datetime
from typing import Annotated, Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from jinguo.api.lists import list_route
from jinguo.api.params import PERIOD_PATTERN, Error, Id, OrgFields, RecordId
from jinguo.core.bounds import MAX_ID, NO_NUL, schema_field
from jinguo.core.periods import parse_period
from jinguo.core.roles import Perm
from jinguo.core.scope import require
from jinguo.media import selectors as sel
from jinguo.media import services
from jinguo.media.inputs import resolve_platform, resolve_platforms, resolve_theme
from jinguo.media.lists import ACCOUNTS, COMMENTATORS, POSTS, TASKS
from jinguo.media.models import Account, Post, Push, Review
from jinguo.media.module import MANAGE
from jinguo.orgs.api import OrgCode
from jinguo.orgs.selectors import get_org_for_user

Url = Annotated[str, Field(max_length=500, pattern=NO_NUL)]
PlatformCode = Annotated[str, Field(max_length=30, pattern=NO_NUL)]

accounts_router = Router(tags=["media"])
posts_router = Router(tags=["media"])
tasks_router = Router(tags=["media"])
metrics_router = Router(tags=["media"])
commentators_router = Router(tags=["media"])


# --- accounts -----------------------------------------------------------------------------------------------


class AccountOut(OrgFields):
    id: int
    name: str
    platform: str
    platform_uid: str
    operator: str
    brand: str
    own: bool
    followers: int
    verification: str
    last_post_on: datetime.date | None
    dormant_since: datetime.date | None
    active: bool

    @staticmethod
    def resolve_platform(obj) -> str:
        return obj.platform.code


class AccountIn(Schema):
    org: OrgCode
    name: str = schema_field(Account, "name")
    platform: PlatformCode = Field(..., description="the platform's code (wechat, douyin …)")
    platform_uid: str = schema_field(Account, "platform_uid")
    operator: str = schema_field(Account, "operator", "")
    brand: str = schema_field(Account, "brand", "")
    own: bool = False
    followers: int = schema_field(Account, "followers", 0)
    verification: Literal["verified", "pending", "none"] = "none"
    last_post_on: datetime.date | None = None


list_route(accounts_router, ACCOUNTS, response=AccountOut)


@accounts_router.get("/{account_id}", response={200: AccountOut, 404: Error})
def get_account(request, account_id: int = RecordId):
    return sel.get_account_for_user(request.user, account_id)


@accounts_router.post("", response={201: AccountOut, 400: Error, 403: Error, 404: Error})
def create_account(request, payload: AccountIn):
    org = get_org_for_user(request.user, payload.org)
    data = payload.dict(exclude={"org", "platform"})
    a = services.account_create(actor=request.user, org=org, platform=resolve_platform(payload.platform), **data)
    return Status(201, a)


# --- posts --------------------------------------------------------------------------------------------------


class PostOut(OrgFields):
    id: int
    title: str
    state: str
    flagged_words: str
    scheduled_at: datetime.datetime | None
    published_at: datetime.datetime | None


class PostDetail(PostOut):
    body: str
    theme: int | None
    targets: list[int]
    reviews: list[dict]
    publications: list[dict]

    @staticmethod
    def resolve_theme(obj) -> int | None:
        return obj.theme_id

    @staticmethod
    def resolve_targets(obj) -> list[int]:
        return [a.pk for a in obj.targets.all()]

    @staticmethod
    def resolve_reviews(obj) -> list[dict]:
        return [
            {
                "tier": r.tier,
                "decision": r.decision,
                "comment": r.comment,
                "reviewer": str(r.reviewer or ""),
                "at": r.at,
            }
            for r in obj.reviews.select_related("reviewer")
        ]

    @staticmethod
    def resolve_publications(obj) -> list[dict]:
        return [{"account": p.account_id, "adapter": p.adapter, "url": p.url} for p in obj.publications.all()]


class PostIn(Schema):
    org: OrgCode
    title: str = schema_field(Post, "title")
    body: str = schema_field(Post, "body")
    theme: Id | None = None
    targets: list[Id] = Field([], max_length=500)
    scheduled_at: datetime.datetime | None = None


class ReviewIn(Schema):
    decision: Literal["pass", "return"]
    comment: str = schema_field(Review, "comment", "")


class PublishIn(Schema):
    urls: dict[Annotated[int, Field(ge=1, le=MAX_ID)], Url] = Field({}, max_length=500)


class CrossPostIn(Schema):
    org: OrgCode
    due_on: datetime.date
    levels: list[Literal["province", "league", "county", "town", "village"]] = []
    platforms: list[PlatformCode] = Field([], max_length=50)
    brand: str = schema_field(Push, "brand", "")
    note: str = schema_field(Push, "note", "")


class CrossPostOut(Schema):
    id: int
    tasks: int


list_route(posts_router, POSTS, response=PostOut)


@posts_router.get("/{post_id}", response={200: PostDetail, 404: Error})
def get_post(request, post_id: int = RecordId):
    return sel.get_post_for_user(request.user, post_id)


@posts_router.post("", response={201: PostDetail, 400: Error, 403: Error, 404: Error})
def create_post(request, payload: PostIn):
    org = get_org_for_user(request.user, payload.org)
    post = services.post_create(
        actor=request.user,
        org=org,
        title=payload.title,
        body=payload.body,
        theme=resolve_theme(request.user, payload.theme),
        targets=payload.targets,
        scheduled_at=payload.scheduled_at,
    )
    return Status(201, post)


@posts_router.post("/{post_id}/submit", response={200: PostOut, 400: Error, 403: Error, 404: Error})
def submit_post(request, post_id: int = RecordId):
    post = sel.get_post_for_user(request.user, post_id)
    return services.post_submit(actor=request.user, post=post)


@posts_router.post("/{post_id}/review", response={200: PostOut, 400: Error, 403: Error, 404: Error})
def review_post(request, payload: ReviewIn, post_id: int = RecordId):
    post = sel.get_post_for_user(request.user, post_id)
    return services.post_review(actor=request.user, post=post, decision=payload.decision, comment=payload.comment)


@posts_router.post("/{post_id}/publish", response={200: PostDetail, 400: Error, 403: Error, 404: Error})
def publish_post(request, payload: PublishIn, post_id: int = RecordId):
    post = sel.get_post_for_user(request.user, post_id)
    return services.post_publish(actor=request.user, post=post, urls=payload.urls)


@posts_router.post("/{post_id}/push", response={201: CrossPostOut, 400: Error, 403: Error, 404: Error})
def push_post(request, payload: CrossPostIn, post_id: int = RecordId):
    post = sel.get_post_for_user(request.user, post_id)
    org = get_org_for_user(request.user, payload.org)
    push = services.push_create(
        actor=request.user,
        post=post,
        org=org,
        due_on=payload.due_on,
        levels=payload.levels,
        platforms=resolve_platforms(payload.platforms),
        brand=payload.brand,
        note=payload.note,
    )
    return Status(201, CrossPostOut(id=push.pk, tasks=push.tasks.count()))


# --- tasks --------------------------------------------------------------------------------------------------


class TaskOut(OrgFields):
    id: int
    post: int
    post_title: str
    account: int
    account_name: str
    platform: str
    state: str
    due_on: datetime.date
    url: str

    @staticmethod
    def resolve_post(obj) -> int:
        return obj.push.post_id

    @staticmethod
    def resolve_post_title(obj) -> str:
        return obj.push.post.title

    @staticmethod
    def resolve_account(obj) -> int:
        return obj.account_id

    @staticmethod
    def resolve_account_name(obj) -> str:
        return obj.account.name

    @staticmethod
    def resolve_platform(obj) -> str:
        return obj.account.platform.code


class TaskDoneIn(Schema):
    url: str = Field(..., max_length=500, pattern=NO_NUL, description="the address of the repost")


list_route(tasks_router, TASKS, response=TaskOut)


@tasks_router.post("/{task_id}/complete", response={200: TaskOut, 400: Error, 403: Error, 404: Error})
def complete_task(request, payload: TaskDoneIn, task_id: int = RecordId):
    task = sel.get_task_for_user(request.user, task_id)
    return services.task_complete(actor=request.user, task=task, url=payload.url)


# --- metrics: import and rankings ---------------------------------------------------------------------------


class ImportOut(Schema):
    total: int
    written: int
    errors: list[dict]


@metrics_router.post("/import", response={200: ImportOut, 400: ImportOut, 403: Error})
def import_metrics(request, platform: Form[PlatformCode], file: File[UploadedFile]):
    """A platform's back-office export (.xlsx or .csv): every row written, or none with every problem (400)."""
    from jinguo.media.importers import import_metrics as run

    require(request.user, MANAGE)
    try:
        p = resolve_platform(platform)
        if not file.name.lower().endswith((".xlsx", ".csv")) or file.size > 50 * 1024 * 1024:
            raise ValidationError({"file": [_("Only .xlsx or .csv files up to 50 MB can be imported.")]})
        result = run(request.user, p, file)
    except ValidationError as e:  # the platform or the file itself: the same answer as a refused row
        found = e.message_dict if hasattr(e, "error_dict") else {"file": e.messages}
        errors = [{"row": 0, "column": k, "reason": m} for k, ms in found.items() for m in ms]
        return Status(400, ImportOut(total=0, written=0, errors=errors))
    body = ImportOut(
        total=result.total,
        written=result.written,
        errors=[{"row": e.row, "column": e.column, "reason": e.reason} for e in result.errors],
    )
    return Status(200 if result.ok else 400, body)


class RankOut(Schema):
    rank: int
    account: int
    name: str
    platform: str
    org: str
    wci: float
    reads: int
    likes: int
    shares: int
    comments: int
    wows: int
    max_reads: int
    days: int


@metrics_router.get("/rankings", response={200: list[RankOut], 400: Error, 404: Error})
def rankings(
    request,
    period: str = Query(..., pattern=PERIOD_PATTERN, description="2026, 2026Q3 or 2026-07"),
    under: OrgCode | None = None,
    platform: str | None = Query(None, max_length=30),
    brand: str | None = Query(None, max_length=30),
    level: Literal["province", "league", "county", "town", "village"] | None = None,
):
    """Accounts ranked by the communication index over the period, with its inputs."""
    require(request.user, Perm.READ)
    p = parse_period(period)
    org = get_org_for_user(request.user, under) if under else None
    plat = resolve_platform(platform, active=False) if platform else None
    rows = sel.ranking(request.user, p.start, p.end, under=org, platform=plat, brand=brand or "", level=level or "")
    return [
        RankOut(
            rank=r["rank"],
            account=r["account"].pk,
            name=r["account"].name,
            platform=r["account"].platform.code,
            org=r["account"].org.code,
            wci=float(r["wci"]),
            reads=r["inputs"].reads,
            likes=r["inputs"].likes,
            shares=r["inputs"].shares,
            comments=r["inputs"].comments,
            wows=r["inputs"].wows,
            max_reads=r["inputs"].max_reads,
            days=r["inputs"].days,
        )
        for r in rows
    ]


# --- commentators -------------------------------------------------------------------------------------------


class CommentatorOut(OrgFields):
    id: int
    name: str
    role: str
    active: bool
    done: int

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.person.name

    @staticmethod
    def resolve_done(obj) -> int:
        return getattr(obj, "n_done", 0)


list_route(commentators_router, COMMENTATORS, response=CommentatorOut)
