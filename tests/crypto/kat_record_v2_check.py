#!/usr/bin/env python3
"""Checks tests/crypto/kat_record_v2.hex without Triad or libsodium: Python hashlib (BLAKE2b) and pyca/cryptography
(Ed25519, X25519, Poly1305, ChaCha20-Poly1305), with HSalsa20/Salsa20/HChaCha20 written out below from their specs.
Follows docs/security.md ("Sealed record format"); prints the content key, commitment and plaintext hash that
test_sealed_record.cpp expects. Run: python3 tests/crypto/kat_record_v2_check.py"""
import hashlib, pathlib, struct, sys
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import ChaCha20Poly1305
from cryptography.hazmat.primitives.poly1305 import Poly1305

AUTHOR_SIGN_PK = bytes.fromhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")
AUTHOR_BOX_PK = bytes.fromhex("fa62cdd8554aca2fdf2a6029bbe7921b67c258735cbd86a4dcb810893e6e444f")
READER_SEED = bytes.fromhex("4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb")
M = 0xFFFFFFFF
rotl = lambda x, n: ((x << n) | (x >> (32 - n))) & M

def salsa_rounds(s):
    s = list(s)
    def qr(a, b, c, d):
        s[b] ^= rotl((s[a] + s[d]) & M, 7); s[c] ^= rotl((s[b] + s[a]) & M, 9)
        s[d] ^= rotl((s[c] + s[b]) & M, 13); s[a] ^= rotl((s[d] + s[c]) & M, 18)
    for _ in range(10):
        qr(0, 4, 8, 12); qr(5, 9, 13, 1); qr(10, 14, 2, 6); qr(15, 3, 7, 11)
        qr(0, 1, 2, 3); qr(5, 6, 7, 4); qr(10, 11, 8, 9); qr(15, 12, 13, 14)
    return s

def salsa_state(key, n16):
    k, n, c = struct.unpack("<8I", key), struct.unpack("<4I", n16), (0x61707865, 0x3320646E, 0x79622D32, 0x6B206574)
    return [c[0], *k[:4], c[1], *n, c[2], *k[4:], c[3]]

def hsalsa20(key, n16):
    z = salsa_rounds(salsa_state(key, n16))
    return struct.pack("<8I", *(z[i] for i in (0, 5, 10, 15, 6, 7, 8, 9)))

def xsalsa20_stream(key, nonce24, length):
    sub, out, block = hsalsa20(key, nonce24[:16]), b"", 0
    while len(out) < length:
        s = salsa_state(sub, nonce24[16:] + struct.pack("<Q", block))
        out += struct.pack("<16I", *((a + b) & M for a, b in zip(salsa_rounds(s), s))); block += 1
    return out[:length]

def hchacha20(key, n16):
    s = [0x61707865, 0x3320646E, 0x79622D32, 0x6B206574, *struct.unpack("<8I", key), *struct.unpack("<4I", n16)]
    def qr(a, b, c, d):
        s[a] = (s[a] + s[b]) & M; s[d] = rotl(s[d] ^ s[a], 16); s[c] = (s[c] + s[d]) & M; s[b] = rotl(s[b] ^ s[c], 12)
        s[a] = (s[a] + s[b]) & M; s[d] = rotl(s[d] ^ s[a], 8); s[c] = (s[c] + s[d]) & M; s[b] = rotl(s[b] ^ s[c], 7)
    for _ in range(10):
        qr(0, 4, 8, 12); qr(1, 5, 9, 13); qr(2, 6, 10, 14); qr(3, 7, 11, 15)
        qr(0, 5, 10, 15); qr(1, 6, 11, 12); qr(2, 7, 8, 13); qr(3, 4, 9, 14)
    return struct.pack("<8I", *s[:4], *s[12:])

rec = bytes.fromhex("".join(pathlib.Path(__file__).with_name("kat_record_v2.hex").read_text().split()))
assert rec[:9] == b"TRIADREC\x02" and rec[9:12] == b"\x01\x02\x01"
Ed25519PublicKey.from_public_bytes(AUTHOR_SIGN_PK).verify(rec[-64:], rec[:-64])  # raises if invalid
count = struct.unpack_from("<H", rec, 118)[0]
assert count == 1
# Reader's X25519 key: crypto_box_seed_keypair(BLAKE2b-256("triad.identity.box-seed.v1" || seed)) = SHA-512 half.
box_seed = hashlib.blake2b(b"triad.identity.box-seed.v1" + READER_SEED, digest_size=32).digest()
reader_sk = X25519PrivateKey.from_private_bytes(hashlib.sha512(box_seed).digest()[:32])
assert rec[120:136] == hashlib.blake2b(b"triad.keyid.box.v1" + reader_sk.public_key().public_bytes_raw(), digest_size=16).digest()
# crypto_box: HSalsa20(X25519 shared, 0) then XSalsa20-Poly1305 (nonce 24 | MAC 16 | key 32).
wrap = rec[136:208]
box_key = hsalsa20(reader_sk.exchange(X25519PublicKey.from_public_bytes(AUTHOR_BOX_PK)), bytes(16))
stream = xsalsa20_stream(box_key, wrap[:24], 64)
Poly1305.verify_tag(stream[:32], wrap[40:], wrap[24:40])
content_key = bytes(a ^ b for a, b in zip(wrap[40:], stream[32:]))
commitment = hashlib.blake2b(b"triad.record.key-commitment.v2" + rec[:86], digest_size=32, key=content_key).digest()
assert commitment == rec[86:118], "commitment differs"
nonce, (ct_len,) = rec[208:232], struct.unpack_from("<I", rec, 232)
ct = rec[236:236 + ct_len]
assert 236 + ct_len + 64 == len(rec)
plain = ChaCha20Poly1305(hchacha20(content_key, nonce[:16])).decrypt(bytes(4) + nonce[16:], ct, rec[:118])
print("plaintext      ", plain.decode())
print("content key    ", content_key.hex())
print("commitment     ", commitment.hex())
print("plaintext hash ", hashlib.blake2b(plain, digest_size=32, key=b"triad.plaintext-hash.v1").hexdigest())
sys.exit(0)
