"""What the explorer's browser tests share: checks that are counted, the server, Chromium, screenshots, and a
raw WebSocket client for holding playground sessions (Debian's python3 has no websocket module)."""
import base64
import json
import os
import socket
import struct
import subprocess
import zlib

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHOTS = os.path.join(ROOT, "Output", "serve-tests")
FAILURES = []


def check(condition, message):
    print(("  ok   " if condition else "  FAIL ") + message)
    if not condition:
        FAILURES.append(message)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(binary, port, out, arguments=()):
    process = subprocess.Popen([binary, "--port", str(port), "--out", out, "--quick", *arguments],
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    seen = []
    for _ in range(5):
        line = process.stdout.readline()
        seen.append(line)
        if f":{port}/" in line and "open" in line:
            return process
    process.kill()
    raise SystemExit(f"the server did not start: {''.join(seen)}")


def chromium():
    """Headless Chromium with the performance log on (the network check reads it)."""
    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--window-size=1500,1100", "--disable-gpu",
                     "--disable-background-networking", "--disable-component-update", "--no-first-run",
                     "--disable-sync", "--disable-default-apps"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def fmt(x):
    """The page's number format (i18n.js `fmt`)."""
    if x != 0 and (abs(x) < 1e-4 or abs(x) >= 1e6):
        mantissa, exponent = f"{x:.3e}".split("e")
        return f"{mantissa}e{int(exponent):+d}"
    return f"{x:.4f}"


def shot(driver, name):
    path = os.path.join(SHOTS, name)
    driver.save_screenshot(path)
    print(f"  screenshot {os.path.relpath(path, ROOT)}")


def settle(driver, timeout=20):
    """Waits until the trace playground has no trace request in flight or pending."""
    WebDriverWait(driver, timeout).until(lambda d: d.execute_script(
        "return window.dlx && window.dlx.lastView !== null && !state.inFlight && !state.pending"))


def write_png(path, width, height):
    """A dark bag-like rectangle on white, as an RGB PNG (zlib and struct, no imaging library)."""
    rows = b""
    for y in range(height):
        row = bytearray([0])
        for x in range(width):
            inside = width // 5 <= x < 4 * width // 5 and height // 4 <= y < 7 * height // 8
            row += bytes([50, 40, 30] if inside else [255, 255, 255])
        rows += bytes(row)

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


class PlaygroundSocket:
    """One playground WebSocket, as a page would hold it: handshake, masked text frames out, JSON messages in."""

    def __init__(self, port):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=60)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /api/playground HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\n"
                           f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
                          .encode())
        self.buffer = b""
        while b"\r\n\r\n" not in self.buffer:
            self.buffer += self._recv()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"no WebSocket upgrade: {head[:80]!r}")

    def _recv(self):
        data = self.sock.recv(65536)
        if not data:
            raise ConnectionError("the server closed the connection")
        return data

    def _take(self, n):
        while len(self.buffer) < n:
            self.buffer += self._recv()
        out, self.buffer = self.buffer[:n], self.buffer[n:]
        return out

    def send(self, message):
        data, mask = json.dumps(message).encode(), os.urandom(4)
        length = bytes([0x80 | len(data)]) if len(data) < 126 else bytes([0x80 | 126]) + struct.pack(">H", len(data))
        self.sock.sendall(bytes([0x81]) + length + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(data)))

    def receive(self):
        """The next text message as JSON, or None when the server closed the socket."""
        while True:
            first, second = self._take(2)
            n = second & 0x7F
            if n == 126:
                n = struct.unpack(">H", self._take(2))[0]
            elif n == 127:
                n = struct.unpack(">Q", self._take(8))[0]
            payload = self._take(n)
            opcode = first & 0x0F
            if opcode == 8:
                return None
            if opcode == 1:
                return json.loads(payload)

    def close(self):
        self.sock.close()
