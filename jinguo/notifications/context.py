def unread(request):
    """The unread count of the bell in the top bar (one indexed count per page)."""
    from jinguo.notifications.selectors import unread_count

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
