"""Document → parsed corpus: loading, metadata, structure, speakers, registry, chunks."""
