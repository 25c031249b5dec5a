#!/usr/bin/env python3
"""Writes corpus.jsonl: the hostile-input corpus HostileInputIT replays against the live test stack.

Every line is one request the gateway must refuse with the expected 4xx and a JSON error body,
within 2 s. Bodies are text ("body") or base64 ("bodyB64", for invalid UTF-8 and zips).
Placeholders filled in by the test: {{KEY}} (the dev tenant's user key), {{ADMIN}} (the root
admin key), {{REVOKED}} (a revoked key), {{OTHER_JOB}}, {{OTHER_DATASET}} (another tenant's job and
dataset). Run it again after changing it: python3 make_corpus.py > corpus.jsonl
"""
import base64
import io
import json
import struct
import zipfile

cases = []
names = set()


def add(name, method, path, expect, error=None, body=None, raw=None, ctype="application/json",
        key="{{KEY}}", headers=()):
    assert name not in names, name
    names.add(name)
    h = []
    if key is not None:
        h.append(["Authorization", "Bearer " + key])
    if ctype is not None:
        h.append(["Content-Type", ctype])
    h.extend([list(x) for x in headers])
    case = {"name": name, "method": method, "path": path, "headers": h, "expect": expect}
    if error:
        case["error"] = error
    if raw is not None:
        case["bodyB64"] = base64.b64encode(raw).decode()
    elif body is not None:
        case["body"] = body
    cases.append(case)


SYN = "/v1/synthesis"
TRN = "/v1/trainings"
DS = "/v1/datasets"
UUID0 = "3f1c7a52-8a7e-4a6b-9d55-0c8e2b5f0a11"

# ---- authentication and roles
for i, (hv, code) in enumerate([
        (None, "missing_api_key"), ("", "missing_api_key"), ("Bearer", "invalid_api_key"),
        ("Bearer ", "invalid_api_key"), ("Basic dXNlcjpwYXNz", "invalid_api_key"),
        ("Token {{KEY}}", "invalid_api_key"), ("Bearer {{KEY}}x", "invalid_api_key"),
        ("Bearer x{{KEY}}", "invalid_api_key"), ("Bearer {{REVOKED}}", "invalid_api_key"),
        ("Bearer vf_aaaaaaaaaaaa_" + "A" * 43, "invalid_api_key"),
        ("Bearer vf_" + "a" * 12 + "_" + "A" * 4000, "invalid_api_key"),
        ("Bearer vf_AAAAAAAAAAAA_" + "A" * 43, "invalid_api_key"),
        ("Bearer ключ", "invalid_api_key"), ("Bearer {{KEY}} {{KEY}}", "invalid_api_key"),
        ("Bearer ' OR '1'='1", "invalid_api_key"), ("Bearer ../../etc/passwd", "invalid_api_key"),
        ("Bearer\t{{KEY}}", "invalid_api_key")]):
    headers = [] if hv is None else [["Authorization", hv]]
    for path, method in [("/v1/voices", "GET"), (SYN, "POST")]:
        add("auth-%02d-%s" % (i, method.lower()), method, path, 401, code, body='{"text":"hi"}',
            key=None, headers=headers)
for path, method in [("/v1/admin/tenants", "GET"), ("/v1/admin/tenants", "POST"),
                     ("/v1/admin/tenants/dev", "GET"), ("/v1/admin/tenants/dev/keys", "GET"),
                     ("/v1/admin/tenants/dev/keys", "POST"), ("/v1/admin/tenants/dev/quotas", "PUT"),
                     ("/v1/admin/keys/aaaaaaaaaaaa", "DELETE"), ("/v1/admin/keys/aaaaaaaaaaaa/rotate", "POST")]:
    add("role-user-%s-%s" % (method.lower(), path.replace("/", "_")), method, path, 403, "forbidden",
        body='{"id":"x"}' if method in ("POST", "PUT") else None)

