"""The Content-Security-Policy every page carries, as a <meta http-equiv> the build writes.

A second wall behind the sanitizer: even if markup slipped through, no inline script or
event handler runs (scripts only from the site's own files: the theme's inline scripts are
replaced by files, see theme_overrides/partials/javascripts/) and nothing is fetched from
another origin. Style attributes stay allowed: Markdown writes table alignment that way, and
the sanitizer keeps nothing else in them. Directives that a <meta> cannot carry
(frame-ancestors) and other headers are the host's to send: see the README.
"""

from __future__ import annotations

DIRECTIVES = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("style-src-attr", "'unsafe-inline'"),
    ("img-src", "'self' data:"),  # Material's icons are data: URIs in its stylesheet
    ("font-src", "'self'"),
    ("media-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("frame-src", "'self'"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)
POLICY = "; ".join(f"{name} {value}" for name, value in DIRECTIVES)
