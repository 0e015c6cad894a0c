"""The administrators' synonym list, as the mapping query.py expands terms with."""

from .models import SynonymGroup


def current():
    """{folded term: (every term of its groups)}; a term in two groups gets both."""
    mapping = {}
    for group in SynonymGroup.objects.all():
        terms = group.term_list()
        for term in terms:
            known = mapping.get(term, (term,))
            mapping[term] = tuple(dict.fromkeys([*known, *terms]))
    return mapping