# ---- malformed JSON bodies, on every JSON endpoint
malformed = {
    "empty": "", "spaces": "   \n\t ", "open-brace": "{", "close-brace": "}", "array": "[]",
    "null": "null", "number": "123", "string": '"text"', "true": "true",
    "trailing-garbage": '{"text": "a"} xyz', "two-objects": '{"text": "a"}{"text": "b"}',
    "trailing-comma": '{"text": "a",}', "single-quotes": "{'text': 'a'}", "unquoted-key": '{text: "a"}',
    "comment": '{"text": "a" /* c */}', "nan": '{"text": NaN}', "infinity": '{"text": Infinity}',
    "hex-number": '{"epochs": 0x10}', "leading-zero": '{"epochs": 010}', "raw-newline-in-string": '{"text": "a\nb"}',
    "raw-tab-in-string": '{"text": "a\tb"}', "raw-nul-in-string": '{"text": "a\u0000b"}',
    "bad-escape": '{"text": "\\q"}', "lone-backslash": '{"text": "\\"}', "unterminated-string": '{"text": "abc}',
    "nesting-bomb-arrays": "[" * 20000, "nesting-bomb-objects": '{"a":' * 5000,
    "deep-requirements": '{"text": "a", "requirements": ' + '{"classes":' * 2000 + "1" + "}" * 2000 + "}",
    "object-then-array": '{"text":"a"}[]', "bom-then-object": '\ufeff{"text": "a"}',
    "duplicate-text": '{"text": "a", "text": "b"}', "duplicate-nested": '{"text": "a", "requirements": {"classes": ["cpu"], "classes": ["nvidia"]}}',
    "missing-colon": '{"text" "a"}', "missing-value": '{"text": }', "just-comma": ",",
}
for endpoint in (SYN, TRN, "/v1/admin/tenants"):
    for name, body in malformed.items():
        key = "{{ADMIN}}" if endpoint.startswith("/v1/admin") else "{{KEY}}"
        add("json-%s-%s" % (endpoint.split("/")[-1], name), "POST", endpoint, 400, None, body=body, key=key)
invalid_utf8 = {
    "bad-continuation": b'{"text": "\xc3\x28"}', "lone-ff": b'{"text": "\xff"}',
    "overlong-slash": b'{"text": "\xc0\xaf"}', "surrogate": b'{"text": "\xed\xa0\x80"}',
    "truncated-at-end": b'{"text": "\xe2\x82', "latin1": b'{"text": "caf\xe9"}',
    "utf16le": '{"text": "a"}'.encode("utf-16-le"), "utf16-bom": '{"text": "a"}'.encode("utf-16"),
    "utf32": '{"text": "a"}'.encode("utf-32"),
}
for name, raw in invalid_utf8.items():
    add("utf8-synthesis-" + name, "POST", SYN, 400, "malformed_json", raw=raw)
    add("utf8-trainings-" + name, "POST", TRN, 400, "malformed_json", raw=raw)

# ---- synthesis fields
syn_bad = {
    "text-missing": ('{}', "missing_field"), "text-null": ('{"text": null}', "missing_field"),
    "text-number": ('{"text": 1}', "wrong_type"), "text-bool": ('{"text": true}', "wrong_type"),
    "text-array": ('{"text": ["a"]}', "wrong_type"), "text-object": ('{"text": {"a": 1}}', "wrong_type"),
    "text-empty": ('{"text": ""}', "empty_text"), "text-blank": ('{"text": " \\n\\t "}', "empty_text"),
    "text-4097": (json.dumps({"text": "a" * 4097}), "text_too_long"),
    "text-4097-cjk": (json.dumps({"text": "語" * 4097}), "text_too_long"),
    "text-4097-emoji": (json.dumps({"text": "😀" * 4097}), "text_too_long"),
    "language-number": ('{"text": "a", "language": 1}', "wrong_type"),
    "language-array": ('{"text": "a", "language": ["en"]}', "wrong_type"),
    "language-unknown": ('{"text": "a", "language": "xx"}', "unsupported_language"),
    "language-upper": ('{"text": "a", "language": "EN-US-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"}', "unsupported_language"),
    "language-empty": ('{"text": "a", "language": ""}', "unsupported_language"),
    "language-path": ('{"text": "a", "language": "../../etc"}', "unsupported_language"),
    "voice-number": ('{"text": "a", "voice": 1}', "wrong_type"),
    "voice-object": ('{"text": "a", "voice": {"id": "x"}}', "wrong_type"),
    "voice-unknown": ('{"text": "a", "voice": "%s"}' % UUID0, "unknown_voice"),
    "voice-path": ('{"text": "a", "voice": "../../farm-models/other/voices/x"}', "unknown_voice"),
    "voice-glob": ('{"text": "a", "voice": "*"}', "unknown_voice"),
    "voice-redis-key": ('{"text": "a", "voice": "farm:voice:*"}', "unknown_voice"),
    "voice-huge": (json.dumps({"text": "a", "voice": "v" * 10000}), "unknown_voice"),
    "voice-other-tenants-job": ('{"text": "a", "voice": "{{OTHER_JOB}}"}', "unknown_voice"),
    "unknown-field": ('{"text": "a", "pitch": 2}', "unknown_field"),
    "unknown-field-huge-name": (json.dumps({"text": "a", "x" * 5000: 1}), "unknown_field"),
    "requirements-string": ('{"text": "a", "requirements": "gpu"}', "wrong_type"),
    "requirements-array": ('{"text": "a", "requirements": []}', "wrong_type"),
    "classes-empty": ('{"text": "a", "requirements": {"classes": []}}', "wrong_type"),
    "classes-string": ('{"text": "a", "requirements": {"classes": "cpu"}}', "wrong_type"),
    "classes-number": ('{"text": "a", "requirements": {"classes": [1]}}', "wrong_type"),
    "classes-unknown": ('{"text": "a", "requirements": {"classes": ["tpu"]}}', "unknown_class"),
    "classes-case": ('{"text": "a", "requirements": {"classes": ["NVIDIA"]}}', "unknown_class"),
    "vram-negative": ('{"text": "a", "requirements": {"minVramGb": -1}}', "invalid_requirement"),
    "vram-huge": ('{"text": "a", "requirements": {"minVramGb": 1e308}}', "invalid_requirement"),
    "vram-too-big": ('{"text": "a", "requirements": {"minVramGb": 81}}', "invalid_requirement"),
    "vram-string": ('{"text": "a", "requirements": {"minVramGb": "8"}}', "wrong_type"),
    "vram-on-cpu": ('{"text": "a", "requirements": {"classes": ["cpu"], "minVramGb": 8}}', "invalid_requirement"),
    "fallback-string": ('{"text": "a", "requirements": {"allowCpuFallback": "yes"}}', "wrong_type"),
    "requirements-unknown-field": ('{"text": "a", "requirements": {"gpus": 2}}', "unknown_field"),
}
for name, (body, code) in syn_bad.items():
    add("synthesis-" + name, "POST", SYN, 400, code, body=body)
