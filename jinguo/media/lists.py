"""The media lists, each declared once for its page, its export and its API list (core.lists)."""

import django_filters as df
from django.db.models import Count, Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from jinguo.core import lists
from jinguo.core.paths import LEVEL_DIGITS
from jinguo.core.xlsx import Column
from jinguo.media import selectors as sel
from jinguo.media.models import CommentatorRole, Platform, PostState, TaskState, Verification
from jinguo.orgs.models import Level


def _level_filter(qs, name, value):
    from django.db.models.functions import Length

    if not value:
        return qs
    return qs.annotate(_depth=Length("org_path")).filter(_depth=LEVEL_DIGITS[value])


class AccountFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(method="search", label=_("Name, id or operator"))
    platform = df.ModelChoiceFilter(queryset=Platform.objects.all(), empty_label=_("Any platform"), label=_("Platform"))
    brand = df.CharFilter(field_name="brand", max_length=30, label=_("Brand"))
    own = df.BooleanFilter(field_name="own", label=_("Own account"))
    level = df.ChoiceFilter(choices=Level.choices, empty_label=_("Any level"), label=_("Level"), method=_level_filter)
    dormant = df.BooleanFilter(field_name="dormant_since", lookup_expr="isnull", exclude=True, label=_("Dormant"))
    verification = df.ChoiceFilter(
        choices=Verification.choices, empty_label=_("Any verification"), label=_("Verification")
    )

    def search(self, qs, name, value):
        from jinguo.core.text import normalize_identifier

        return qs.filter(
            Q(name__contains=value) | Q(operator__contains=value) | Q(platform_uid=normalize_identifier(value))
        )


def _account_export(user):
    from jinguo.media.importers import AccountImporter

    return AccountImporter(user).get_columns() + [
        Column("dormant_since", _("Dormant since"), required=False, format=lambda a: a.dormant_since),
        Column("registered_on", _("Registered on"), required=False, format=lambda a: a.registered_on),
    ]


ACCOUNTS = lists.register(
    lists.ListSpec(
        name="media_accounts",
        title=_("Media accounts"),
        select=lambda user: sel.account_list(user),
        filters=AccountFilters,
        columns=[
            lists.ListColumn(_("Account"), lists.link("media:account", "name", note=lambda a: a.platform_uid)),
            lists.ListColumn(_("Platform"), lambda a: a.platform.name),
            lists.ListColumn(_("Org unit"), lambda a: a.org.name, lists.HIDE_SM),
            lists.ListColumn(_("Brand"), lambda a: a.brand, lists.HIDE_MD),
            lists.ListColumn(_("Own"), lambda a: _("own") if a.own else _("matrix"), lists.HIDE_MD),
            lists.ListColumn(_("Followers"), lambda a: f"{a.followers:,}", lists.HIDE_SM),
            lists.ListColumn(_("Last post"), lambda a: a.last_post_on or "—", lists.HIDE_MD),
            lists.ListColumn(
                _("State"),
                lists.badge(
                    lambda a: _("dormant") if a.dormant_since else (_("active") if a.active else _("inactive")),
                    lambda a: "bg-warning-lt" if a.dormant_since else ("bg-green-lt" if a.active else ""),
                ),
            ),
        ],
        url_name="media:accounts",
        export_url_name="media:accounts_export",
        export=_account_export,
        sorts={
            "unit": (_("By unit"), ("org_path", "platform__sort", "pk")),
            "followers": (_("Most followers"), ("-followers", "pk")),
            "quiet": (_("Longest quiet"), ("last_post_on", "pk")),
        },
        filename="新媒体账号",
        empty=_("No account matches."),
        testid="account-table",
        context=lambda request: {"import_kind": "media_accounts", "new_url": "media:account_new"},
        template="media/account_list.html",
    )
)


class PostFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    q = lists.SearchFilter(field_name="title", lookup_expr="contains", label=_("Title"))
    state = df.ChoiceFilter(choices=PostState.choices, empty_label=_("Any state"), label=_("State"))
    flagged = df.BooleanFilter(method="has_flags", label=_("Sensitive words found"))

    def has_flags(self, qs, name, value):
        if value is None:
            return qs
        return qs.exclude(flagged_words="") if value else qs.filter(flagged_words="")


def _state_colour(p) -> str:
    return {
        PostState.PUBLISHED: "bg-green-lt",
        PostState.APPROVED: "bg-blue-lt",
        PostState.RETURNED: "bg-red-lt",
        PostState.DRAFT: "",
    }.get(p.state, "bg-yellow-lt")


def _post_export(user):
    return [
        Column("title", _("Title"), format=lambda p: p.title),
        Column("unit", _("Org unit"), format=lambda p: p.org.code),
        Column("state", _("State"), format=lambda p: str(p.get_state_display())),
        Column("flagged", _("Sensitive words found"), required=False, format=lambda p: p.flagged_words),
        Column("scheduled_at", _("Scheduled for"), required=False, format=lambda p: p.scheduled_at),
        Column("published_at", _("Published at"), required=False, format=lambda p: p.published_at),
        Column("author", _("Author"), required=False, format=lambda p: str(p.created_by or "")),
    ]


