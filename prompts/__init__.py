"""Prompt templates and fixed replies, shipped as package data (read with importlib.resources)."""
