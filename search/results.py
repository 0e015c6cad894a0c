"""Running a public search: the engine's answer, made ready for pages and the API."""

import time

from content_models.regions.codes import DISTRICT, VILLAGE, descendant_prefix, level_of

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
    town → village); with nothing selected, districts, or the towns when all results lie
    in one district."""
    if selected:
        level = level_of(selected) + 1
        prefix = descendant_prefix(selected)
    else:
        level, prefix = DISTRICT, ""
    while level <= VILLAGE:
        shown = {
            code: count
            for code, count in counts.items()
            if level_of(code) == level and code.startswith(prefix) and code != selected
        }
        if len(shown) != 1 or selected or level == VILLAGE:
            return shown
        (only,) = shown
        level, prefix = level + 1, descendant_prefix(only)
    return {}
