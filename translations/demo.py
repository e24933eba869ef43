"""Demo of the translators' review: ``town1`` (a clerk of 查日苏镇) is also a translator, with
the translations.translator permission, beside the banner's administrators. Safe to run twice."""

from django.contrib.auth.models import Permission

from practice.models import User


def seed(ctx):
    user = User.objects.filter(username="town1").first()
    if user is None:
        return
    user.user_permissions.add(Permission.objects.get(content_type__app_label="translations",
                                                     codename="translator"))
    ctx.progress("译员：town1 可审校蒙古文译文（/translations/）")
