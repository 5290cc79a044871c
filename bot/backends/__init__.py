"""Answer backends: extractive, llm, local — one name→factory table."""