controls = [c for c in range(0x00, 0x20) if c not in (0x09, 0x0A, 0x0D)] + list(range(0x7F, 0xA0))
for c in controls:
    add("synthesis-control-U+%04X" % c, "POST", SYN, 400, "invalid_text", body=json.dumps({"text": "a" + chr(c) + "b"}))

# ---- training fields
trn_bad = {
    "dataset-missing": ('{"name": "n"}', "missing_field"), "dataset-number": ('{"datasetId": 1, "name": "n"}', "wrong_type"),
    "dataset-not-uuid": ('{"datasetId": "abc", "name": "n"}', "unknown_dataset"),
    "dataset-path": ('{"datasetId": "../other/manifest.json", "name": "n"}', "unknown_dataset"),
    "dataset-unknown": ('{"datasetId": "%s", "name": "n"}' % UUID0, "unknown_dataset"),
    "dataset-other-tenant": ('{"datasetId": "{{OTHER_DATASET}}", "name": "n"}', "unknown_dataset"),
    "dataset-uppercase-uuid": ('{"datasetId": "%s", "name": "n"}' % UUID0.upper(), "unknown_dataset"),
    "name-missing": ('{"datasetId": "%s"}' % UUID0, "missing_field"),
    "name-number": ('{"datasetId": "%s", "name": 5}' % UUID0, "wrong_type"),
    "name-empty": ('{"datasetId": "%s", "name": "  "}' % UUID0, "invalid_name"),
    "name-long": (json.dumps({"datasetId": UUID0, "name": "n" * 65}), "invalid_name"),
    "name-control": (json.dumps({"datasetId": UUID0, "name": "a\u0007b"}), "invalid_name"),
    "epochs-zero": ('{"datasetId": "%s", "name": "n", "epochs": 0}' % UUID0, "invalid_epochs"),
    "epochs-negative": ('{"datasetId": "%s", "name": "n", "epochs": -5}' % UUID0, "invalid_epochs"),
    "epochs-501": ('{"datasetId": "%s", "name": "n", "epochs": 501}' % UUID0, "invalid_epochs"),
    "epochs-fraction": ('{"datasetId": "%s", "name": "n", "epochs": 1.5}' % UUID0, "wrong_type"),
    "epochs-string": ('{"datasetId": "%s", "name": "n", "epochs": "10"}' % UUID0, "wrong_type"),
    "epochs-huge": ('{"datasetId": "%s", "name": "n", "epochs": 99999999999999999999}' % UUID0, "wrong_type"),
    "language-unknown": ('{"datasetId": "%s", "name": "n", "language": "klingon"}' % UUID0, "unsupported_language"),
    "unknown-field": ('{"datasetId": "%s", "name": "n", "lr": 0.1}' % UUID0, "unknown_field"),
}
for name, (body, code) in trn_bad.items():
    add("training-" + name, "POST", TRN, 400, code, body=body)

