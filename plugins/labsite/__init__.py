"""labsite: the Bernoulli Lab website generator.

The modules of this package hold the site's logic in plain Python; only
``labsite.mkdocs_adapter`` knows about MkDocs and Material for MkDocs.
"""

__version__ = "0.1.0"
