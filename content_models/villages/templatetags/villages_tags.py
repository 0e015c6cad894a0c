"""Formatting for village finance tables."""

from decimal import Decimal, InvalidOperation

from django import template

register = template.Library()


@register.filter
def yuan(amount):
    """1234.5 → "1,234.50": accounts are printed with thousands separators and fen,
    the same in every language (not left to locale formatting)."""
    try:
        return f"{Decimal(amount):,.2f}"
    except (InvalidOperation, TypeError, ValueError):
        return ""
