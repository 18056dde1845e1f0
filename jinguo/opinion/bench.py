"""The opinion module's part of the benchmark: its measurements live in jinguo.opinion.measure (`jinguo opinion
bench` prints them); `make bench` does not run them yet."""

from jinguo.opinion.measure import run  # noqa: F401 - the benchmark's entry point for this module
