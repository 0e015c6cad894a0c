"""Indicators become translatable: ``key`` (already the same in every translation of
a plan) becomes wagtail's ``translation_key``, and each row takes its plan's locale."""

import django.db.models.deletion
from django.db import migrations, models


def locale_from_plan(apps, schema_editor):
    Indicator = apps.get_model("plans", "Indicator")
    PlanPage = apps.get_model("plans", "PlanPage")
    for plan_id, locale_id in PlanPage.objects.values_list("pk", "locale_id"):
        Indicator.objects.filter(plan_id=plan_id).update(locale_id=locale_id)


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0003_alter_indicator_plan"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RenameField("indicator", "key", "translation_key"),
        migrations.AddField(
            model_name="indicator",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.RunPython(locale_from_plan, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="indicator",
            name="locale",
            field=models.ForeignKey(
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="wagtailcore.locale",
                verbose_name="locale",
            ),
        ),
        migrations.AlterUniqueTogether(
            name="indicator", unique_together={("translation_key", "locale")}
        ),
    ]
