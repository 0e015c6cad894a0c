"""Counting a figure and listing what it counts, from the same selection."""

from django.core.paginator import Paginator

from .spec import Figure


class Selection:
    """The rows behind one figure, across the querysets its function returns: what
    a paginator needs (``count``, slices), in the querysets' order."""

    def __init__(self, querysets):
        self.querysets = list(querysets)
        self._counts = None

    def counts(self):
        if self._counts is None:
            self._counts = [queryset.count() for queryset in self.querysets]
        return self._counts

    def count(self):
        return sum(self.counts())

    def __len__(self):
        return self.count()

    def __getitem__(self, index):
        if not isinstance(index, slice):
            raise TypeError("Selection is read in slices")
        start, stop = index.start or 0, index.stop
        rows = []
        for queryset, size in zip(self.querysets, self.counts(), strict=True):
            if stop is not None and stop <= 0:
                break
            if start < size:
                end = size if stop is None else min(stop, size)
                rows.extend(queryset[start:end])
            start = max(start - size, 0)
            stop = None if stop is None else stop - size
        return rows


def selection(figure, period):
    """What ``figure`` counts in ``period``."""
    if not isinstance(figure, Figure):
        raise TypeError(f"{figure!r} is not counted by the portal")
    return Selection(figure.select(period))


def count(figure, period):
    return selection(figure, period).count()


def page_of(figure, period, number, per_page=50):
    return Paginator(selection(figure, period), per_page).get_page(number)
