"""The text messages of the dispatch app."""

from django.utils.translation import gettext_lazy as _

from practice.sms import register_template

TEMPLATES = {
    "submission_reminder": _("Reminder: {unit}'s monthly submission for {year}-{month} is due "
                             "on {deadline} and is not signed off yet. Please fill it in, "
                             "submit it and have the head sign it off."),
}


def register_templates():
    for name, text in TEMPLATES.items():
        register_template(name, text)
