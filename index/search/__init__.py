"""Embeddings, the Chroma store, BM25 and the fused retriever."""
