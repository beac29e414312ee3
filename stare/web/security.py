"""What keeps the web app safe: bounded bodies, security headers, and the limits every form field obeys.

``Guard`` is pure ASGI middleware. It refuses a body over ``MAX_BODY_BYTES`` with 413 before it reaches a
handler (by its Content-Length, or by counting as it streams), and adds security headers to every response:
a strict Content-Security-Policy (no scripts at all) everywhere but the API documentation, whose script is
served from this server, never a CDN.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders

MAX_UPLOAD_BYTES = 5 * 1024 * 1024  # an opinion, uploaded or pasted
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 256 * 1024  # the upload plus the form's other fields
MAX_EXCLUDE = 50
LOOPBACK = ("127.0.0.1", "localhost", "::1")
CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self'; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'none'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; "
    "connect-src 'self'; base-uri 'none'; frame-ancestors 'none'"
)


class Guard:
    """Refuses a body over ``limit`` bytes with 413, and adds security headers to every response. ``refuse``
    renders the refusal (a page that keeps the form, or JSON for the API)."""

    def __init__(self, app, refuse, limit: int = MAX_BODY_BYTES):
        self.app, self.refuse, self.limit = app, refuse, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        docs = path.startswith(("/docs", "/redoc", "/static/swagger"))

        async def send_secure(message):
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                headers.setdefault("X-Frame-Options", "DENY")
                headers.setdefault("Referrer-Policy", "no-referrer")
                headers.setdefault("Content-Security-Policy", DOCS_CSP if docs else CSP)
            await send(message)

        declared = None
        for k, v in scope.get("headers", []):
            if k == b"content-length":
                try:
                    declared = int(v)
                except ValueError:
                    await self._refuse(scope, receive, send_secure, 400, "The Content-Length header is not a number.")
                    return
        if declared is not None and declared > self.limit:
            await self._refuse(scope, receive, send_secure, 413, self._too_large(declared))
            return
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            chunks, total, more = [], 0, True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body = message.get("body", b"")
                total += len(body)
                if total > self.limit:
                    await self._refuse(scope, receive, send_secure, 413, self._too_large(total))
                    return
                chunks.append(body)
                more = message.get("more_body", False)
            whole = b"".join(chunks)
            sent = False

            async def replay():
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": whole, "more_body": False}
                return await receive()

            await self.app(scope, replay, send_secure)
            return
        await self.app(scope, receive, send_secure)

    def _too_large(self, n: int) -> str:
        return (
            f"The request is {n / 1024 / 1024:.1f} MB or more; the limit is {self.limit / 1024 / 1024:.1f} MB "
            f"(an opinion or fact file of at most {MAX_UPLOAD_BYTES // 1024 // 1024} MB)."
        )

    async def _refuse(self, scope, receive, send, status: int, message: str) -> None:
        response = self.refuse(scope.get("path", ""), status, message)
        response.headers["Connection"] = "close"
        await response(scope, receive, send)
