"""The one path of a question: normalise, condense, understand, retrieve, evidence, chain."""
