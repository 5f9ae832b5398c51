#!/usr/bin/env python3
"""Writes docs/openapi.json (the API of `chachong serve`, OpenAPI 3.1) and the Swift file that
serves it as is (Sources/ChachongServer/OpenAPIDocument.swift). Run after changing the API:
  python3 Tools/openapi/generate.py
ServerTests checks that the served document is byte-identical to docs/openapi.json."""
import json, os

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}

S = {"type": "string"}
I = {"type": "integer"}
N = {"type": "number"}
B = {"type": "boolean"}

def obj(props, required=(), additional=False):
    o = {"type": "object", "properties": props}
    if required:
        o["required"] = list(required)
    if not additional:
        o["additionalProperties"] = False
    return o

job_states = ["queued", "running", "succeeded", "failed", "cancelled"]
schemas = {
    "Error": obj({"error": obj({"code": S, "message": S}, ["code", "message"])}, ["error"]),
    "SubmissionMetadata": obj({
        "id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}$",
               "description": "Chosen by the client: the same id and body again is 200, another body 409."},
        "program": S, "year": I, "status": S, "title": S, "organisation": S, "creditCode": S, "lead": S,
        "leadID": {"type": "string", "description": "Accepted; answered and stored masked only."},
    }, ["id"], additional=True),
    "Submission": obj({
        "id": S,
        "state": {"type": "string", "enum": ["CREATED", "PROCESSING", "COMPLETE", "ERROR"]},
        "errorCode": {"type": "string", "enum": [
            "UNSUPPORTED_FILETYPE", "CORRUPT_FILE", "ENCRYPTED_FILE", "CANNOT_EXTRACT_TEXT", "TOO_LITTLE_TEXT",
            "FILE_TOO_LARGE", "CHECK_FAILED", "TIMED_OUT"]},
        "message": S, "metadata": ref("SubmissionMetadata"), "fileName": S, "fileSize": I, "characters": I,
        "check": {"type": "string", "enum": job_states}, "attempts": I, "createdAt": N, "updatedAt": N,
    }, ["id", "state", "metadata", "attempts", "createdAt", "updatedAt"]),
    "SubmissionList": obj({"submissions": {"type": "array", "items": ref("Submission")}}, ["submissions"]),
    "SubmissionCheckOptions": obj({
        "call": {"type": "string", "description": "A batch whose call configuration, registry and templates the check uses."},
        "addToArchive": B,
    }, ["addToArchive"], additional=True),
    "JobProgress": obj({"stage": S, "done": I, "total": I}, ["done"]),
    "PendingReport": obj({"state": {"type": "string", "enum": ["queued", "running"]}, "progress": ref("JobProgress")},
                         ["state"]),
    "BatchCreation": obj({"id": {"type": "string", "pattern": "^[A-Za-z0-9][A-Za-z0-9._\\-]{0,127}$"}, "name": S,
                          "addToArchive": B}, additional=True),
    "BatchFile": obj({"name": S, "size": I, "sha256": S}, ["name", "size", "sha256"]),
    "Batch": obj({
        "id": S, "name": S,
        "state": {"type": "string", "enum": ["CREATED", "QUEUED", "RUNNING", "COMPLETE", "ERROR", "CANCELLED"]},
        "message": S, "applications": {"type": "array", "items": ref("BatchFile")}, "manifest": ref("BatchFile"),
        "registry": ref("BatchFile"), "templates": {"type": "array", "items": ref("BatchFile")},
        "call": ref("BatchFile"), "addToArchive": B, "progress": ref("JobProgress"), "attempts": I,
        "createdAt": N, "updatedAt": N,
    }, ["id", "state", "applications", "templates", "addToArchive", "attempts", "createdAt", "updatedAt"]),
    "BatchList": obj({"batches": {"type": "array", "items": ref("Batch")}}, ["batches"]),
    "ApplicationReport": {"type": "object", "required": ["id", "file", "findings"],
                          "properties": {"id": S, "file": S, "findings": {"type": "array"}},
                          "description": "The application's entry of `chachong check`'s report (docs/report.md)."},
    "CheckReport": {"type": "object", "required": ["applications", "summary"],
                    "properties": {"applications": {"type": "array", "items": ref("ApplicationReport")},
                                   "summary": {"type": "object"}, "errors": {"type": "array"}},
                    "description": "`chachong check`'s report (docs/report.md)."},
    "QueryReport": {"type": "object", "required": ["results", "errors"],
                    "properties": {"results": {"type": "array"}, "errors": {"type": "array"}},
                    "description": "`chachong query`'s JSON report for the one uploaded document."},
    "CompareRequest": obj({
        "a": obj({"name": S, "contentBase64": S}, ["name", "contentBase64"]),
        "b": obj({"name": S, "contentBase64": S}, ["name", "contentBase64"]),
    }, ["a", "b"]),
    "CompareReport": {"type": "object", "required": ["a", "b", "jaccard", "passages"],
                      "properties": {"a": {"type": "object"}, "b": {"type": "object"}, "jaccard": N,
                                     "passages": {"type": "array"}}},
    "ArchivedDocument": obj({"id": S, "record": {"type": "object"}, "text": S}, ["id", "record", "text"]),
    "KeyCreation": obj({"name": S, "scopes": {"type": "array",
                        "items": {"type": "string", "enum": ["submit", "review", "audit", "admin"]}}},
                       ["name", "scopes"], additional=True),
    "APIKey": obj({"id": S, "name": S, "scopes": {"type": "array", "items": S}, "createdAt": N, "revokedAt": N},
                  ["id", "name", "scopes", "createdAt"]),
    "CreatedKey": obj({"key": ref("APIKey"), "secret": S}, ["key", "secret"]),
    "KeyList": obj({"keys": {"type": "array", "items": ref("APIKey")}}, ["keys"]),
    "AuditEntry": obj({"sequence": I, "time": N, "actor": S, "action": S, "target": S, "clientAddress": S,
                       "detail": S}, ["sequence", "time", "actor", "action", "target"]),
    "AuditList": obj({"entries": {"type": "array", "items": ref("AuditEntry")}}, ["entries"]),
    "WebhookRegistration": obj({
        "url": {"type": "string", "description": "Must start with a prefix of the configuration's webhooks.allowedURLPrefixes."},
        "events": {"type": "array", "items": {"type": "string", "enum": [
            "submission.complete", "submission.error", "check.complete", "batch.complete"]}},
        "secret": {"type": "string", "minLength": 16, "maxLength": 256},
    }, ["url", "events", "secret"], additional=True),
    "Webhook": obj({"id": S, "url": S, "events": {"type": "array", "items": S}, "createdAt": N},
                   ["id", "url", "events", "createdAt"]),
    "WebhookList": obj({"webhooks": {"type": "array", "items": ref("Webhook")}}, ["webhooks"]),
    "WebhookDelivery": obj({"id": S, "webhook": S, "event": S, "state": S, "attempts": I, "lastStatus": I,
                            "lastError": S, "createdAt": N, "updatedAt": N},
                           ["id", "webhook", "event", "state", "attempts", "createdAt", "updatedAt"]),
    "DeliveryList": obj({"deliveries": {"type": "array", "items": ref("WebhookDelivery")}}, ["deliveries"]),
    "Status": obj({"status": S}, ["status"]),
}

