"""Web stage: the FastAPI application, its routes, pages and widget. The only package that
imports FastAPI."""