# ---- content types
for endpoint in (SYN, TRN, "/v1/admin/tenants"):
    key = "{{ADMIN}}" if endpoint.startswith("/v1/admin") else "{{KEY}}"
    for ct in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
               "application/xml", "application/zip", "application/octet-stream", "image/png", "*/*"]:
        add("ctype-%s-%s" % (endpoint.split("/")[-1], ct.split(";")[0].replace("/", "_").replace("*", "star")), "POST",
            endpoint, 415, "unsupported_media_type", body='{"text": "a"}', ctype=ct, key=key)
for endpoint in (SYN, TRN):
    add("ctype-%s-missing" % endpoint.split("/")[-1], "POST", endpoint, 415, "unsupported_media_type",
        body='{"text": "a"}', ctype=None)
    add("ctype-%s-json-wildcard-subtype" % endpoint.split("/")[-1], "POST", endpoint, 415, "unsupported_media_type",
        body='{"text": "a"}', ctype="application/*")
    add("ctype-%s-utf16-declared" % endpoint.split("/")[-1], "POST", endpoint, 400, "malformed_json",
        raw='{"text": "a"}'.encode("utf-16-le"), ctype="application/json; charset=utf-16le")
add("ctype-datasets-missing", "POST", DS, 415, "unsupported_media_type", body="PK", ctype=None)
for ct in ["application/json", "text/plain", "multipart/form-data; boundary=x", "application/octet-stream",
           "application/x-www-form-urlencoded"]:
    add("ctype-datasets-" + ct.split(";")[0].replace("/", "_"), "POST", DS, 415, "unsupported_media_type",
        body="PK", ctype=ct)
# voice imports (POST /v1/voices) take multipart/form-data or a zip, nothing else
VOI = "/v1/voices"
add("ctype-voices-missing", "POST", VOI, 415, "unsupported_media_type", body="PK", ctype=None)
for ct in ["application/json", "text/plain", "application/octet-stream", "application/x-www-form-urlencoded",
           "*/*", "multipart/*"]:
    add("ctype-voices-" + ct.replace("/", "_").replace("*", "any"), "POST", VOI, 415, "unsupported_media_type",
        body="{}", ctype=ct)
add("voices-not-a-zip", "POST", VOI, 400, "invalid_voice_archive", raw=b"hello, this is not a zip",
    ctype="application/zip")
add("voices-empty-form", "POST", VOI, 400, "missing_field", body="--x--\r\n", ctype="multipart/form-data; boundary=x")
add("voices-form-without-boundary", "POST", VOI, 400, "missing_field", body="--x--\r\n", ctype="multipart/form-data")

# ---- methods
for method, path in [("GET", SYN), ("PUT", SYN), ("DELETE", SYN), ("PATCH", SYN), ("GET", TRN), ("DELETE", TRN),
                     ("POST", "/v1/jobs/" + UUID0), ("PUT", "/v1/jobs/" + UUID0), ("DELETE", "/v1/voices"), ("POST", "/v1/fleet"), ("DELETE", "/v1/fleet"), ("PUT", DS),
                     ("DELETE", DS), ("POST", "/v1/jobs/" + UUID0 + "/audio")]:
    add("method-%s-%s" % (method.lower(), path.replace("/", "_")), method, path, 405, "method_not_allowed",
        body="{}" if method in ("POST", "PUT", "PATCH") else None)

# ---- paths and ids
for i, path in enumerate([
        "/v1/jobs/not-a-uuid", "/v1/jobs/" + UUID0, "/v1/jobs/" + UUID0 + "/audio", "/v1/jobs/..%2f..%2fetc%2fpasswd",
        "/v1/jobs/%00", "/v1/jobs/" + "x" * 3000, "/v1/jobs/%E2%80%AE" + UUID0, "/v1/jobs/" + UUID0.upper(),
        "/v1/jobs/{{OTHER_JOB}}", "/v1/jobs/{{OTHER_JOB}}/audio", "/v1/datasets/not-a-uuid", "/v1/datasets/" + UUID0,
        "/v1/datasets/{{OTHER_DATASET}}", "/v1/datasets/..%2f..%2fdev", "/v1/voices/" + UUID0,
        "/v1/voices/{{OTHER_JOB}}", "/v1/voices/%2e%2e", "/v1/voices/*", "/v1/nothing", "/v2/synthesis", "/",
        "/v1", "/v1/job", "/v1/jobz", "/v1/admin", "/v1/jobs/" + UUID0 + "/audio/extra"]):
    add("path-%02d" % i, "GET", path, 404, "not_found")