ERRORS = {
    "400": "Bad request (malformed JSON, bad query parameter).",
    "401": "No or bad API key.",
    "403": "The key lacks the scope.",
    "404": "No such resource.",
    "409": "Conflicts with the stored state (another body under the same id, a running job).",
    "413": "Over the upload limit (default 50 MB).",
    "415": "The body is not application/json.",
    "422": "The body is well-formed but unusable.",
    "429": "The job queue is full or the key's rate limit is reached (Retry-After).",
    "503": "The service is draining (Retry-After).",
}

def err_responses(codes):
    out = {}
    for c in codes:
        r = {"description": ERRORS[c], "content": {"application/json": {"schema": ref("Error")}}}
        if c in ("429", "503"):
            r["headers"] = {"Retry-After": {"schema": {"type": "string"}}}
        out[c] = r
    return out

ALL = ["400", "401", "403", "404", "409", "413", "415", "422", "429", "503"]

def op(summary, responses, body=None, params=(), query=(), tags=(), security=True, codes=ALL):
    o = {"summary": summary, "responses": {}}
    if tags:
        o["tags"] = list(tags)
    for status, (desc, content) in responses.items():
        r = {"description": desc}
        if content:
            r["content"] = content
        o["responses"][status] = r
    o["responses"].update(err_responses(codes))
    ps = [{"name": p, "in": "path", "required": True, "schema": {"type": "string"}} for p in params]
    ps += query
    if ps:
        o["parameters"] = ps
    if body:
        o["requestBody"] = body
    if not security:
        o["security"] = []
    return o

