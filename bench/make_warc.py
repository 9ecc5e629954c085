#!/usr/bin/env python3
"""Build a WARC.gz for the web-archive bench from the extraction_dev pages.

    bench/make_warc.py PAGES_DIR RECORDS OUT.warc.gz

RECORDS response records, each its own gzip member as WARC writers do, after one warcinfo
record: the pages of PAGES_DIR (*.html.gz) repeated under distinct URLs as `200 text/html`
responses, and every 20th record a non-HTML `image/png` response, every 20th (offset by 10)
a `404` HTML page. So 90% of the records are articles. Deterministic: the same arguments give
the same bytes. Standard library only.
"""

import gzip
import pathlib
import sys


def record(kind: str, n: int, uri: str, content_type: str, block: bytes) -> bytes:
    head = (
        f"WARC/1.1\r\n"
        f"WARC-Type: {kind}\r\n"
        f"WARC-Date: 2024-05-{1 + n % 28:02d}T12:00:00Z\r\n"
        f"WARC-Record-ID: <urn:uuid:{n:08x}-0000-4000-8000-000000000000>\r\n"
        f"WARC-Target-URI: {uri}\r\n"
        f"Content-Type: {content_type}\r\n"
        f"Content-Length: {len(block)}\r\n\r\n"
    ).encode()
    return gzip.compress(head + block + b"\r\n\r\n", compresslevel=1, mtime=0)


def http(status: str, content_type: str, body: bytes) -> bytes:
    return (
        f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    ).encode() + body


def main() -> None:
    pages_dir, records, out = pathlib.Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
    pages = [gzip.decompress(p.read_bytes()) for p in sorted(pages_dir.glob("*.html.gz"))]
    if not pages:
        sys.exit(f"no *.html.gz pages in {pages_dir}")
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 64
    http_type = "application/http; msgtype=response"
    with open(out, "wb") as f:
        info = b"software: crossread bench/make_warc.py\r\nformat: WARC File Format 1.1\r\n"
        f.write(record("warcinfo", 0, "urn:bench", "application/warc-fields", info))
        for n in range(1, records + 1):
            page = pages[n % len(pages)]
            uri = f"https://site{n % 13}.example/news/{n // len(pages)}/story-{n}.html"
            if n % 20 == 0:
                block = http("200 OK", "image/png", png)
            elif n % 20 == 10:
                block = http("404 Not Found", "text/html; charset=utf-8", page)
            else:
                block = http("200 OK", "text/html", page)
            f.write(record("response", n, uri, http_type, block))


if __name__ == "__main__":
    main()
