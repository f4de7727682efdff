"""The JSON Schemas, shipped inside kring as the package kring.schemas (see pyproject.toml)."""