add("cancel-other-tenants-job", "DELETE", "/v1/jobs/{{OTHER_JOB}}", 404, "not_found")
add("cancel-unknown-job", "DELETE", "/v1/jobs/" + UUID0, 404, "not_found")
add("cancel-not-uuid", "DELETE", "/v1/jobs/abc%20def", 404, "not_found")

# ---- idempotency keys
for i, value in enumerate(["k" * 256, "ключ", "a\u00e9b", " ", ""]):
    if value == "" or value == " ":
        continue
    add("idem-%d-synthesis" % i, "POST", SYN, 400, "invalid_idempotency_key", body='{"text": "a"}',
        headers=[["Idempotency-Key", value]])
    add("idem-%d-trainings" % i, "POST", TRN, 400, "invalid_idempotency_key", body='{"text": "a"}',
        headers=[["Idempotency-Key", value]])

# ---- sizes ("Content-Length-Override" is read by the test: a declared length, or "chunked")
add("size-json-declared-70000", "POST", SYN, 413, "body_too_large", body='{"text": "a"}',
    headers=[["Content-Length-Override", "70000"]])
add("size-json-actual-70000", "POST", SYN, 413, "body_too_large", body=json.dumps({"text": "a" * 70000}))
add("size-trainings-actual-70000", "POST", TRN, 413, "body_too_large", body=json.dumps({"name": "a" * 70000}))
for endpoint in (SYN, TRN):
    add("size-%s-chunked" % endpoint.split("/")[-1], "POST", endpoint, 411, "length_required",
        body='{"text": "a"}', headers=[["Content-Length-Override", "chunked"]])
add("size-dataset-chunked", "POST", DS, 411, "length_required", raw=b"PK\x03\x04", ctype="application/zip",
    headers=[["Content-Length-Override", "chunked"]])
add("size-dataset-declared-huge", "POST", DS, 413, "body_too_large", body="PK", ctype="application/zip",
    headers=[["Content-Length-Override", str(300 * 1024 * 1024)]])

# ---- admin endpoints, with the admin key
ADM = "{{ADMIN}}"
for i, tid in enumerate(["UPPER", "-lead", "trail-", "has space", "a" * 41, "../x", "tenant_", "ü", "a.b", ""]):
    add("admin-tenant-id-%d" % i, "POST", "/v1/admin/tenants", 400, "invalid_tenant_id", key=ADM,
        body=json.dumps({"id": tid}))
add("admin-tenant-id-number", "POST", "/v1/admin/tenants", 400, "invalid_tenant_id", key=ADM, body='{"id": 7}')
add("admin-tenant-id-missing", "POST", "/v1/admin/tenants", 400, "missing_field", key=ADM, body='{"name": "x"}')
add("admin-tenant-exists", "POST", "/v1/admin/tenants", 409, "tenant_exists", key=ADM, body='{"id": "dev"}')
add("admin-tenant-unknown-field", "POST", "/v1/admin/tenants", 400, "unknown_field", key=ADM, body='{"id": "zz", "owner": 1}')
add("admin-tenant-name-control", "POST", "/v1/admin/tenants", 400, "invalid_name", key=ADM, body=json.dumps({"id": "zz", "name": "a\u0000"}))
for i, quotas in enumerate(['{"requestsPerSecond": 0}', '{"burst": -1}', '{"activeJobs": 1.5}',
                            '{"datasetBytes": "1G"}', '{"requestsPerSecond": 1e9}', '{"activeJobs": 99999999999}']):
    add("admin-quota-%d" % i, "PUT", "/v1/admin/tenants/dev/quotas", 400, "invalid_quota", key=ADM, body=quotas)
