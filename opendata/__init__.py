"""Open data: datasets, downloads, schemas, catalogue, releases and diffs, read API."""
