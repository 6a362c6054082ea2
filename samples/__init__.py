"""Sample corpus of board-paper PDFs with their expected records (see samples/README.md)."""