POSTS = lists.register(
    lists.ListSpec(
        name="media_posts",
        title=_("Posts"),
        select=lambda user: sel.post_list(user),
        filters=PostFilters,
        columns=[
            lists.ListColumn(_("Title"), lists.link("media:post", "title", note=lambda p: p.org.name)),
            lists.ListColumn(_("State"), lists.badge(lambda p: p.get_state_display(), _state_colour)),
            lists.ListColumn(_("Sensitive words found"), lambda p: p.flagged_words, lists.HIDE_MD),
            lists.ListColumn(_("Author"), lambda p: p.created_by or "", lists.HIDE_MD),
            lists.ListColumn(
                _("Published at"),
                lambda p: p.published_at.strftime("%Y-%m-%d %H:%M") if p.published_at else "—",
                lists.HIDE_SM,
            ),
        ],
        url_name="media:posts",
        export_url_name="media:posts_export",
        export=_post_export,
        filename="新媒体稿件",
        empty=_("No post matches."),
        testid="post-table",
        context=lambda request: {"new_url": "media:post_new"},
        template="media/post_list.html",
    )
)


class TaskFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    state = df.ChoiceFilter(choices=TaskState.choices, empty_label=_("Any state"), label=_("State"))
    platform = df.ModelChoiceFilter(
        field_name="account__platform",
        queryset=Platform.objects.all(),
        empty_label=_("Any platform"),
        label=_("Platform"),
    )
    q = lists.SearchFilter(method="search", label=_("Post or account"))

    def search(self, qs, name, value):
        return qs.filter(Q(push__post__title__contains=value) | Q(account__name__contains=value))


def _task_export(user):
    return [
        Column("post", _("Post"), format=lambda t: t.push.post.title),
        Column("account", _("Account"), format=lambda t: t.account.name),
        Column("platform", _("Platform"), format=lambda t: t.account.platform.name),
        Column("unit", _("Org unit"), format=lambda t: t.org.code),
        Column("state", _("State"), format=lambda t: str(t.get_state_display())),
        Column("due_on", _("Due"), format=lambda t: t.due_on),
        Column("url", _("Address"), required=False, format=lambda t: t.url),
    ]


TASKS = lists.register(
    lists.ListSpec(
        name="media_tasks",
        title=_("Cross-posting tasks"),
        select=lambda user: sel.task_list(user),
        filters=TaskFilters,
        columns=[
            lists.ListColumn(
                _("Post"),
                lambda t: format_html('<a href="{}">{}</a>', reverse("media:task", args=[t.pk]), t.push.post.title),
            ),
            lists.ListColumn(_("Account"), lambda t: f"{t.account.name}（{t.account.platform.name}）"),
            lists.ListColumn(_("Org unit"), lambda t: t.org.name, lists.HIDE_MD),
            lists.ListColumn(_("Due"), lambda t: t.due_on, lists.HIDE_SM),
            lists.ListColumn(
                _("State"),
                lists.badge(
                    lambda t: t.get_state_display(),
                    lambda t: "bg-green-lt" if t.state == TaskState.DONE else "bg-yellow-lt",
                ),
            ),
        ],
        url_name="media:tasks",
        export_url_name="media:tasks_export",
        export=_task_export,
        filename="联动任务",
        empty=_("No task matches."),
        testid="task-table",
    )
)


class CommentatorFilters(lists.ListFilterSet):
    under = lists.UnitFilter()
    role = df.ChoiceFilter(choices=CommentatorRole.choices, empty_label=_("Any role"), label=_("Role"))
    active = df.BooleanFilter(field_name="active", label=_("Active"))
    q = lists.SearchFilter(field_name="person__name", lookup_expr="contains", label=_("Name"))


def _commentator_export(user):
    return [
        Column("name", _("Name"), format=lambda c: c.person.name),
        Column("role", _("Role"), format=lambda c: str(c.get_role_display())),
        Column("unit", _("Org unit"), format=lambda c: c.org.code),
        Column("joined_on", _("Joined on"), format=lambda c: c.joined_on),
        Column("active", _("Active"), format=lambda c: _("yes") if c.active else _("no")),
        Column("done", _("Guidance tasks done"), format=lambda c: getattr(c, "n_done", 0)),
    ]


def _with_done(qs):
    return qs.annotate(n_done=Count("done"))


COMMENTATORS = lists.register(
    lists.ListSpec(
        name="media_commentators",
        title=_("Online publicity and commentator team"),
        select=lambda user: sel.commentator_list(user),
        filters=CommentatorFilters,
        columns=[
            lists.ListColumn(_("Name"), lambda c: c.person.name),
            lists.ListColumn(_("Role"), lambda c: c.get_role_display()),
            lists.ListColumn(_("Org unit"), lambda c: c.org.name, lists.HIDE_SM),
            lists.ListColumn(_("Guidance tasks done"), lambda c: getattr(c, "n_done", 0)),
            lists.ListColumn(_("Active"), lambda c: _("yes") if c.active else _("no"), lists.HIDE_MD),
        ],
        url_name="media:commentators",
        export_url_name="media:commentators_export",
        export=_commentator_export,
        rows=_with_done,
        filename="网宣网评员",
        empty=_("No commentator matches."),
        testid="commentator-table",
    )
)
