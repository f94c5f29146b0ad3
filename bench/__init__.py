"""Benchmarks on scale data: ratios against a baseline measured in the same run."""
