"""The new-media matrix (新媒体矩阵): accounts, reviewed posts, cross-posting tasks, metrics and rankings,
commentators."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.modules import Module, NavItem, NoticeKind, Seed, register
from jinguo.core.roles import Role

MODULE = register(
    Module(
        label="media",
        title=_("Media matrix"),
        urls="jinguo.media.urls",
        prefix="matrix",  # /media/ is MEDIA_URL (uploaded files)
        public_urls=("m/", "jinguo.media.urls_public"),
        nav=[
            NavItem("media:dashboard", _("Media matrix"), "eye", order=70),
            NavItem("media:posts", _("Posts"), "pencil", order=71),
            NavItem("media:tasks", _("Cross-posting tasks"), "upload", order=72),
        ],
        api=[
            ("/media/accounts", "jinguo.media.api:accounts_router"),
            ("/media/posts", "jinguo.media.api:posts_router"),
            ("/media/tasks", "jinguo.media.api:tasks_router"),
            ("/media/metrics", "jinguo.media.api:metrics_router"),
            ("/media/commentators", "jinguo.media.api:commentators_router"),
        ],
        comments=["media.post"],
        loads=["jinguo.media.metrics", "jinguo.media.lists", "jinguo.media.importers"],
        notices={
            "review_request": NoticeKind(_("A post waits for your review")),
            "decided": NoticeKind(_("A decision on your post")),
            "task": NoticeKind(_("A post to cross-post from your accounts")),
            "task_done": NoticeKind(_("An account cross-posted your post")),
            "dormant": NoticeKind(_("Accounts of your unit have gone quiet")),
            "guidance": NoticeKind(_("A guidance task for your commentators")),
        },
        actions={
            "manage": _("Run the media matrix: platforms, accounts, word list, metrics, cross-posting"),
            "post": _("Write posts and cross-post from the unit's accounts"),
            "review": _("Review posts (first and second review)"),
            "approve": _("Give the final review of posts"),
        },
        grants={
            Role.CADRE: ["manage", "post", "review", "approve"],
            Role.REVIEWER: ["review", "approve"],
        },
        events={
            "media.post_create": _("Post written"),
            "media.post_update": _("Post changed"),
            "media.post_submit": _("Post sent for review"),
            "media.post_review": _("Post reviewed"),
            "media.post_publish": _("Post published"),
            "media.post_image_add": _("Image added"),
            "media.post_image_remove": _("Image removed"),
            "media.push_create": _("Post pushed to the matrix"),
            "media.task_complete": _("Cross-posting task done"),
            "media.account_create": _("Account registered"),
            "media.account_update": _("Account changed"),
            "media.accounts_dormant": _("Dormant accounts flagged"),
            "media.platform_save": _("Platform saved"),
            "media.word_add": _("Sensitive word added"),
            "media.word_remove": _("Sensitive word removed"),
            "media.commentator_add": _("Commentator added"),
            "media.guidance_create": _("Guidance task given"),
            "media.guidance_done": _("Guidance task done"),
            "import.media_accounts": _("Media accounts imported"),
            "import.media_metrics": _("Media metrics imported"),
            "export.media_report": _("Media matrix report exported"),
            "media.account_bulk_create": _("Accounts registered in bulk"),
            "media.commentator_active": _("Commentator marked active or not"),
            "media.demo_commentators": _("Demo commentators added"),
            "media.demo_posts": _("Demo posts added"),
            "media.metrics_bulk": _("Daily metrics loaded in bulk"),
            "media.platforms_seed": _("Platforms seeded"),
        },
        bench="jinguo.media.bench",
        periodic=["jinguo.media.services:periodic_sweep"],
        seeds=[
            Seed("media.platforms", "jinguo.media.demo:seed_platforms"),
            Seed("media.accounts", "jinguo.media.demo:seed_accounts", after=["media.platforms", "orgs.users"]),
            Seed("media.posts", "jinguo.media.demo:seed_posts", after=["media.accounts", "planning.themes"]),
            Seed("media.metrics", "jinguo.media.demo:seed_metrics", after=["media.accounts"]),
            Seed("media.commentators", "jinguo.media.demo:seed_commentators", after=["media.posts", "people.people"]),
        ],
    )
)

MANAGE = MODULE.action("manage")
POST = MODULE.action("post")
REVIEW = MODULE.action("review")
APPROVE = MODULE.action("approve")
