"""Ingestion, chunking, embeddings, the vector store and retrieval; knows nothing of answers."""
