#!/usr/bin/env bash
# Writes the large bad-input corpus (issue 7) into DIR; the small cases live in
# Tests/MinerTests/BadInputCorpusTests.swift and IngestTests.swift.
#   Tests/BadInputs/make.sh DIR [ARCHIVE_MB]
# ARCHIVE_MB (default 2048) sizes big.tar, an archive of small pages.
set -euo pipefail
dir=${1:?usage: make.sh DIR [ARCHIVE_MB]}
archive_mb=${2:-2048}
mkdir -p "$dir"
python3 - "$dir" "$archive_mb" <<'PY'
import gzip, io, os, sys, tarfile
d, mb = sys.argv[1], int(sys.argv[2])
page = lambda i: ('<html><head><title>第%d篇小页面</title></head><body><div class="content"><p>'
                  '全县共发展党员%d名，党组织覆盖率达到84.61%%，整合资金300多万元。</p>' % (i, i) * 3
                  + '</div></body></html>').encode()
def w(name, data): open(os.path.join(d, name), 'wb').write(data)

# 10 MB without a single tag, as one line and as lines.
line = '全县共发展党员89名，党组织覆盖率达到84.61%。'.encode()
w('notag-oneline.html', line * ((10 << 20) // len(line)))
w('notag-lines.html', (line + b'\n') * ((10 << 20) // (len(line) + 1)))
# A tar whose second member claims 8 GiB, then one that claims 1 MiB and is cut short.
def header(name, size_field):
    t = tarfile.TarInfo(name); t.size = 0
    h = bytearray(t.tobuf(tarfile.USTAR_FORMAT)); h[124:136] = size_field
    h[148:156] = b' ' * 8; h[148:156] = b'%06o\0 ' % sum(h); return bytes(h)
good = page(0)
w('absurd.tar', header('good.html', b'%011o\0' % len(good)) + good + b'\0' * (-len(good) % 512)
  + header('huge.html', b'77777777777\0') + b'0123456789'
  + header('cut.html', b'00004000000\0') + b'x' * 700)
# A WARC whose second record says it is longer than the file, and a gzip of it.
http = b'HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n' + page(1)
rec = lambda n: (b'WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://example.cn/%d\r\n'
                 b'Content-Length: %d\r\n\r\n' % (n, len(http) + (0 if n == 1 else 9999))) + http + b'\r\n\r\n'
w('lying.warc', rec(1) + rec(2))
w('lying.warc.gz', gzip.compress(rec(1)) + gzip.compress(rec(2)))
# XML: external entity, external parameter entity, billion laughs, quadratic blowup.
w('xxe.xml', b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><r><p>&x;\xe6\xad\xa3\xe6\x96\x87</p></r>')
w('xxe-param.xml', b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><r><p>x</p></r>')
lol = '<!ENTITY lol "lol">' + ''.join('<!ENTITY lol%d "%s">' % (i, ('&lol%s;' % ('' if i == 1 else i - 1)) * 10) for i in range(1, 10))
w('laughs.xml', ('<?xml version="1.0"?><!DOCTYPE r [%s]><r>&lol9;</r>' % lol).encode())
w('quadratic.xml', ('<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "%s">]><r><p>%s</p></r>' % ('炸' * 50000, '&a;' * 50000)).encode())
# A gzip bomb: 1 GiB of spaces in a tar.gz of ~1 MB.
with open(os.path.join(d, 'bomb.tar.gz'), 'wb') as f, gzip.GzipFile(fileobj=f, mode='wb', compresslevel=9) as z:
    z.write(header('bomb.html', b'%011o\0' % (1 << 30)))
    chunk = b' ' * (1 << 20)
    for _ in range(1024): z.write(chunk)
# big.tar: small pages (~2.5 KB) up to ARCHIVE_MB, streamed to disk.
with open(os.path.join(d, 'big.tar'), 'wb') as f:
    tar = tarfile.open(fileobj=f, mode='w|', format=tarfile.USTAR_FORMAT)
    i, total = 0, 0
    while total < mb << 20:
        body = page(i); t = tarfile.TarInfo('p/%07d.html' % i); t.size = len(body)
        tar.addfile(t, io.BytesIO(body)); total += 512 + len(body) + (-len(body) % 512); i += 1
    tar.close()
print(f"{d}: big.tar holds {i} pages")
PY
