"""Template filters that name people the way pickers do (practice/selectors.py)."""

from django import template

from practice import selectors

register = template.Library()


@register.filter
def masked_phone(phone) -> str:
    """``{{ household.phone|masked_phone }}`` → 138****1234."""
    return selectors.mask_phone(phone)


@register.filter
def household_label(household) -> str:
    """``{{ household|household_label }}`` → number · head · village · masked phone."""
    return selectors.household_label(household)
