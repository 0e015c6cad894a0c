"""Paging of public lists: every list a resident opens is read a page at a time, so a
page costs the same whether a section holds ten items or a hundred thousand.

A page may carry several lists (the credit section: one per list and the removed),
each paged by its own query parameter; links keep every other parameter."""

from django.core.paginator import Paginator

PAGE_SIZE = 20


def page_of(request, items, param="page", size=PAGE_SIZE):
    """The page of ``items`` that ``request`` asks for with ``?<param>=``, with the
    addresses of its neighbours (``previous_url``, ``next_url``; "" at either end).
    A missing, malformed or too-large number gives the nearest page, as Django's
    ``get_page`` does."""
    page = Paginator(items, size).get_page(request.GET.get(param))
    page.previous_url = (
        _address(request, param, page.previous_page_number())
        if page.has_previous()
        else ""
    )
    page.next_url = (
        _address(request, param, page.next_page_number()) if page.has_next() else ""
    )
    return page


def _address(request, param, number):
    query = request.GET.copy()
    if number == 1:
        query.pop(param, None)
    else:
        query[param] = number
    return "?" + query.urlencode() if query else "?"
