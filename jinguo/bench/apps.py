from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "jinguo.bench"
    label = "bench"
    verbose_name = "Benchmark"
