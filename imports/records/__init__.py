"""Registry records (credit lists, charity filings, village finances) from CSV/XLSX."""
