"""The clocks' templates and labels are translatable like the rest of the site
(the rule of tests/portal/test_translatable.py, over clocks/)."""

from pathlib import Path

from django.apps import apps
from django.utils.functional import Promise

from tests.portal.test_translatable import CJK, TRANSLATED

TEMPLATES = Path(__file__).resolve().parents[2] / "clocks" / "templates"


def test_clock_templates_have_no_untranslated_chinese():
    offenders = []
    for template in sorted(TEMPLATES.rglob("*.html")):
        text = TRANSLATED.sub("", template.read_text(encoding="utf-8"))
        offenders += [
            f"{template.name}: {line.strip()}"
            for line in text.splitlines()
            if CJK.search(line)
        ]
    assert not offenders, "\n".join(offenders)


def test_clock_model_labels_are_translatable():
    bare = []
    for model in apps.get_app_config("clocks").get_models():
        labels = [model._meta.verbose_name]
        labels += [
            f.verbose_name
            for f in model._meta.get_fields()
            if hasattr(f, "verbose_name") and f.model is model
        ]
        bare += [
            label
            for label in labels
            if isinstance(label, str)
            and not isinstance(label, Promise)
            and CJK.search(label)
        ]
    assert not bare
