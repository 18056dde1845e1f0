"""Benchmark of the opinion module: ingest throughput with analysis, sentiment accuracy and speed beside SnowNLP.

`jinguo opinion bench` prints the figures; `make bench` adds them to docs/benchmarks.md through the scenarios."""
