"""Short codes printed under a port's QR code, read by phones and now and then typed by people."""

import secrets

# No 0/o, 1/l/i: a code copied off a label by hand reads one way only.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
LENGTH = 10  # 31**10 ≈ 8 × 10**14: guessing a live code is hopeless, the label stays short


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


class CodeConverter:
    """`<label_code:code>` in a URL: only text shaped like a code reaches the view, lower-cased
    (a code typed in capitals still opens its port); anything else is a plain 404."""

    regex = f"[{ALPHABET}{ALPHABET.upper()}]{{{LENGTH}}}"

    def to_python(self, value: str) -> str:
        return value.lower()

    def to_url(self, value: str) -> str:
        return value
