"""The text messages of supervision: a task's deadline and its escalation."""

from django.utils.translation import gettext_lazy as _

from practice.sms import register_template, send_to_many

TEMPLATES = {
    "supervision_deadline": _("Supervised task “{title}” ({unit}) is due today ({deadline}) "
                              "and not closed. Please report progress or ask to close it."),
    "supervision_escalated": _("Supervised task “{title}” ({unit}) is three days past its "
                               "deadline ({deadline}) and not closed; it has been escalated."),
}


def register_templates():
    for name, text in TEMPLATES.items():
        register_template(name, text)


def text(users, template, task) -> list:
    """Text each of ``users`` with a phone about ``task``."""
    params = {"task": task.pk, "title": task.title[:40], "unit": task.unit.name,
              "deadline": task.deadline.isoformat()}
    return send_to_many([(u.phone, u) for u in users if u is not None and u.phone],
                        template=template, params=params)