add("admin-quota-unknown-field", "PUT", "/v1/admin/tenants/dev/quotas", 400, "unknown_field", key=ADM, body='{"gpus": 1}')
add("admin-quota-wrong-type", "PUT", "/v1/admin/tenants/dev/quotas", 400, "invalid_quota", key=ADM, body='{"burst": {"a": 1}}')
add("admin-quota-unknown-tenant", "PUT", "/v1/admin/tenants/nobody-here/quotas", 404, "not_found", key=ADM, body='{"burst": 5}')
add("admin-key-role", "POST", "/v1/admin/tenants/dev/keys", 400, "invalid_role", key=ADM, body='{"role": "root"}')
add("admin-key-role-type", "POST", "/v1/admin/tenants/dev/keys", 400, "wrong_type", key=ADM, body='{"role": 1}')
add("admin-key-unknown-tenant", "POST", "/v1/admin/tenants/nobody-here/keys", 404, "not_found", key=ADM, body='{"role": "user"}')
add("admin-keys-unknown-tenant", "GET", "/v1/admin/tenants/nobody-here/keys", 404, "not_found", key=ADM)
add("admin-tenant-unknown", "GET", "/v1/admin/tenants/nobody-here", 404, "not_found", key=ADM)
add("admin-revoke-unknown", "DELETE", "/v1/admin/keys/aaaaaaaaaaaa", 404, "not_found", key=ADM)
add("admin-rotate-unknown", "POST", "/v1/admin/keys/aaaaaaaaaaaa/rotate", 404, "not_found", key=ADM, body="{}")
add("admin-rotate-path-trick", "POST", "/v1/admin/keys/..%2f..%2fapikey/rotate", 404, "not_found", key=ADM, body="{}")

# ---- dataset uploads


def wav(rate=22050, channels=1, bits=16, seconds=1.5, frames=None, data_size=None, fmt_size=16, fmt_tag=1,
        block_align=None, riff=b"RIFF", wave=b"WAVE"):
    frames = int(rate * seconds) if frames is None else frames
    bps = bits // 8 if bits >= 8 else 1
    pcm = bytes((i * 7) % 256 for i in range(max(0, frames * channels * bps)))
    align = channels * bps if block_align is None else block_align
    size = len(pcm) if data_size is None else data_size
    fmt = struct.pack("<HHIIHH", fmt_tag, channels & 0xFFFF, rate & 0xFFFFFFFF, (rate * align) & 0xFFFFFFFF,
                      align & 0xFFFF, bits & 0xFFFF) + b"\0" * (fmt_size - 16)
    return riff + struct.pack("<I", (4 + 8 + len(fmt) + 8 + len(pcm)) & 0xFFFFFFFF) + wave + b"fmt " + \
        struct.pack("<I", len(fmt)) + fmt + b"data" + struct.pack("<I", size & 0xFFFFFFFF) + pcm


