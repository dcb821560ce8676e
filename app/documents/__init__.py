"""PDF documents and the office seal: builders that take plain data and return bytes."""