def jbody(name, required=True):
    return {"required": required, "content": {"application/json": {"schema": ref(name)}}}

FILE_BODY = {"required": True, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}},
             "description": "The file's bytes; its name in `Content-Disposition: attachment; filename*=UTF-8''…`."}

def j(name):
    return {"application/json": {"schema": ref(name)}}

fmt = lambda values: {"name": "format", "in": "query", "required": False,
                      "schema": {"type": "string", "enum": values}}
limit_q = {"name": "limit", "in": "query", "required": False, "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}
HTML = {"text/html": {"schema": {"type": "string"}}}
TEXT = {"text/plain": {"schema": {"type": "string"}}}

paths = {
    "/healthz": {"get": op("Liveness", {"200": ("Alive", j("Status"))}, security=False, codes=[])},
    "/readyz": {"get": op("Readiness (the stores answer, not draining)", {"200": ("Ready", j("Status"))},
                          security=False, codes=["503"])},
    "/metrics": {"get": op("Prometheus metrics", {"200": ("Exposition text", TEXT)}, security=False, codes=[])},
    "/v1/openapi.json": {"get": op("This document", {"200": ("OpenAPI 3.1", {"application/json": {"schema": {"type": "object"}}})},
                                   security=False, codes=[])},
    "/v1/submissions": {
        "post": op("Create a submission (idempotent by client id)",
                   {"201": ("Created", j("Submission")), "200": ("The same id and body again", j("Submission"))},
                   body=jbody("SubmissionMetadata"), tags=["submissions"]),
        "get": op("List submissions (the key's own; all with review)", {"200": ("Submissions", j("SubmissionList"))},
                  query=[limit_q], tags=["submissions"]),
    },
    "/v1/submissions/{id}": {
        "get": op("A submission's state", {"200": ("The submission", j("Submission"))}, params=["id"], tags=["submissions"]),
        "delete": op("Delete a submission (admin)", {"204": ("Deleted", None)}, params=["id"], tags=["submissions"]),
    },
    "/v1/submissions/{id}/file": {
        "put": op("Upload the submission's file; its text is read in the background",
                  {"202": ("Accepted", j("Submission"))}, body=FILE_BODY, params=["id"], tags=["submissions"]),
    },
    "/v1/submissions/{id}/check": {
        "post": op("Request a check", {"202": ("Queued", j("Submission"))}, body=jbody("SubmissionCheckOptions", False),
                   params=["id"], tags=["submissions"]),
    },
    "/v1/submissions/{id}/report": {
        "get": op("The application's report (202 while pending)",
                  {"200": ("The report", {**j("ApplicationReport"), **HTML}), "202": ("Pending", j("PendingReport"))},
                  params=["id"], query=[fmt(["json", "html"])], tags=["submissions"]),
    },
    "/v1/batches": {
        "post": op("Create a batch", {"201": ("Created", j("Batch")), "200": ("The same id and body again", j("Batch"))},
                   body=jbody("BatchCreation", False), tags=["batches"]),
        "get": op("List batches", {"200": ("Batches", j("BatchList"))}, query=[limit_q], tags=["batches"]),
    },
    "/v1/batches/{id}": {
        "get": op("A batch's state and progress", {"200": ("The batch", j("Batch"))}, params=["id"], tags=["batches"]),
    },
    "/v1/batches/{id}/files/{name}": {
        "put": op("Add an application, or a .zip of applications", {"200": ("The batch", j("Batch"))}, body=FILE_BODY,
                  params=["id", "name"], tags=["batches"]),
    },
    "/v1/batches/{id}/run": {
        "post": op("Run the batch's check", {"202": ("Queued", j("Batch"))}, params=["id"], tags=["batches"]),
        "delete": op("Cancel the batch's run", {"200": ("The batch", j("Batch"))}, params=["id"], tags=["batches"]),
    },
    "/v1/batches/{id}/report": {
        "get": op("The batch's report (202 while pending)",
                  {"200": ("The report", {**j("CheckReport"), **HTML, **TEXT}), "202": ("Pending", j("PendingReport"))},
                  params=["id"], query=[fmt(["json", "html", "text"]),
                                        {"name": "lang", "in": "query", "required": False,
                                         "schema": {"type": "string", "enum": ["zh", "en"]}}], tags=["batches"]),
    },
    "/v1/query": {
        "post": op("Similar archived documents of one uploaded file (synchronous, size-limited)",
                   {"200": ("The query report", j("QueryReport"))}, body=FILE_BODY, tags=["archive"]),
    },
    "/v1/compare": {
        "post": op("Compare two uploaded files (synchronous, size-limited)", {"200": ("The comparison", j("CompareReport"))},
                   body=jbody("CompareRequest"), tags=["archive"]),
    },
    "/v1/documents/{id}": {
        "get": op("An archived document's record and text (audited)", {"200": ("The document", j("ArchivedDocument"))},
                  params=["id"], tags=["archive"]),
    },
    "/v1/keys": {
        "get": op("List API keys (admin)", {"200": ("Keys", j("KeyList"))}, tags=["admin"]),
        "post": op("Create an API key (admin); the secret is shown once", {"201": ("Created", j("CreatedKey"))},
                   body=jbody("KeyCreation"), tags=["admin"]),
    },
    "/v1/keys/{id}": {
        "delete": op("Revoke an API key (admin)", {"200": ("Revoked", j("APIKey"))}, params=["id"], tags=["admin"]),
    },
    "/v1/audit": {
        "get": op("The audit log, newest first (admin)", {"200": ("Entries", j("AuditList"))},
                  query=[limit_q, {"name": "before", "in": "query", "required": False, "schema": {"type": "integer"}}],
                  tags=["admin"]),
    },
    "/v1/webhooks": {
        "post": op("Register a webhook", {"201": ("Registered", j("Webhook"))}, body=jbody("WebhookRegistration"),
                   tags=["webhooks"]),
        "get": op("List webhooks", {"200": ("Webhooks", j("WebhookList"))}, tags=["webhooks"]),
    },
    "/v1/webhooks/{id}/deliveries": {
        "get": op("A webhook's deliveries", {"200": ("Deliveries", j("DeliveryList"))}, params=["id"], tags=["webhooks"]),
    },
    "/v1/webhooks/{id}/deliveries/{delivery}/resend": {
        "post": op("Deliver again", {"202": ("Queued", j("WebhookDelivery"))}, params=["id", "delivery"],
                   tags=["webhooks"]),
    },
}

for role in ["manifest", "registry", "template", "call"]:
    paths[f"/v1/batches/{{id}}/{role}"] = {
        "put": op(f"Set the batch's {role}" if role != "template" else "Add a template",
                  {"200": ("The batch", j("Batch"))}, body=FILE_BODY, params=["id"], tags=["batches"]),
    }

doc = {
    "openapi": "3.1.0",
    "info": {"title": "chachong service", "version": "1",
             "description": "查重 service API (docs/service.md). Errors are {\"error\": {\"code\", \"message\"}}; "
                            "messages in Chinese, English with Accept-Language: en."},
    "servers": [{"url": "http://127.0.0.1:8080"}],
    "security": [{"bearer": []}],
    "paths": dict(sorted(paths.items())),
    "components": {"schemas": schemas,
                   "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
}

text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n"
with open(os.path.join(ROOT, "docs/openapi.json"), "w", encoding="utf-8") as f:
    f.write(text)
assert '"""#' not in text
with open(os.path.join(ROOT, "Sources/ChachongServer/OpenAPIDocument.swift"), "w", encoding="utf-8") as f:
    f.write("// Generated by Tools/openapi/generate.py from the same data as docs/openapi.json; do not edit.\n")
    # Indented as swift-format leaves it; the closing delimiter's indentation is stripped, so the
    # string is the document byte for byte (without its final newline, which the route adds).
    f.write("enum OpenAPIDocument {\n  static let json = #\"\"\"\n")
    f.write("".join("    " + line + "\n" for line in text.splitlines()))
    f.write("    \"\"\"#\n}\n")
print("wrote docs/openapi.json and Sources/ChachongServer/OpenAPIDocument.swift")
