"""A real HTTP server on 127.0.0.1 that speaks the OpenAI chat-completions protocol with scripted replies.

The real client code (openai, langchain-openai, our factory) runs end to end against it; nothing is mocked.

    with OpenAIServer() as server:
        server.push(Reply.tool_call("find_contacts", {"name": "Li Wei"}), Reply.text("Li Wei [#12]"))
        settings = Settings(OPENAI_BASE_URL=server.url, OPENAI_API_KEY="test-key")
        ...
        server.requests[0]["messages"]   # every request body, parsed, in order

Replies are consumed in order, one per POST /v1/chat/completions. A reply can be plain text, tool calls, an
HTTP error (429, 500, ... with an OpenAI-style error body and optional headers), a malformed (non-JSON) body,
or delayed (to trigger client timeouts). A request with `"stream": true` gets the same reply as Server-Sent
Events (content and tool-call arguments split into several chunks). A callable reply is called with the request
body and returns a Reply, so a script can answer from what the tools sent back. With nothing left to reply,
the server answers 500 "no scripted reply left" (and records it), so a test never hangs.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    kind: str = "text"  # text | tool_calls | error | malformed
    content: str = ""
    tool_calls: list[dict] = field(default_factory=list)
    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0
    finish_reason: str | None = None
    usage: dict | None = None

    @classmethod
    def text(cls, content: str, *, delay: float = 0.0) -> Reply:
        return cls("text", content=content, delay=delay)

    @classmethod
    def tool_call(cls, name: str, arguments: dict, *, call_id: str | None = None, content: str = "") -> Reply:
        return cls.tool_calls_([(name, arguments, call_id)], content=content)

    @classmethod
    def tool_calls_(cls, calls: list[tuple], *, content: str = "") -> Reply:
        """calls: (name, arguments) or (name, arguments, call_id)."""
        out = []
        for c in calls:
            name, args = c[0], c[1]
            call_id = (c[2] if len(c) > 2 else None) or f"call_{uuid.uuid4().hex[:12]}"
            out.append({"id": call_id, "type": "function",
                        "function": {"name": name, "arguments": json.dumps(args, ensure_ascii=False)}})
        return cls("tool_calls", content=content, tool_calls=out)

    @classmethod
    def error(cls, status: int, message: str = "scripted error", *, headers: dict[str, str] | None = None,
              err_type: str = "server_error", delay: float = 0.0) -> Reply:
        return cls("error", content=message, status=status, headers=dict(headers or {}), delay=delay,
                   finish_reason=err_type)

    @classmethod
    def rate_limited(cls, retry_after_ms: int = 10) -> Reply:
        return cls.error(429, "Rate limit reached", headers={"retry-after-ms": str(retry_after_ms)},
                         err_type="rate_limit_exceeded")

    @classmethod
    def malformed(cls, body: str = '{"id": "chatcmpl-x", "choices": [ this is not json') -> Reply:
        return cls("malformed", content=body)

    @classmethod
    def slow(cls, seconds: float, then: Reply | None = None) -> Reply:
        r = then or cls.text("(late)")
        r.delay = seconds
        return r


ReplyLike = Reply | Callable[[dict], Reply]


class OpenAIServer:
    def __init__(self, *replies: ReplyLike, model: str = "scripted-model"):
        self.model = model
        self._queue: list[ReplyLike] = list(replies)
        self._lock = threading.Lock()
        self.requests: list[dict] = []  # parsed JSON bodies of chat-completions requests
        self.headers: list[dict[str, str]] = []  # their headers (lower-case names)
        self.paths: list[str] = []
        self.unanswered = 0  # requests that found no scripted reply
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # --- scripting --------------------------------------------------------------------------------------

    def push(self, *replies: ReplyLike) -> None:
        with self._lock:
            self._queue.extend(replies)

    @property
    def pending(self) -> int:
        return len(self._queue)

    def _next(self, body: dict) -> Reply | None:
        with self._lock:
            item = self._queue.pop(0) if self._queue else None
        if item is None:
            return None
        return item(body) if callable(item) else item

    # --- lifecycle --------------------------------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def start(self) -> OpenAIServer:
        server = self

        class Handler(_Handler):
            owner = server

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._httpd.block_on_close = False
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        name="openai-loopback", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> OpenAIServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # --- helpers for assertions -------------------------------------------------------------------------

    def tool_messages(self, request_index: int = -1) -> list[dict]:
        """The role=tool messages the client sent in one request (the tool results)."""
        return [m for m in self.requests[request_index].get("messages", []) if m.get("role") == "tool"]


class _Handler(BaseHTTPRequestHandler):
    owner: OpenAIServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
        pass

    def do_GET(self) -> None:
        self.owner.paths.append(self.path)
        if self.path.rstrip("/").endswith("/models"):
            self._json(200, {"object": "list", "data": [{"id": self.owner.model, "object": "model"}]})
        else:
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})

    def do_POST(self) -> None:
        owner = self.owner
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length) if length else b""
        owner.paths.append(self.path)
        if not self.path.rstrip("/").endswith("/chat/completions"):
            self._json(404, {"error": {"message": f"no route {self.path}", "type": "invalid_request_error"}})
            return
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            self._json(400, {"error": {"message": "request body is not JSON", "type": "invalid_request_error"}})
            return
        owner.requests.append(body)
        owner.headers.append({k.lower(): v for k, v in self.headers.items()})
        reply = owner._next(body)
        if reply is None:
            owner.unanswered += 1
            self._json(500, {"error": {"message": "no scripted reply left", "type": "server_error"}})
            return
        if reply.delay:
            time.sleep(reply.delay)
        try:
            if reply.kind == "error":
                self._json(reply.status, {"error": {"message": reply.content, "type": reply.finish_reason or "error",
                                                    "code": None, "param": None}}, reply.headers)
            elif reply.kind == "malformed":
                self._send(200, reply.content.encode(), "application/json")
            elif body.get("stream"):
                self._stream(body, reply)
            else:
                self._json(200, _completion(body, reply, owner.model))
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (a timeout test)
            pass

    # --- writing ----------------------------------------------------------------------------------------

    def _send(self, status: int, data: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("content-type", ctype)
        self.send_header("content-length", str(len(data)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(data)

    def _json(self, status: int, obj: dict, headers: dict[str, str] | None = None) -> None:
        self._send(status, json.dumps(obj, ensure_ascii=False).encode(), "application/json", headers)

    def _stream(self, body: dict, reply: Reply) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.send_header("transfer-encoding", "chunked")
        self.end_headers()
        for chunk in _chunks(body, reply, self.owner.model):
            data = f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode()
            self._write_chunk(data)
        self._write_chunk(b"data: [DONE]\n\n")
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def _write_chunk(self, data: bytes) -> None:
        self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
        self.wfile.flush()


def _usage(body: dict, reply: Reply) -> dict:
    if reply.usage:
        return reply.usage
    prompt = sum(len(str(m.get("content") or "")) for m in body.get("messages", [])) // 4 + 1
    completion = len(reply.content) // 4 + 1
    return {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion}


def _completion(body: dict, reply: Reply, model: str) -> dict:
    message: dict[str, Any] = {"role": "assistant", "content": reply.content or None}
    finish = reply.finish_reason or "stop"
    if reply.tool_calls:
        message["tool_calls"] = reply.tool_calls
        finish = "tool_calls"
    return {
        "id": f"chatcmpl-{uuid.uuid4().hex[:16]}", "object": "chat.completion", "created": int(time.time()),
        "model": body.get("model") or model,
        "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish}],
        "usage": _usage(body, reply),
    }


def _pieces(text: str, n: int = 3) -> list[str]:
    if not text:
        return []
    size = max(1, -(-len(text) // n))
    return [text[i : i + size] for i in range(0, len(text), size)]


def _chunks(body: dict, reply: Reply, model: str):
    cid = f"chatcmpl-{uuid.uuid4().hex[:16]}"
    base = {"id": cid, "object": "chat.completion.chunk", "created": int(time.time()), "model": body.get("model") or model}

    def chunk(delta: dict, finish: str | None = None) -> dict:
        return {**base, "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]}

    yield chunk({"role": "assistant", "content": ""})
    for piece in _pieces(reply.content, 4):
        yield chunk({"content": piece})
    for i, call in enumerate(reply.tool_calls):
        yield chunk({"tool_calls": [{"index": i, "id": call["id"], "type": "function",
                                     "function": {"name": call["function"]["name"], "arguments": ""}}]})
        for piece in _pieces(call["function"]["arguments"], 3):
            yield chunk({"tool_calls": [{"index": i, "function": {"arguments": piece}}]})
    yield chunk({}, "tool_calls" if reply.tool_calls else (reply.finish_reason or "stop"))
    if (body.get("stream_options") or {}).get("include_usage"):
        yield {**base, "choices": [], "usage": _usage(body, reply)}