def dataset(n=10, clip=lambda i: wav(), text=lambda i: "Clip number %d." % i, extra=(), metadata=None,
            name="metadata.csv", prefix="", compress=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as z:
        lines = []
        for i in range(n):
            z.writestr(prefix + "wavs/c%d.wav" % i, clip(i))
            lines.append("c%d|%s" % (i, text(i)))
        z.writestr(prefix + name, metadata if metadata is not None else "\n".join(lines) + "\n")
        for entry, content in extra:
            z.writestr(entry, content)
    return out.getvalue()


def zip_of(entries, compress=zipfile.ZIP_DEFLATED):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as z:
        for entry, content in entries:
            z.writestr(entry, content)
    return out.getvalue()


def upload(name, raw, error="invalid_dataset", expect=400):
    add("dataset-" + name, "POST", DS, expect, error, raw=raw, ctype="application/zip")


upload("not-a-zip", b"hello, this is not a zip")
upload("empty-body", b"")
upload("empty-zip", zip_of([]))
upload("truncated-zip", dataset()[:500])
upload("zip-slip-dotdot", dataset(extra=[("../evil.txt", "x")]))
upload("zip-slip-absolute", dataset(extra=[("/etc/evil", "x")]))
upload("zip-slip-backslash", dataset(extra=[("..\\evil", "x")]))
upload("too-few-clips", dataset(n=9))
upload("missing-wav", dataset(metadata="\n".join("c%d|Clip %d." % (i, i) for i in range(11)) + "\n"))
for rate in [1, 100, 4000, 7999, 48001, 96000, 400000, 1000000, 4294967295]:
    upload("rate-%d" % rate, dataset(clip=lambda i, r=rate: wav(rate=r, frames=20)))
upload("header-claims-20s-has-20-frames", dataset(clip=lambda i: wav(rate=8000, frames=20, data_size=8000 * 2 * 20)))
upload("clip-too-short", dataset(clip=lambda i: wav(seconds=0.5)))
upload("clip-too-long", dataset(clip=lambda i: wav(rate=8000, seconds=31)))
upload("zero-channels", dataset(clip=lambda i: wav(channels=0)))
upload("huge-channels", dataset(clip=lambda i: wav(channels=65535, frames=2)))
upload("bits-12", dataset(clip=lambda i: wav(bits=12)))
upload("bits-0", dataset(clip=lambda i: wav(bits=0)))
upload("float-format", dataset(clip=lambda i: wav(bits=32, fmt_tag=3)))
upload("block-align-lie", dataset(clip=lambda i: wav(block_align=3)))
upload("not-riff", dataset(clip=lambda i: wav(riff=b"RIFX")))
upload("not-wave", dataset(clip=lambda i: wav(wave=b"AVI ")))
upload("wav-truncated-header", dataset(clip=lambda i: wav()[:30]))
upload("wav-empty", dataset(clip=lambda i: b""))
upload("text-too-long", dataset(text=lambda i: "a" * 4097))
upload("text-10mb-line", dataset(text=lambda i: "a" * (10 * 1024 * 1024) if i == 0 else "Fine text."))
upload("text-control-char", dataset(text=lambda i: "bell\u0007here"))
upload("text-empty", dataset(text=lambda i: ""))
upload("metadata-not-utf8", dataset(metadata=b"c0|caf\xe9\n" + b"".join(b"c%d|ok\n" % i for i in range(1, 10))))
upload("both-metadata-and-list", dataset(extra=[("voice.list", "wavs/c0.wav|spk|en|Hello.\n")]))
upload("two-lists", zip_of([("a.list", "c0.wav|s|en|Hi.\n"), ("b.list", "c0.wav|s|en|Hi.\n")] +
                           [("c%d.wav" % i, wav()) for i in range(10)]))
upload("list-language-unknown", zip_of([("v.list", "".join("/x/c%d.wav|spk|??|Clip %d.\n" % (i, i) for i in range(10)))] +
                                       [("c%d.wav" % i, wav()) for i in range(10)]))
upload("list-language-auto", zip_of([("v.list", "".join("/x/c%d.wav|spk|auto|Clip %d.\n" % (i, i) for i in range(10)))] +
                                    [("c%d.wav" % i, wav()) for i in range(10)]))
upload("list-too-few-fields", zip_of([("v.list", "".join("c%d.wav|Clip %d.\n" % (i, i) for i in range(10)))] +
                                     [("c%d.wav" % i, wav()) for i in range(10)]))
upload("bad-clip-id", dataset(metadata="".join("c%d|Clip.\n" % i for i in range(9)) + "../../x|Evil.\n"))
upload("zip-bomb-entry", zip_of([("metadata.csv", "c0|a\n"), ("wavs/c0.wav", b"\0" * (60 * 1024 * 1024))]))
upload("too-many-entries", zip_of([("f%d.txt" % i, "") for i in range(2100)]))
upload("nested-zip-only", zip_of([("inner.zip", dataset())]))
upload("directories-only", zip_of([("a/", ""), ("b/", "")]))
upload("two-top-folders", zip_of([("a/metadata.csv", "c0|x\n"), ("b/metadata.csv", "c0|x\n")]))
upload("over-the-audio-budget", dataset(n=70, clip=lambda i: wav(rate=8000, bits=8, seconds=29)))
add("dataset-idempotency-key-too-long", "POST", DS, 400, "invalid_idempotency_key", raw=dataset(),
    ctype="application/zip", headers=[["Idempotency-Key", "k" * 256]])

# ---- OpenAI's speech API: the same refusals, in OpenAI's error shape (the test reads error.code)
SPEECH = "/v1/audio/speech"
for name, body in malformed.items():
    add("json-speech-" + name, "POST", SPEECH, 400, None, body=body)
for name, raw in invalid_utf8.items():
    add("utf8-speech-" + name, "POST", SPEECH, 400, "malformed_json", raw=raw)
ok = {"model": "tts-1", "input": "Hi.", "voice": "alloy"}
speech_bad = {
    "no-model": ({"input": "Hi.", "voice": "alloy"}, "missing_field"),
    "model-number": (dict(ok, model=1), "wrong_type"),
    "model-unknown": (dict(ok, model="tts-9"), "model_not_found"),
    "model-huge": (dict(ok, model="m" * 30000), "model_not_found"),
    "no-input": ({"model": "tts-1", "voice": "alloy"}, "missing_field"),
    "input-empty": (dict(ok, input=""), "empty_text"),
    "input-blank": (dict(ok, input="  \n "), "empty_text"),
    "input-object": (dict(ok, input={"text": "a"}), "wrong_type"),
    "input-too-long": (dict(ok, input="a" * 4097), "text_too_long"),
    "input-control": (dict(ok, input="a\u0007b"), "invalid_text"),
    "no-voice": ({"model": "tts-1", "input": "Hi."}, "missing_field"),
    "voice-number": (dict(ok, voice=3), "wrong_type"),
    "voice-unknown": (dict(ok, voice="nobody"), "unknown_voice"),
    "voice-object-name": (dict(ok, voice={"name": "alloy"}), "wrong_type"),
    "voice-object-two-keys": (dict(ok, voice={"id": "alloy", "x": 1}), "wrong_type"),
    "voice-object-id-number": (dict(ok, voice={"id": 1}), "wrong_type"),
    "voice-other-tenants-job-id": (dict(ok, voice="{{OTHER_JOB}}"), "unknown_voice"),
    "format-unknown": (dict(ok, response_format="ogg"), "unsupported_format"),
    "format-upper": (dict(ok, response_format="MP3"), "unsupported_format"),
    "format-number": (dict(ok, response_format=3), "wrong_type"),
    "speed-low": (dict(ok, speed=0.1), "invalid_speed"),
    "speed-high": (dict(ok, speed=4.01), "invalid_speed"),
    "speed-string": (dict(ok, speed="1"), "wrong_type"),
    "speed-huge": (dict(ok, speed=1e308), "invalid_speed"),
    "stream-format-unknown": (dict(ok, stream_format="chunks"), "invalid_stream_format"),
    "stream-format-bool": (dict(ok, stream_format=True), "invalid_stream_format"),
    "instructions-number": (dict(ok, instructions=5), "wrong_type"),
    "instructions-too-long": (dict(ok, instructions="a" * 4097), "wrong_type"),
    "unknown-field": (dict(ok, temperature=0.5), "unknown_field"),
}
for name, (body, code) in speech_bad.items():
    add("speech-" + name, "POST", SPEECH, 400, code, body=json.dumps(body))
for ct in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "*/*"]:
    add("ctype-speech-" + ct.split(";")[0].replace("/", "_").replace("*", "star"), "POST", SPEECH, 415,
        "unsupported_media_type", body=json.dumps(ok), ctype=ct)
