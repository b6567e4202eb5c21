"""Bounded Content-Encoding decoders: gzip, deflate and brotli that never expand past a limit."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from reader.errors import FetchError

# decode(data, limit) -> the decoded pieces of data, together no longer than limit bytes.
Decode = Callable[[bytes, int], list[bytes]]


class CappedBody:
    """A response body decoded as it arrives and refused once it passes max_bytes (both clients)."""

    def __init__(self, headers: Mapping[str, str], max_bytes: int) -> None:
        """headers: the response's, by lower-case names. FetchError for a declared identity body over
        the cap, or an encoding there is no decoder for."""
        encoding = headers.get("content-encoding", "identity").strip().lower()
        declared = headers.get("content-length", "")
        if encoding in ("", "identity") and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(too_large(max_bytes))
        self._decode = decoder(encoding)
        self._max_bytes = max_bytes
        self._size = 0
        self._parts: list[bytes] = []

    def feed(self, raw: bytes) -> None:
        """Decode the next bytes off the wire; FetchError once the decoded body passes the cap."""
        for piece in self._decode(raw, self._max_bytes - self._size + 1):
            self._size += len(piece)
            if self._size > self._max_bytes:
                raise FetchError(too_large(self._max_bytes))
            self._parts.append(piece)

    def content(self) -> bytes:
        """The decoded body so far."""
        return b"".join(self._parts)


def decoder(encoding: str) -> Decode:
    """A bounded decoder for a Content-Encoding value (already lower-cased and stripped)."""
    if encoding in ("", "identity"):
        return lambda data, _limit: [data]
    if encoding in ("gzip", "x-gzip"):
        return _ZlibDecoder(_MAX_WBITS | 16)
    if encoding == "deflate":
        return _ZlibDecoder(_MAX_WBITS, fallback_wbits=-_MAX_WBITS)
    if encoding == "br":
        return _brotli_decoder()
    raise FetchError(f"unsupported content encoding '{encoding}'")


def too_large(max_bytes: int) -> str:
    """The message for a body over the cap."""
    if max_bytes % (1024 * 1024) == 0:
        return f"response larger than {max_bytes // (1024 * 1024)} MB"
    return f"response larger than {max_bytes} bytes"


_MAX_WBITS = 15  # zlib.MAX_WBITS: zlib itself is loaded only for a compressed body (a 304 has none)


class _ZlibDecoder:
    """Decode gzip/deflate in bounded steps, so a small bomb never expands past the limit in memory."""

    def __init__(self, wbits: int, fallback_wbits: int | None = None) -> None:
        """Decode with wbits; on a first-chunk error retry once with fallback_wbits (raw deflate)."""
        import zlib

        self._zlib = zlib
        self._obj = zlib.decompressobj(wbits)
        self._fallback = fallback_wbits
        self._started = False

    def __call__(self, data: bytes, limit: int) -> list[bytes]:
        """Decode data, returning at most limit bytes; unread input is left only once limit is reached."""
        return [self._step(data, limit)]

    def _step(self, data: bytes, limit: int) -> bytes:
        """One bounded decompress call."""
        try:
            chunk = self._obj.decompress(data, max(1, limit))
        except self._zlib.error as exc:
            if self._fallback is None or self._started:
                raise FetchError(f"corrupt compressed body: {exc}") from exc
            self._obj = self._zlib.decompressobj(self._fallback)
            self._fallback = None
            chunk = self._obj.decompress(data, max(1, limit))
        self._started = True
        return chunk


def _brotli_decoder() -> Decode:
    """Decode brotli with an output limit per call."""
    import brotli  # only for servers that answer in brotli

    obj = brotli.Decompressor()

    def decode(data: bytes, limit: int) -> list[bytes]:
        try:
            return [obj.process(data, output_buffer_limit=max(1, limit))]
        except brotli.error as exc:
            raise FetchError(f"corrupt compressed body: {exc}") from exc

    return decode
