#!/usr/bin/env python3
"""Forwards TCP connections from LISTEN_HOST:PORT to TARGET_HOST:PORT, bytes unchanged.

The real node's pods reach the API server through the `kubernetes` Service, whose endpoint is the
node address; the API server itself listens on loopback only. This bridges the two (TLS passes
through untouched). Usage: tcp-forward.py LISTEN_HOST TARGET_HOST PORT
"""
import asyncio
import sys


async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        try:
            writer.close()
        except OSError:
            pass


async def main(listen_host: str, target_host: str, port: int) -> None:
    async def handle(client_reader, client_writer):
        try:
            target_reader, target_writer = await asyncio.open_connection(target_host, port)
        except OSError:
            client_writer.close()
            return
        await asyncio.gather(pipe(client_reader, target_writer), pipe(target_reader, client_writer))

    server = await asyncio.start_server(handle, listen_host, port)
    print(f"forwarding {listen_host}:{port} -> {target_host}:{port}", flush=True)
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
