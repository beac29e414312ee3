"""The web app: the guided interview, the analysis, the precedents, reading an opinion, and a JSON API.

    from stare.web import create_app
    app = create_app()          # a FastAPI app over the bundled case base

``stare serve`` runs it with uvicorn on 127.0.0.1:8000; see docs/web.md.
"""

from stare.web.app import create_app, serve

__all__ = ["create_app", "serve"]
