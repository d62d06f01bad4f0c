"""Performance indicators: definitions, values, targets, RAG, direction and benchmarking."""
