"""A TCP proxy on loopback that delays every chunk by a fixed time each way.

Why: a shared PostgreSQL database over a real network answers each round trip
in tens of milliseconds, and a screen that makes 40 round trips on the UI thread
freezes for a second. Putting this between the window and a local server shows
that cost on one machine. Chunks keep their order; delays overlap like a real
link's latency (it adds delay, not bandwidth limits).
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


async def _pump(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, delay: float) -> None:
    queue: asyncio.Queue[tuple[float, bytes]] = asyncio.Queue()

    async def send() -> None:
        while True:
            due, data = await queue.get()
            if not data:
                break
            wait = due - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            writer.write(data)
            await writer.drain()
        writer.close()

    sender = asyncio.ensure_future(send())
    try:
        while data := await reader.read(65536):
            queue.put_nowait((time.monotonic() + delay, data))
    except ConnectionError:
        pass
    finally:
        queue.put_nowait((0.0, b""))
        await sender


async def _serve(listen_port: int, target_port: int, delay: float, ready: threading.Event,
                 stop: asyncio.Event, bound: list[int]) -> None:
    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        server_r, server_w = await asyncio.open_connection("127.0.0.1", target_port)
        try:
            await asyncio.gather(_pump(client_r, server_w, delay), _pump(server_r, client_w, delay),
                                 return_exceptions=True)
        except asyncio.CancelledError:  # the proxy is stopping with this connection still open
            client_w.close()
            server_w.close()

    server = await asyncio.start_server(handle, "127.0.0.1", listen_port)
    bound.append(server.sockets[0].getsockname()[1])
    ready.set()
    async with server:
        await stop.wait()


@contextmanager
def latency_proxy(target_port: int, *, delay_ms: float = 10.0) -> Iterator[int]:
    """Run the proxy in a thread for the block; yields the loopback port to connect to."""
    loop = asyncio.new_event_loop()
    ready = threading.Event()
    bound: list[int] = []
    stop = asyncio.Event()

    def runner() -> None:
        asyncio.set_event_loop(loop)
        try:
            loop.run_until_complete(_serve(0, target_port, delay_ms / 1000, ready, stop, bound))
        finally:  # connections still open when the block ends are cut, not left to warn at exit
            left = asyncio.all_tasks(loop)
            for task in left:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*left, return_exceptions=True))
            loop.close()

    thread = threading.Thread(target=runner, daemon=True)
    thread.start()
    if not ready.wait(10):
        raise RuntimeError("the latency proxy did not start")
    try:
        yield bound[0]
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(10)
