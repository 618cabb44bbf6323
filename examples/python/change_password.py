#!/usr/bin/env python3
"""A change-password client for Baidu BCC and Huawei DCS, written with the Python 3 standard
library only (AES through the `openssl` command line), speaking the kit's client protocol:
a hello line, then one JSON answer per JSON request line (docs/client-protocol.md).

Run it under the kit:  npx conformance run --client-cmd 'python3 examples/python/change_password.py'
"""
import datetime
import hashlib
import hmac
import json
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

NAME = "python-stdlib example"


def uri_encode(text, keep_slash=False):
    """Percent-encodes every UTF-8 byte outside A-Z a-z 0-9 - . _ ~ as uppercase %XX."""
    return urllib.parse.quote(text, safe="/" if keep_slash else "")


def encrypt_admin_pass(password, secret_key):
    """BCC adminPass: AES-128-ECB, key = first 16 characters of the SK, PKCS#7, lowercase hex."""
    key_hex = secret_key[:16].encode("utf-8").hex()
    out = subprocess.run(["openssl", "enc", "-aes-128-ecb", "-K", key_hex, "-nosalt"],
                         input=password.encode("utf-8"), capture_output=True, check=True)
    return out.stdout.hex()


def bcc_request(req, now):
    """PUT /v2/instance/{id}?changePass, signed with bce-auth-v1."""
    creds = req["credentials"]
    body = json.dumps({"adminPass": encrypt_admin_pass(req["newPassword"], creds["secretAccessKey"])}).encode("utf-8")
    endpoint = urllib.parse.urlsplit(req["endpoint"])
    path = "/v2/instance/" + uri_encode(req["instanceId"])
    timestamp = now.strftime("%Y-%m-%dT%H:%M:%SZ")
    headers = {"host": endpoint.netloc, "content-type": "application/json; charset=utf-8",
               "content-length": str(len(body)), "x-bce-date": timestamp}
    signed = sorted(headers)
    prefix = "bce-auth-v1/%s/%s/1800" % (creds["accessKeyId"], timestamp)
    canonical = "\n".join([
        "PUT",
        uri_encode(urllib.parse.unquote(path), keep_slash=True),
        "changePass=",  # a bare key is signed as "key="
        "\n".join(sorted("%s:%s" % (uri_encode(n), uri_encode(headers[n].strip())) for n in signed)),
    ])
    signing_key = hmac.new(creds["secretAccessKey"].encode(), prefix.encode(), hashlib.sha256).hexdigest()
    signature = hmac.new(signing_key.encode(), canonical.encode("utf-8"), hashlib.sha256).hexdigest()
    headers["authorization"] = "%s/%s/%s" % (prefix, ";".join(signed), signature)
    return req["endpoint"].rstrip("/") + path + "?changePass", headers, body


def dcs_canonical_uri(path):
    """The whole path decoded, each segment re-encoded, and always a trailing slash."""
    uri = "/".join(uri_encode(seg) for seg in urllib.parse.unquote(path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def dcs_request(req, now):
    """PUT /v2/{project_id}/instances/{instance_id}/password, signed with SDK-HMAC-SHA256."""
    creds = req["credentials"]
    body = json.dumps({"old_password": req["oldPassword"], "new_password": req["newPassword"]}).encode("utf-8")
    endpoint = urllib.parse.urlsplit(req["endpoint"])
    path = "/v2/%s/instances/%s/password" % (uri_encode(req["projectId"]), uri_encode(req["instanceId"]))
    date = now.strftime("%Y%m%dT%H%M%SZ")
    headers = {"content-type": "application/json;charset=UTF-8", "host": endpoint.netloc,
               "x-project-id": req["projectId"], "x-sdk-date": date}
    signed = sorted(headers)
    canonical = "\n".join([
        "PUT",
        dcs_canonical_uri(path),
        "",
        "".join("%s:%s\n" % (n, headers[n].strip()) for n in signed),
        ";".join(signed),
        hashlib.sha256(body).hexdigest(),
    ])
    string_to_sign = "SDK-HMAC-SHA256\n%s\n%s" % (date, hashlib.sha256(canonical.encode("utf-8")).hexdigest())
    signature = hmac.new(creds["secretAccessKey"].encode(), string_to_sign.encode("utf-8"), hashlib.sha256).hexdigest()
    headers["authorization"] = "SDK-HMAC-SHA256 Access=%s, SignedHeaders=%s, Signature=%s" % (creds["accessKeyId"], ";".join(signed), signature)
    return req["endpoint"].rstrip("/") + path, headers, body


def parse(raw):
    try:
        return json.loads(raw) if raw.strip() else None
    except ValueError:
        return raw.decode("utf-8", "replace")


def change_password(req):
    """Sends one change and maps what came back to a protocol answer."""
    build = bcc_request if req["service"] == "bcc" else dcs_request
    url, headers, body = build(req, datetime.datetime.now(datetime.timezone.utc))
    request = urllib.request.Request(url, data=body, method="PUT", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            answer = {"outcome": "success", "status": response.status}
            parsed = parse(response.read())
            if parsed is not None:
                answer["body"] = parsed
            return answer
    except urllib.error.HTTPError as error:
        parsed = parse(error.read())
        answer = {"outcome": "error", "status": error.code}
        if isinstance(parsed, dict):
            code = parsed.get("code") or parsed.get("error_code")
            message = parsed.get("message") or parsed.get("error_msg")
            if isinstance(code, str):
                answer["code"] = code
            if isinstance(message, str):
                answer["message"] = message
        if parsed is not None:
            answer["body"] = parsed
        return answer


def main(name=NAME):
    """The protocol loop: hello, then one answer per request until stdin closes."""
    def say(obj):
        sys.stdout.write(json.dumps(obj) + "\n")
        sys.stdout.flush()

    say({"type": "hello", "protocol": 1, "name": name, "services": ["bcc", "dcs"], "operations": ["changePassword"]})
    for line in sys.stdin:
        if not line.strip():
            continue
        req = json.loads(line)
        try:
            answer = change_password(req)
        except Exception as error:  # a bug or a network failure, not an API error
            answer = {"outcome": "exception", "name": type(error).__name__, "message": str(error)}
        answer["id"] = req["id"]
        say(answer)


if __name__ == "__main__":
    main()
