"""Chat models the LLM backends talk to: openai (any OpenAI-compatible endpoint), llama_cpp (in-process), gguf
(the verified local model file)."""
