from .notifications import unread_count


def notifications(request):
    """``unread_notifications``: shown as a badge in the page header."""
    user = getattr(request, "user", None)
    return {"unread_notifications": unread_count(user) if user is not None else 0}
