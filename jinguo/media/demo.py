"""Demo data of the media module (see module.py `seeds`): the article's 北疆女声 brand and 18 own platforms
accounts of the region, 478 matrix accounts over the leagues and counties (496 in all), a year of published posts
with cross-posting, a year of daily metrics, a word list and a commentator team. Seeded random, bulk inserts with
one audit event per batch, idempotent."""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from jinguo.core import audit, bulk
from jinguo.core.actors import SYSTEM
from jinguo.media import services
from jinguo.media.models import (
    Account,
    Commentator,
    CrossPostTask,
    DailyMetric,
    Platform,
    Post,
    PostState,
    Publication,
    Push,
    SensitiveWord,
    TaskState,
    Verification,
)
from jinguo.media.publishing import public_url
from jinguo.orgs.models import OrgUnit

OWN = 18
MATRIX = 478
BRAND = "北疆女声"
# The region's 18 own accounts: (platform code, name)
OWN_ACCOUNTS = [
    ("wechat", "北疆女声"),
    ("wechat", "内蒙古妇联"),
    ("wechat", "内蒙古家庭教育"),
    ("channels", "北疆女声"),
    ("channels", "内蒙古妇联"),
    ("weibo", "北疆女声"),
    ("weibo", "内蒙古妇联"),
    ("douyin", "北疆女声"),
    ("douyin", "北疆巾帼"),
    ("kuaishou", "北疆女声"),
    ("toutiao", "北疆女声"),
    ("toutiao", "内蒙古妇联"),
    ("bilibili", "北疆女声"),
    ("xiaohongshu", "北疆女声"),
    ("xiaohongshu", "北疆巾帼志愿"),
    ("website", "内蒙古妇联网"),
    ("website", "内蒙古妇女儿童工作网"),
    ("wechat", "北疆巾帼宣讲"),
]
WORDS = ["赌博", "博彩", "传销", "代孕", "高利贷", "裸聊"]
TITLES = [
    "巾帼心向党 奋进新征程",
    "最美家庭故事",
    "家庭家教家风微课堂",
    "致敬她力量",
    "我奋斗·家国美",
    "百千万巾帼大宣讲走进嘎查村",
    "巾帼志愿服务在行动",
    "三八红旗手风采",
    "乡村振兴巾帼行动",
    "妇女儿童权益保护知识",
]


def _rng(options, salt: int) -> random.Random:
    return random.Random((options.get("seed") or 2026) * 1000 + salt)


def _region(options):
    """The federation seeded: `options["region"]` (the benchmark seeds other provinces' federations beside the
    region), else the first province."""
    return options.get("region") or OrgUnit.objects.filter(level="province").order_by("path").first()


def seed_platforms(*, out, options) -> dict:
    made = services.platforms_seed(actor=SYSTEM)
    region = _region(options)
    words = 0
    if region is not None and not SensitiveWord.objects.filter(org=region).exists():
        for w in WORDS:
            services.word_add(actor=SYSTEM, org=region, word=w, note="演示")
            words += 1
    return {"media platforms": made, "sensitive words": words}


def seed_accounts(*, out, options) -> dict:
    region = _region(options)
    if region is None or Account.objects.filter(org_path__startswith=region.path).exists():
        return {}
    rng = _rng(options, 1)
    today = timezone.localdate()
    platforms = {p.code: p for p in Platform.objects.all()}
    codes = [c for c in platforms if c != "website"]
    accounts = []

    def account(org, platform, name, *, own, uid):
        quiet = rng.random() < 0.06
        last = today - datetime.timedelta(days=rng.randint(40, 120) if quiet else rng.randint(0, 10))
        return Account(
            org=org,
            org_path=org.path,
            name=name,
            platform=platform,
            platform_uid=uid,
            operator="宣传部" if own else f"{org.name}妇联",
            brand=BRAND if own or rng.random() < 0.35 else "",
            own=own,
            followers=rng.randint(20_000, 400_000) if own else rng.randint(300, 30_000),
            verification=Verification.VERIFIED if own or rng.random() < 0.7 else Verification.NONE,
            last_post_on=last,
            registered_on=today - datetime.timedelta(days=400),
        )

    for i, (code, name) in enumerate(OWN_ACCOUNTS):
        prefix = "NMG" if region.code == "150000" else region.code[:2]
        accounts.append(account(region, platforms[code], name, own=True, uid=f"{prefix}{i + 1:03d}"))
    leagues = list(OrgUnit.objects.filter(path__startswith=region.path, level="league").order_by("path"))
    counties = list(OrgUnit.objects.filter(path__startswith=region.path, level="county").order_by("path"))
    slots = [(lg, 4) for lg in leagues] + [(c, 4) for c in counties]
    extra = MATRIX - sum(n for _u, n in slots)
    if extra > 0:  # the rest spread evenly (a province with few counties has more accounts in each)
        each, rest = divmod(extra, len(slots))
        slots = [(u, n + each + (1 if i < rest else 0)) for i, (u, n) in enumerate(slots)]
    n = 0
    for unit, k in slots:
        for j in range(k):
            if n >= MATRIX:
                break
            code = "wechat" if j == 0 else rng.choice(codes)
            suffix = {"wechat": "妇联", "douyin": "巾帼", "channels": "女声"}.get(code, "妇联")
            accounts.append(account(unit, platforms[code], f"{unit.name}{suffix}", own=False, uid=f"M{unit.code}{j}"))
            n += 1
    services.accounts_bulk_create(actor=SYSTEM, accounts=accounts)
    flagged = services.accounts_flag_dormant(actor=SYSTEM)
    return {"media accounts": len(accounts), "dormant accounts": flagged["flagged"]}


