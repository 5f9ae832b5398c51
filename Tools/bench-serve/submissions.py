#!/usr/bin/env python3
"""Submissions through `chachong serve`: creates one submission per file, uploads it, asks for a
check that adds it to the archive, and waits until every report is ready; prints files/s for
upload-to-COMPLETE and for upload-to-archived (check done). With --batch: one batch with
`addToArchive` holding every file (uploaded by the clients), run, waited for; prints files/s from
the first upload to COMPLETE. Usage: submissions.py --port P --key K [--clients 8] [--batch] FILE..."""
import argparse, http.client, json, threading, time, urllib.parse

def call(port, key, method, path, body=None, headers=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    fields = {"Authorization": f"Bearer {key}"}
    fields.update(headers or {})
    connection.request(method, path, body=body, headers=fields)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, data

def call_retrying(port, key, method, path, body=None, headers=None, conflicts=None):
    """`call`, again after a pause while the answer is 409 "the record is being changed
    concurrently, retry" (parallel uploads into one batch); counts those answers in `conflicts`."""
    for attempt in range(50):
        status, data = call(port, key, method, path, body, headers)
        if status != 409 or b'"conflict"' not in data:
            return status, data
        if conflicts is not None:
            conflicts.append(path)
        time.sleep(0.01 * (attempt + 1))
    return status, data

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--key", required=True)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--batch", action="store_true")
    parser.add_argument("files", nargs="+")
    args = parser.parse_args()
    if args.batch:
        return batch(args)
    jobs = list(enumerate(args.files))
    lock = threading.Lock()
    started = time.monotonic()

    def worker():
        while True:
            with lock:
                if not jobs:
                    return
                index, path = jobs.pop()
            sid = f"bench-{index}"
            call(args.port, args.key, "POST", "/v1/submissions", json.dumps({"id": sid}).encode(),
                 {"Content-Type": "application/json"})
            name = urllib.parse.quote(path.rsplit("/", 1)[-1])
            status, _ = call(args.port, args.key, "PUT", f"/v1/submissions/{sid}/file", open(path, "rb").read(),
                             {"Content-Disposition": f"attachment; filename*=UTF-8''{name}"})
            assert status == 202, status
            while json.loads(call(args.port, args.key, "GET", f"/v1/submissions/{sid}")[1])["state"] == "PROCESSING":
                time.sleep(0.05)
            call(args.port, args.key, "POST", f"/v1/submissions/{sid}/check", b'{"addToArchive":true}',
                 {"Content-Type": "application/json"})

    threads = [threading.Thread(target=worker) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    accepted = time.monotonic() - started
    for index in range(len(args.files)):
        while call(args.port, args.key, "GET", f"/v1/submissions/bench-{index}/report")[0] == 202:
            time.sleep(0.1)
    archived = time.monotonic() - started
    print(json.dumps({"files": len(args.files), "clients": args.clients,
                      "completePerSecond": round(len(args.files) / accepted, 2),
                      "archivedPerSecond": round(len(args.files) / archived, 2)}))

def batch(args):
    started = time.monotonic()
    status, _ = call(args.port, args.key, "POST", "/v1/batches", b'{"id":"bench-batch","addToArchive":true}',
                     {"Content-Type": "application/json"})
    assert status in (200, 201), status
    jobs, lock, conflicts, failed = list(args.files), threading.Lock(), [], []

    def upload():
        while True:
            with lock:
                if not jobs:
                    return
                path = jobs.pop()
            name = urllib.parse.quote(path.rsplit("/", 1)[-1])
            status, body = call_retrying(args.port, args.key, "PUT", f"/v1/batches/bench-batch/files/{name}",
                                         open(path, "rb").read(), conflicts=conflicts)
            if status != 200:
                failed.append((path, status, body[:200]))

    threads = [threading.Thread(target=upload) for _ in range(args.clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    uploaded = time.monotonic() - started
    status, body = call(args.port, args.key, "POST", "/v1/batches/bench-batch/run")
    assert status == 202, (status, body)
    while True:
        batch = json.loads(call(args.port, args.key, "GET", "/v1/batches/bench-batch")[1])
        if batch["state"] not in ("QUEUED", "RUNNING"):
            break
        time.sleep(0.2)
    elapsed = time.monotonic() - started
    # The rate counts the applications the batch holds, not the files offered.
    held = len(batch.get("applications", []))
    print(json.dumps({"files": len(args.files), "applications": held, "uploadFailures": len(failed),
                      "conflictRetries": len(conflicts), "batch": True, "state": batch["state"],
                      "errorCode": batch.get("errorCode"), "uploadSeconds": round(uploaded, 2),
                      "seconds": round(elapsed, 2), "archivedPerSecond": round(held / elapsed, 2)}))

main()
