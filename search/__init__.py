"""Public search: Chinese text handling, index documents built from public records,
query parsing, the embedded (tantivy) and Elasticsearch engines, the durable update
queue, and the search pages and API."""
