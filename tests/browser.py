"""Debian's Chromium, headless, driven over the DevTools protocol (aiohttp's WebSocket client, no
browser download): load a page with scripts disabled and read back its DOM. Chromium's own
--dump-dom needs scripts to serialise the page, so it prints nothing with them off."""
from __future__ import annotations

import asyncio
import itertools
import subprocess
import time
from pathlib import Path

import aiohttp

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-dev-shm-usage", "--remote-debugging-address=127.0.0.1", "--remote-debugging-port=0"]


def dom_without_scripts(chromium: str, url: str, profile: Path, timeout: float = 60.0) -> str:
    """The page's DOM (outer HTML) once it has loaded with JavaScript disabled."""
    profile.mkdir(parents=True, exist_ok=True)
    proc = subprocess.Popen([chromium, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file, deadline = profile / "DevToolsActivePort", time.monotonic() + timeout
        while not (port_file.exists() and port_file.read_text().strip()):
            assert proc.poll() is None, f"chromium exited ({proc.returncode})"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            time.sleep(0.1)
        port = int(port_file.read_text().split()[0])
        return asyncio.run(asyncio.wait_for(_load(port, url), timeout))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


async def _load(port: int, url: str) -> str:
    async with aiohttp.ClientSession() as http:
        async with http.put(f"http://127.0.0.1:{port}/json/new?about:blank") as r:
            page = await r.json()
        async with http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0) as ws:
            ids = itertools.count(1)

            async def call(method: str, **params) -> dict:
                n = next(ids)
                await ws.send_json({"id": n, "method": method, "params": params})
                while True:
                    msg = await ws.receive_json()
                    if msg.get("id") == n:
                        assert "error" not in msg, msg
                        return msg["result"]
                    if msg.get("method") == "Page.loadEventFired":
                        loaded.set()

            loaded = asyncio.Event()
            await call("Page.enable")
            await call("Emulation.setScriptExecutionDisabled", value=True)
            await call("Page.navigate", url=url)
            while not loaded.is_set():
                msg = await ws.receive_json()
                if msg.get("method") == "Page.loadEventFired":
                    loaded.set()
            root = (await call("DOM.getDocument", depth=-1))["root"]
            return (await call("DOM.getOuterHTML", nodeId=root["nodeId"]))["outerHTML"]
