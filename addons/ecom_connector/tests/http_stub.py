# Copyright 2026 Ecom Bridge
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

"""The plumbing every local stand-in of a shop or provider API shares.

A :class:`StubServer` listens on 127.0.0.1 (a free port) in a thread and hands
each request of its ``methods`` to the subclass's ``_handle(handler, method)``;
the subclass speaks its platform's API (paths, authentication, pagination,
error bodies) and answers with :meth:`StubServer._send`. Use it as a context
manager, or ``start()`` and ``stop()``.
"""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class StubServer:
    """A JSON API over real HTTP on 127.0.0.1, for the tests."""

    #: the HTTP methods the stand-in answers (others get the standard library's 501)
    methods = ("GET",)

    def __init__(self):
        self.lock = threading.Lock()
        server = self

        def serve(method):
            def do(handler):
                try:
                    server._handle(handler, method)
                except (BrokenPipeError, ConnectionResetError):
                    handler.close_connection = True  # the client gave up (timeout tests)

            return do

        handler_class = type(
            "Handler",
            (BaseHTTPRequestHandler,),
            {
                "log_message": lambda handler, *args: None,
                **{f"do_{method}": serve(method) for method in self.methods},
            },
        )
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler_class)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.httpd.server_port}"

    def start(self):
        self.thread.start()
        return self

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc):
        self.stop()

    def _handle(self, handler, method):
        """Answer one request (``handler`` is the standard library's request handler)."""
        raise NotImplementedError

    @staticmethod
    def _read(handler):
        """The request's body, as bytes (empty without one)."""
        length = int(handler.headers.get("Content-Length") or 0)
        return handler.rfile.read(length) if length else b""

    @staticmethod
    def _send(handler, status, answer, headers=None):
        """Answer ``status`` with ``answer`` as JSON (bytes as they are) and ``headers``."""
        content = answer if isinstance(answer, bytes) else json.dumps(answer).encode()
        handler.send_response(status)  # adds Date, as every web server does
        handler.send_header("Content-Type", "application/json; charset=utf-8")
        handler.send_header("Content-Length", str(len(content)))
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(content)
