"""Running a public search: the engine's answer, made ready for pages and the API."""

import time

from content_models.regions.codes import DISTRICT, descendant_prefix, level_of

from .engines import get_engine


def run(request, engine=None):
    started = time.perf_counter()
    result = (engine or get_engine()).search(request)
    if "region" in result.facets:
        result.facets["region"] = region_choices(
            result.facets["region"], request.region
        )
    result.took_ms = round((time.perf_counter() - started) * 1000, 2)
    return result


def region_choices(counts, selected):
    """The region facet shows one level: the one below the selected region (district →
    town → village); with nothing selected, the districts, or the towns when all
    results lie in one district."""
    if selected:
        return _level_below(counts, selected)
    districts = {code: n for code, n in counts.items() if level_of(code) == DISTRICT}
    if len(districts) == 1:
        return _level_below(counts, next(iter(districts)))
    return districts


def _level_below(counts, code):
    level, prefix = level_of(code) + 1, descendant_prefix(code)
    return {
        below: n
        for below, n in counts.items()
        if level_of(below) == level and below.startswith(prefix)
    }
