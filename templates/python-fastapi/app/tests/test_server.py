"""The real server: started as `python -m server`, as App Runner and the image start it."""

import json
import os
import signal
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(port: str) -> subprocess.Popen:
    env = {**os.environ, "PORT": port}
    return subprocess.Popen([sys.executable, "-m", "server"], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)


def raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(data)
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
        return answer


def test_serves_logs_json_refuses_oversized_headers_and_drains_on_sigterm():
    port = free_port()
    server = start(str(port))
    lines = []
    try:
        for text in server.stdout:
            lines.append(json.loads(text))  # every stdout line must be JSON
            if lines[-1]["msg"] == "listening":
                break
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
            assert response.status == 200
        big = raw(port, b"GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n")
        assert big.startswith(b"HTTP/1.1 431 ") and b"x-content-type-options: nosniff" in big
        assert raw(port, b"NOT HTTP AT ALL\r\n\r\n").startswith(b"HTTP/1.1 400 ")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/") as response:
            assert response.status == 200
    finally:
        server.send_signal(signal.SIGTERM)
    out, _ = server.communicate(timeout=20)
    lines += [json.loads(text) for text in out.splitlines() if text.strip()]
    assert server.returncode == 0
    assert any(line["msg"] == "stopped" for line in lines)
    assert "aaaa" not in json.dumps(lines)


def test_a_port_that_is_not_a_number_stops_the_start_with_one_json_line():
    server = start('80a"')
    out, _ = server.communicate(timeout=20)
    assert server.returncode == 1
    (line,) = [json.loads(text) for text in out.splitlines()]
    assert line["level"] == "error" and line["PORT"] == '80a"'
