#!/usr/bin/env python3
"""Loopback load on `chachong serve`: POST /v1/query with one file from C concurrent clients for
a fixed time; prints requests/s and p50/p99 latency (ms) as one JSON line per client count.
Usage: load.py --port P --key K --file F --clients 1,8,32 --seconds 20"""
import argparse, http.client, json, threading, time, urllib.parse

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--file", required=True)
    parser.add_argument("--clients", default="1,8,32")
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()
    body = open(args.file, "rb").read()
    name = urllib.parse.quote(args.file.rsplit("/", 1)[-1])
    headers = {"Authorization": f"Bearer {args.key}", "Content-Disposition": f"attachment; filename*=UTF-8''{name}",
               "Content-Type": "application/octet-stream"}
    for clients in [int(c) for c in args.clients.split(",")]:
        latencies, errors, lock = [], [0], threading.Lock()
        deadline = time.monotonic() + args.seconds

        def client():
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
            while time.monotonic() < deadline:
                started = time.monotonic()
                try:
                    connection.request("POST", "/v1/query", body=body, headers=headers)
                    response = connection.getresponse()
                    response.read()
                    ok = response.status == 200
                except Exception:
                    ok = False
                    connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
                elapsed = time.monotonic() - started
                with lock:
                    if ok:
                        latencies.append(elapsed)
                    else:
                        errors[0] += 1

        started = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        wall = time.monotonic() - started
        latencies.sort()
        pick = lambda q: round(1000 * latencies[min(len(latencies) - 1, int(q * len(latencies)))], 1) if latencies else None
        print(json.dumps({"clients": clients, "requests": len(latencies), "errors": errors[0],
                          "perSecond": round(len(latencies) / wall, 2), "p50ms": pick(0.5), "p99ms": pick(0.99)}),
              flush=True)

main()
