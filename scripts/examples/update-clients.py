#!/usr/bin/env python3
"""Updates many clients from a CSV file over the HTTP API (Python standard library only).

    update-clients.py --url http://localhost:8080 --token "$TOKEN" clients.csv [--dry-run]

The CSV has a header row. One column names the client: `id`, `reference` or `enterpriseNumber` (any of
0123.456.789, BE0123456789, 0123456789). The other columns are the fields to set, as bulk edit allows them: custom
fields by key (peppol_ready, peppol_software_receive, ...) and the standard language, vatLiable, status,
responsibleUserId. A cell's text is read by the field's type (yes/no: true/false/oui/non/ja/nee/1/0; numbers; dates
YYYY-MM-DD; selects: the option key). An empty cell leaves that field alone; the word null clears it.

Rows that set the same values are sent together: one POST /api/clients/bulk-edit per group of up to 5,000 clients,
each atomic (all its clients or none). Every request carries an Idempotency-Key derived from the file's content and
the group, so running the script again after a failure (or a retry after a lost answer) never applies an edit twice:
the server answers a repeated key with the first result. Names of unknown clients stop the script before anything
is written. The token needs the `write` scope (POST /api/api-tokens, see the README).
"""
import argparse
import csv
import hashlib
import http.client
import json
import re
import sys
import time
import urllib.parse

STANDARD = {"language": "TEXT", "vatLiable": "BOOLEAN", "status": "TEXT", "responsibleUserId": "TEXT"}
KEY_COLUMNS = ("id", "reference", "enterpriseNumber")
CHUNK = 5000
TRUE = {"true", "yes", "oui", "ja", "1", "y"}
FALSE = {"false", "no", "non", "nee", "0", "n"}


class Api:
    def __init__(self, url, token):
        self.url = urllib.parse.urlparse(url.rstrip("/"))
        self.token = token
        self.conn = None

    def _connect(self):
        cls = http.client.HTTPSConnection if self.url.scheme == "https" else http.client.HTTPConnection
        self.conn = cls(self.url.hostname, self.url.port, timeout=300)

    def call(self, method, path, body=None, headers=None, retries=5):
        """JSON in and out; retries lost connections, 5xx and 409 (clients locked by someone else) with backoff."""
        h = {"Authorization": "Bearer " + self.token, "Accept": "application/json"}
        if body is not None:
            h["Content-Type"] = "application/json"
        h.update(headers or {})
        data = json.dumps(body).encode() if body is not None else None
        for attempt in range(retries + 1):
            try:
                if self.conn is None:
                    self._connect()
                self.conn.request(method, self.url.path + path, body=data, headers=h)
                r = self.conn.getresponse()
                payload = r.read()
            except (OSError, http.client.HTTPException) as e:
                self.conn = None
                if attempt == retries:
                    raise SystemExit(f"{method} {path}: {e}")
                time.sleep(2 ** attempt)
                continue
            if (r.status >= 500 or r.status == 409) and attempt < retries:
                time.sleep(2 ** attempt)
                continue
            if r.status >= 400:
                raise SystemExit(f"{method} {path} -> {r.status}: {payload.decode(errors='replace')[:2000]}")
            return json.loads(payload) if payload else None
        raise AssertionError("unreachable")


def field_types(api):
    types = dict(STANDARD)
    for category in api.call("GET", "/api/custom-field-categories"):
        for field in category.get("fields", []):
            types[field["key"]] = field["type"]
    return types


def typed(value, kind, column, row):
    text = value.strip()
    if text.lower() == "null":
        return None
    if kind == "BOOLEAN":
        if text.lower() in TRUE:
            return True
        if text.lower() in FALSE:
            return False
        raise SystemExit(f"row {row}, column {column}: '{value}' is not yes/no")
    if kind == "NUMBER":
        try:
            number = float(text.replace(",", "."))
        except ValueError:
            raise SystemExit(f"row {row}, column {column}: '{value}' is not a number")
        return int(number) if number.is_integer() else number
    return text


def normalise_enterprise_number(text):
    digits = re.sub(r"\D", "", text)
    return digits.zfill(10) if len(digits) in (9, 10) else text


