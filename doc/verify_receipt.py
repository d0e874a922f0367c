#!/usr/bin/env python3
"""Check an endorse signed receipt offline (doc/RECEIPTS.md).
Usage: verify_receipt.py FILE.receipt KEYS.json (KEYS.json: a saved copy
of /.well-known/endorse-keys).  Prints "genuine" (exit 0) or "not
genuine: why" (exit 1).  Needs PyNaCl (python3-nacl) or cryptography."""
import base64, json, sys
try:
    from nacl.signing import VerifyKey
    def check(pk, sig, msg): VerifyKey(pk).verify(msg, sig)
except ImportError:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    def check(pk, sig, msg): Ed25519PublicKey.from_public_bytes(pk).verify(sig, msg)

def verify(data, keys):
    data, n = data.replace(b"\r\n", b"\n").lstrip(b" \t\n"), 0
    while data:
        head, data = data.split(b"\n\n", 1)
        lines = head.decode().split("\n")
        assert lines[0] == "endorse-receipt 1", "not a receipt file"
        h = dict(line.split(" ", 1) for line in lines[1:])
        size = int(h["length"])
        record, data = data[:size], data[size:].lstrip(b" \t\n")
        assert len(record) == size, "the record is cut short"
        k = keys[h["key"]]              # KeyError: an unknown key
        check(base64.b64decode(k["public_key"]), base64.b64decode(h["signature"]), record)
        time = [l[5:] for l in record.decode().split("\n") if l.startswith("time ")][0]
        assert k["valid_from"] <= time and (k["valid_until"] is None or time <= k["valid_until"]), "outside the key's period"
        n += 1
    assert n > 0, "empty"

if __name__ == "__main__":
    keys = {k["key_id"]: k for k in json.load(open(sys.argv[2]))["keys"]}
    try:
        verify(open(sys.argv[1], "rb").read(), keys)
    except Exception as e:  # any failure at all means "not genuine"
        sys.exit("not genuine: %s" % (str(e) or type(e).__name__))
    print("genuine")
