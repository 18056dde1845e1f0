"""A small load client: N keep-alive connections hammer one route of a running server for a fixed time.

Loopback only (the benchmark starts the server as `make run` serves it, on 127.0.0.1): `run_load` refuses any
other host. Plain asyncio streams and HTTP/1.1, no dependency, so the client costs little of the machine it
shares with the server. Each route runs at each concurrency for `seconds`, then stops by itself; a request
that takes longer than `timeout` seconds counts as an error, as does any answer other than 200.
"""

import asyncio
import ipaddress
import statistics
import time
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Route:
    name: str
    path: str  # with its query, already encoded
    headers: dict[str, str]


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


async def _read_response(reader: asyncio.StreamReader) -> tuple[int, bool]:
    """(status, keep the connection open) of one response, its body read and dropped."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            k, v = line.split(":", 1)
            headers[k.strip().lower()] = v.strip()
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while True:
            size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
            await reader.readexactly(size + 2)
            if size == 0:
                break
    elif "content-length" in headers:
        await reader.readexactly(int(headers["content-length"]))
    else:
        await reader.read()  # until the server closes
        return status, False
    return status, headers.get("connection", "").lower() != "close"


async def _worker(host, port, route: Route, deadline: float, timeout: float, out: list, errors: list) -> None:
    request = (
        f"GET {route.path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: text/html,application/json\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in route.headers.items())
        + "\r\n"
    ).encode()
    conn = None
    while time.perf_counter() < deadline:
        t = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.wait_for(asyncio.open_connection(host, port), timeout)
            reader, writer = conn
            writer.write(request)
            await writer.drain()
            status, keep = await asyncio.wait_for(_read_response(reader), timeout)
            if not keep:
                writer.close()
                conn = None
        except (TimeoutError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            status = 0
            if conn is not None:
                conn[1].close()
            conn = None
        elapsed = (time.perf_counter() - t) * 1000
        if status == 200:
            out.append(elapsed)
        else:
            errors.append(status)
    if conn is not None:
        conn[1].close()


def _pct(samples: list[float], q: float) -> float:
    s = sorted(samples)
    return round(s[min(len(s) - 1, int(round(q * (len(s) - 1))))], 1) if s else 0.0


async def _measure(host, port, route: Route, concurrency: int, seconds: float, timeout: float) -> dict:
    out: list[float] = []
    errors: list[int] = []
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(*(_worker(host, port, route, deadline, timeout, out, errors) for _ in range(concurrency)))
    wall = time.perf_counter() - start
    return {
        "route": route.name,
        "concurrency": concurrency,
        "seconds": round(wall, 1),
        "requests": len(out),
        "rps": round(len(out) / wall, 1) if wall else 0.0,
        "p50": round(statistics.median(out), 1) if out else 0.0,
        "p95": _pct(out, 0.95),
        "p99": _pct(out, 0.99),
        "errors": len(errors),
        "error_statuses": sorted(set(errors)),
    }


def run_load(
    base_url: str,
    routes: list[Route],
    *,
    concurrency: tuple[int, ...] = (1, 8, 32),
    seconds: float = 20,
    timeout: float = 10,
    warmup: float = 2,
    say=print,
) -> list[dict]:
    """Each route at each concurrency for `seconds` (after a short warm-up at concurrency 1, not recorded)."""
    parts = urlsplit(base_url)
    host, port = parts.hostname or "", parts.port or 80
    if not _loopback(host):
        raise ValueError(f"the load client sends to this machine's loopback addresses only, not {host!r}")
    results = []
    for route in routes:
        if warmup:
            asyncio.run(_measure(host, port, route, 1, warmup, timeout))
        for c in concurrency:
            row = asyncio.run(_measure(host, port, route, c, seconds, timeout))
            say(
                f"  {route.name} ×{c}: {row['rps']} req/s p50={row['p50']} p95={row['p95']} p99={row['p99']} ms "
                f"errors={row['errors']}"
            )
            results.append(row)
    return results
