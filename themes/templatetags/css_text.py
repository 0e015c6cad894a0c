"""Text from a translation put into a stylesheet (a CSS string), e.g. the hint that a
wide table scrolls sideways, shown by CSS where the screen is narrow."""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def css_string(value):
    """``value`` as a quoted CSS string: every character that is not a letter, digit,
    space or CJK text becomes a CSS hex escape, so nothing can end the string or the
    <style> element."""
    out = []
    for char in str(value):
        if char.isalnum() or char == " " or ord(char) > 0x2E7F:
            out.append(char)
        else:
            out.append(f"\\{ord(char):x} ")
    return mark_safe('"' + "".join(out) + '"')  # noqa: S308 (escaped above)
