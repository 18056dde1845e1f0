"""The media module's audit events in words (the post's history, the audit log)."""

from django.utils.translation import gettext_lazy as _

from jinguo.core.audit import label_events

label_events(
    {
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
    }
)
