"""Benchmark generators and scenarios of the volunteer service (see jinguo.bench)."""
