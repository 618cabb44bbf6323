#!/usr/bin/env python3
"""The example client with one planted fault: BCC's adminPass is sent in plaintext instead of
AES-encrypted. The kit fails BCC-CLIENT-ENCRYPTION for it; every other rule still passes.

  npx conformance run --client-cmd 'python3 examples/python/change_password_faulty.py'   # exits 1
"""
import change_password


def plaintext_admin_pass(password, secret_key):
    """The fault: no encryption at all."""
    return password


change_password.encrypt_admin_pass = plaintext_admin_pass

if __name__ == "__main__":
    change_password.main(name="python-stdlib example (faulty: plaintext adminPass)")
