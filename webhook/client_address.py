"""The client's network address, through the reverse proxies the operator trusts."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from fastapi import Request

Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def networks(values: Sequence[str]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(value, strict=False) for value in values)


def _ip(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return address.ipv4_mapped
    return address


def _trusted(value: str, trusted: tuple[Network, ...]) -> bool:
    address = _ip(value)
    return address is not None and any(address in network for network in trusted)


def client_address(request: Request, trusted: tuple[Network, ...]) -> str:
    """The socket peer; behind a trusted proxy, the nearest X-Forwarded-For hop it did not add.

    Only hops appended by trusted proxies are believed: a client can write anything at the
    left of the header, so the walk goes from the right and stops at the first stranger.
    """
    peer = request.client.host if request.client else "unknown"
    if not trusted or not _trusted(peer, trusted):
        return peer
    hops = [
        hop.strip()
        for value in request.headers.getlist("x-forwarded-for")
        for hop in value.split(",")
        if hop.strip()
    ]
    for hop in reversed(hops):
        if not _trusted(hop, trusted):
            return hop if _ip(hop) is not None else "unknown"
    return peer


def limit_key(address: str) -> str:
    """What one sender is counted by: the address, or its /64 for IPv6 (one subscriber's)."""
    ip = _ip(address)
    if isinstance(ip, ipaddress.IPv6Address):
        return str(ipaddress.IPv6Network((ip, 64), strict=False))
    return str(ip) if ip is not None else address[:64]
