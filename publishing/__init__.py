"""See ARCHITECTURE.md: this room is built by a later issue."""