add("speech-no-key", "POST", SPEECH, 401, "missing_api_key", body=json.dumps(ok), key=None)
add("speech-revoked-key", "POST", SPEECH, 401, "invalid_api_key", body=json.dumps(ok), key="{{REVOKED}}")
add("speech-get", "GET", SPEECH, 405, None, ctype=None)
add("voices-post", "POST", "/v1/audio/voices", 405, None, body="{}")
add("audio-nothing", "GET", "/v1/audio/nothing", 404, None, ctype=None)
# ---- live job endpoints of jobs that are not the caller's
for path in ["/v1/jobs/{{OTHER_JOB}}/events", "/v1/jobs/{{OTHER_JOB}}/audio?stream=true",
             "/v1/jobs/" + UUID0 + "/events", "/v1/jobs/not-a-uuid/events", "/v1/jobs/" + UUID0 + "/audio?stream=true"]:
    add("live-" + path.split("/")[3].replace("{{", "").replace("}}", "").lower()[:12] + "-" + path.split("/")[-1].split("?")[0]
        + ("-stream" if "stream" in path else ""), "GET", path, 404, "not_found", ctype=None)

# ---- listings, the change feed and the dead letters
for name, query, error in [("abc", "abc", "invalid_limit"), ("zero", "0", "invalid_limit"), ("negative", "-1", "invalid_limit"),
                           ("huge", "99999999999999999999", "invalid_limit"), ("float", "1.5", "invalid_limit")]:
    add("jobs-limit-" + name, "GET", "/v1/jobs?limit=" + query, 400, error, ctype=None)
add("jobs-status-unknown", "GET", "/v1/jobs?status=%00DONE", 400, "invalid_status", ctype=None)
add("jobs-kind-unknown", "GET", "/v1/jobs?kind=" + "k" * 3000, 400, "invalid_kind", ctype=None)
add("jobs-tenant-as-user", "GET", "/v1/jobs?tenant=other", 400, "invalid_parameter", ctype=None)
add("jobs-no-key", "GET", "/v1/jobs", 401, "missing_api_key", ctype=None, key=None)
add("events-no-key", "GET", "/v1/events", 401, "missing_api_key", ctype=None, key=None)
add("events-post", "POST", "/v1/events", 405, "method_not_allowed", body="{}")
add("dead-letters-as-user", "GET", "/v1/admin/dead-letters", 403, "forbidden", ctype=None)

for case in cases:
    print(json.dumps(case, ensure_ascii=True))
