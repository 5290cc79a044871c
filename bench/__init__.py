"""Benchmarks: retrieval quality, answer latency, load, scale (see bench/README.md)."""
