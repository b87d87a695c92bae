"""The only part of labsite that knows MkDocs: thin plugins over the core modules."""
