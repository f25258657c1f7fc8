"""Resolve client: which client (if any) wrote this message.

Exact contact address first, then the sender's domain (or a subdomain of it). The
agency's own domains are never a client. A sender that matches no client — or whose
domain two clients share — stays unknown: never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from sqlalchemy import select

from assistant.state import Agency, Client, Store

Match = Literal["contact", "domain", "agency", "unknown", "ambiguous"]


@dataclass(frozen=True)
class Resolution:
    client_id: str | None
    match: Match


class ClientDirectory:
    def __init__(self, clients: Iterable[Client], agency_domains: Iterable[str] = ()) -> None:
        self.agency_domains = {d.lower() for d in agency_domains}
        self.by_contact: dict[str, str] = {}
        self.by_domain: dict[str, set[str]] = {}
        for c in clients:
            for addr in c.contacts:
                self.by_contact[addr.lower()] = c.id
            for dom in c.domains:
                self.by_domain.setdefault(dom.lower(), set()).add(c.id)

    @classmethod
    def from_store(cls, store: Store) -> ClientDirectory:
        with store.session() as s:
            agency = s.get(Agency, 1)
            return cls(s.scalars(select(Client)).all(), agency.domains if agency else ())

    def resolve(self, sender_email: str) -> Resolution:
        addr = sender_email.strip().lower()
        domain = addr.rpartition("@")[2] if "@" in addr else ""
        if not domain:
            return Resolution(None, "unknown")
        if _within(domain, self.agency_domains):
            return Resolution(None, "agency")
        if addr in self.by_contact:
            return Resolution(self.by_contact[addr], "contact")
        # The most specific listed domain wins: mail.client.example before client.example.
        labels = domain.split(".")
        for i in range(len(labels) - 1):
            owners = self.by_domain.get(".".join(labels[i:]))
            if owners:
                return Resolution(next(iter(owners)), "domain") if len(owners) == 1 else Resolution(None, "ambiguous")
        return Resolution(None, "unknown")


def _within(domain: str, domains: set[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)
