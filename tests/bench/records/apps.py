from django.apps import AppConfig


class BenchRecordsConfig(AppConfig):
    name = "tests.bench.records"
    label = "bench_records"
    default_auto_field = "django.db.models.BigAutoField"
