"""The conversational chain, answer backends and the CLI; knows nothing of the web front end."""