def seed_posts(*, out, options) -> dict:
    """A year of the region's published posts (two a week), each on its own accounts and cross-posted to the
    matrix, most tasks done; one post in review for the demo users to carry on."""
    from django.contrib.auth import get_user_model

    region = OrgUnit.objects.filter(level="province").order_by("path").first()
    if region is None or Post.objects.filter(org=region).exists():
        return {}
    rng = _rng(options, 2)
    now = timezone.now()
    own = list(Account.objects.filter(org=region, own=True).select_related("platform"))
    matrix = list(Account.objects.filter(org_path__startswith=region.path, own=False, active=True))
    author = get_user_model().objects.filter(username="region_cadre").first()
    posts, pubs, tasks = [], [], []
    with transaction.atomic():
        for week in range(52, 0, -1):
            for k in range(2):
                when = now - datetime.timedelta(days=7 * week - 3 * k, hours=rng.randint(0, 8))
                posts.append(
                    Post(
                        org=region,
                        org_path=region.path,
                        title=f"{rng.choice(TITLES)}（{when:%m月%d日}）",
                        body=f"<p>{BRAND}：{rng.choice(TITLES)}。</p>",
                        state=PostState.PUBLISHED,
                        published_at=when,
                        created_by=author,
                    )
                )
        Post.objects.bulk_create(posts)
        posts = list(Post.objects.filter(org=region, state=PostState.PUBLISHED).order_by("published_at"))
        for post in posts:
            targets = rng.sample(own, 4)
            post.targets.set(targets)
            pubs += [
                Publication(post=post, account=a, adapter=a.platform.adapter, url=public_url(post)) for a in targets
            ]
        Publication.objects.bulk_create(pubs)
        pushes = []
        for post in posts[::2]:
            day = timezone.localdate(post.published_at)
            pushes.append(
                Push(
                    org=region,
                    org_path=region.path,
                    post=post,
                    due_on=day + datetime.timedelta(days=3),
                    created_by=author,
                )
            )
        Push.objects.bulk_create(pushes)
        pushes = list(Push.objects.filter(org=region).select_related("post"))
        for push in pushes:
            day = timezone.localdate(push.post.published_at)
            for a in rng.sample(matrix, min(60, len(matrix))):
                done = rng.random() < 0.82
                tasks.append(
                    CrossPostTask(
                        push=push,
                        account=a,
                        org_id=a.org_id,
                        org_path=a.org_path,
                        assigned_on=day,
                        due_on=push.due_on,
                        state=TaskState.DONE if done else TaskState.OPEN,
                        url=f"https://mp.weixin.qq.com/s/{a.pk}-{push.pk}" if done else "",
                        done_at=push.post.published_at + datetime.timedelta(hours=rng.randint(1, 60)) if done else None,
                    )
                )
        CrossPostTask.objects.bulk_create(tasks, batch_size=2000)
        audit.record(SYSTEM, "media.demo_posts", detail={"posts": len(posts), "tasks": len(tasks)})
    from jinguo.stats import rollups

    rollups.changed_many("media.Post", afters=posts)
    rollups.changed_many("media.CrossPostTask", afters=tasks)
    # One draft sent into the review (first review passed by the region's reviewer), for the demo users.
    reviewer = get_user_model().objects.filter(username="region_reviewer").first()
    if author is not None and own:
        draft = services.post_create(
            actor=author,
            org=region,
            title="致敬她力量：2026年三八红旗手风采展播",
            body="<p>北疆女声推出三八红旗手风采展播，讲述她们扎根基层的故事。</p>",
            targets=[a.pk for a in own[:3]],
        )
        services.post_submit(actor=author, post=draft)
        if reviewer is not None:
            services.post_review(actor=reviewer, post=draft, decision="pass", comment="内容积极，同意。")
    return {"media posts": len(posts) + 1, "cross-posting tasks": len(tasks)}