def rsql_quote(value):
    if re.fullmatch(r"[A-Za-z0-9_.:@-]+", value):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def resolve(api, column, names):
    """Client ids by their reference or enterprise number: list requests with =in= filters whose URL stays well
    under the server's request-line limit (4 kB; longer lines are refused with 414)."""
    found = {}
    pending = sorted(set(names))
    while pending:
        batch, length = [], 0
        while pending and len(batch) < 400:
            cost = len(urllib.parse.quote(rsql_quote(pending[0]), safe="")) + 3  # and the encoded comma
            if batch and length + cost > 2500:
                break
            length += cost
            batch.append(pending.pop(0))
        query = urllib.parse.urlencode({"filter": f"{column}=in=(" + ",".join(rsql_quote(n) for n in batch) + ")",
                                        "size": 500, "page": 0})
        page = api.call("GET", "/api/clients?" + query)
        for item in page["items"]:
            found[item[column]] = item["id"]
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("csv")
    parser.add_argument("--url", required=True, help="the tracker's base URL, e.g. http://localhost:8080")
    parser.add_argument("--token", required=True, help="an API token with the write scope")
    parser.add_argument("--dry-run", action="store_true", help="only count what would change")
    parser.add_argument("--delimiter", default=None, help="CSV delimiter (default: guessed, , or ;)")
    args = parser.parse_args()

    raw = open(args.csv, "rb").read()
    text = raw.decode("utf-8-sig")
    delimiter = args.delimiter or (";" if text.split("\n", 1)[0].count(";") > text.split("\n", 1)[0].count(",") else ",")
    rows = list(csv.DictReader(text.splitlines(), delimiter=delimiter))
    if not rows:
        raise SystemExit("no rows")
    columns = list(rows[0].keys())
    key_column = next((c for c in columns if c in KEY_COLUMNS), None)
    if key_column is None:
        raise SystemExit(f"one column must name the client: {', '.join(KEY_COLUMNS)}")

    api = Api(args.url, args.token)
    types = field_types(api)
    fields = [c for c in columns if c != key_column]
    unknown = [c for c in fields if c not in types and not (c.startswith("cf.") and c[3:] in types)]
    if unknown:
        raise SystemExit(f"unknown fields: {', '.join(unknown)}")

    names = []
    changes_by_row = []
    for number, row in enumerate(rows, start=2):
        name = (row[key_column] or "").strip()
        if not name:
            raise SystemExit(f"row {number}: no {key_column}")
        if key_column == "enterpriseNumber":
            name = normalise_enterprise_number(name)
        changes = {}
        for c in fields:
            value = row.get(c)
            if value is None or value.strip() == "":
                continue
            changes[c] = typed(value, types.get(c[3:] if c.startswith("cf.") else c), c, number)
        names.append(name)
        changes_by_row.append(changes)

    ids = {n: n for n in names} if key_column == "id" else resolve(api, key_column, names)
    missing = sorted({n for n in names if n not in ids})
    if missing:
        raise SystemExit(f"{len(missing)} unknown {key_column}(s), nothing was changed: {', '.join(missing[:20])}")

    groups = {}
    for name, changes in zip(names, changes_by_row):
        if changes:
            key = json.dumps(changes, sort_keys=True)
            groups.setdefault(key, []).append(ids[name])
    file_hash = hashlib.sha256(raw).hexdigest()
    matched = changed = requests = 0
    for key in sorted(groups):
        client_ids = sorted(set(groups[key]))
        for start in range(0, len(client_ids), CHUNK):
            chunk = client_ids[start:start + CHUNK]
            body = {"selection": {"ids": chunk}, "changes": json.loads(key), "dryRun": args.dry_run}
            idempotency = "csv-" + hashlib.sha256(f"{file_hash}|{key}|{start}".encode()).hexdigest()[:48]
            result = api.call("POST", "/api/clients/bulk-edit", body, {"Idempotency-Key": idempotency})
            requests += 1
            matched += result["matched"]
            changed += result["changed"]
    print(json.dumps({"rows": len(rows), "groups": len(groups), "requests": requests, "matched": matched,
                      "changed": changed, "dryRun": args.dry_run}))


if __name__ == "__main__":
    main()
