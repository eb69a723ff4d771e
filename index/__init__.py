"""Index stage: encoders, the dense FAISS index, the French BM25 index, rank fusion and
persisted index generations. Imports ``corpus`` only."""
