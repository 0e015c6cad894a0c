"""Chinese first, every UI string translatable: no bare Chinese in templates or models."""

import re
from pathlib import Path

from django.apps import apps
from django.core.management import call_command
from django.utils.functional import Promise

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u4e00-\u9fff]")
TRANSLATED = re.compile(
    r"\{%\s*(?:trans|translate)\s+(\"[^\"]*\"|'[^']*').*?%\}"
    r"|\{%\s*blocktrans(?:late)?\b.*?%\}.*?\{%\s*endblocktrans(?:late)?\s*%\}"
    r"|\{#.*?#\}|\{%\s*comment\s*%\}.*?\{%\s*endcomment\s*%\}",
    re.S,
)
OUR_APPS = ("regions", "disclosure", "plans", "villages", "credit", "charity")


def test_templates_have_no_untranslated_chinese():
    offenders = []
    for template in sorted((ROOT / "themes" / "templates").rglob("*.html")):
        text = TRANSLATED.sub("", template.read_text(encoding="utf-8"))
        for line in text.splitlines():
            if CJK.search(line):
                offenders.append(f"{template.relative_to(ROOT)}: {line.strip()}")
    assert not offenders, "Chinese outside {% trans %}:\n" + "\n".join(offenders)


def test_model_labels_are_translatable():
    bare = []
    for app in OUR_APPS:
        for model in apps.get_app_config(app).get_models():
            names = [("Meta.verbose_name", model._meta.verbose_name)]
            names += [
                (f.name, f.verbose_name)
                for f in model._meta.get_fields()
                if hasattr(f, "verbose_name") and f.model is model
            ]
            for where, label in names:
                if (
                    isinstance(label, str)
                    and not isinstance(label, Promise)
                    and CJK.search(label)
                ):
                    bare.append(f"{model._meta.label}.{where}: {label}")
    assert not bare, "Wrap these in gettext_lazy:\n" + "\n".join(bare)


def test_migrations_match_the_models(db):
    # Raises SystemExit(1) when a model change has no migration.
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)
