"""A real local SMS gateway for tests: an HTTP server in a thread that records every request.

``sms_gateway`` speaks the ``http`` backend's protocol (any 2xx accepts); ``aliyun_gateway``
answers Alibaba Cloud's ``SendSms`` RPC as its endpoint does (JSON with ``Code`` "OK" and a
``BizId``). ``gateway.fail_next(n, status)`` makes the next ``n`` requests fail.
"""

import json
import threading
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Received:
    method: str
    path: str
    headers: dict
    body: bytes
    query: dict

    def json(self):
        return json.loads(self.body)

    @property
    def form(self) -> dict:
        """Query and form fields, one value each (Aliyun's RPC sends them either way)."""
        fields = {k: v[0] for k, v in self.query.items()}
        if self.body and "json" not in self.headers.get("content-type", ""):
            fields.update({k: v[0] for k, v in parse_qs(self.body.decode()).items()})
        return fields


@dataclass
class Gateway:
    kind: str = "http"
    received: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    url: str = ""

    def fail_next(self, count: int = 1, status: int = 500):
        self.failures.extend([status] * count)

    def answer(self, request: Received) -> tuple[int, dict]:
        if self.failures:
            status = self.failures.pop(0)
            if self.kind == "aliyun":
                return status, {"Code": "ServiceUnavailable", "Message": "try later",
                                "RequestId": str(uuid.uuid4())}
            return status, {"error": "try later"}
        if self.kind == "aliyun":
            return 200, {"Code": "OK", "Message": "OK", "BizId": "900619746936498440^0",
                         "RequestId": str(uuid.uuid4())}
        return 202, {"accepted": True}


def start(kind: str = "http"):
    gateway = Gateway(kind=kind)

    class Handler(BaseHTTPRequestHandler):
        def _handle(self):
            length = int(self.headers.get("Content-Length") or 0)
            parts = urlsplit(self.path)
            request = Received(
                method=self.command, path=parts.path,
                headers={k.lower(): v for k, v in self.headers.items()},
                body=self.rfile.read(length) if length else b"", query=parse_qs(parts.query),
            )
            gateway.received.append(request)
            status, body = gateway.answer(request)
            data = json.dumps(body).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json;charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        do_POST = do_GET = _handle

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    gateway.url = f"127.0.0.1:{server.server_address[1]}"
    return gateway, server