def seed_metrics(*, out, options) -> dict:
    """A year of daily figures for every account (as imported from the platforms' exports): about 181,000 rows,
    written in bulk (`core.bulk`: model instances would take most of the demo's time), then summed
    into months; the roll-ups follow from the demo's rebuild."""
    region = _region(options)
    if region is None or DailyMetric.objects.filter(org_path__startswith=region.path).exists():
        return {}
    rng = _rng(options, 3)
    days = int(options.get("media_days") or 365)
    today = timezone.localdate()
    first = today - datetime.timedelta(days=days)
    accounts = list(
        Account.objects.filter(org_path__startswith=region.path).values_list("pk", "org_path", "followers", "own")
    )
    dates = [first + datetime.timedelta(days=i) for i in range(days)]
    rows, total = [], 0
    for pk, path, followers, own in accounts:
        base = rng.randint(3000, 20000) if own else rng.randint(50, 1500)
        fans = max(followers - days * (base // 200), 100)
        step = max(base // 100, 1)
        for day in dates:
            reads = int(base * (0.6 + rng.random() * 0.8))
            fans += rng.randint(0, step)
            rows.append((pk, path, day, reads, reads // 40, reads // 80, reads // 250, reads // 100, fans))
        if len(rows) >= 20_000:
            total += _flush(rows)
            rows = []
    total += _flush(rows)
    with transaction.atomic():
        services.months_refresh(account_ids={pk for pk, *_ in accounts}, days=set(dates))
    from jinguo.stats import rollups

    rollups.bulk_loaded(["media.reads"])
    return {"daily metric rows": total}


def _flush(rows) -> int:
    if not rows:
        return 0
    with transaction.atomic():
        bulk.upsert(DailyMetric, ("account", *_DAY_FIELDS), rows)
        audit.record(SYSTEM, "media.metrics_bulk", detail={"rows": len(rows)})
    return len(rows)


_DAY_FIELDS = ("org_path", "day", "reads", "likes", "shares", "comments", "wows", "followers")


def seed_commentators(*, out, options) -> dict:
    """Two commentators of each league's first counties, from the people registry, and a guidance task."""
    from jinguo.people.selectors import people_by_county

    region = OrgUnit.objects.filter(level="province").order_by("path").first()
    if region is None or Commentator.objects.filter(org_path__startswith=region.path).exists():
        return {}
    rng = _rng(options, 4)
    today = timezone.localdate()
    made = []
    units = {o.path: o for o in OrgUnit.objects.filter(path__startswith=region.path, level="county")}
    for path, people in sorted(people_by_county(region.path, per_county=2).items()):
        org = units.get(path)
        if org is None:
            continue
        for i, person in enumerate(people):
            c = Commentator(
                org=org,
                org_path=org.path,
                person_id=person.pk,
                role="commentator" if i else "publicity",
                joined_on=today - datetime.timedelta(days=rng.randint(30, 300)),
            )
            made.append(c)
    with transaction.atomic():
        Commentator.objects.bulk_create(made, ignore_conflicts=True)
        audit.record(SYSTEM, "media.demo_commentators", detail={"rows": len(made)})
    post = Post.objects.filter(org=region, state=PostState.PUBLISHED).order_by("-published_at").first()
    if post is not None:
        task = services.guidance_create(
            actor=SYSTEM,
            org=region,
            title=f"转发：{post.title}",
            kind="share",
            target_url=public_url(post),
            due_on=today + datetime.timedelta(days=3),
            post=post,
        )
        for c in Commentator.objects.filter(org_path__startswith=region.path).order_by("pk")[: len(made) * 2 // 3]:
            services.guidance_done(actor=SYSTEM, task=task, commentator=c)
    return {"commentators": len(made)}
