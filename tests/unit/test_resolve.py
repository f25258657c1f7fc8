from __future__ import annotations

from assistant.resolve import ClientDirectory, Resolution
from assistant.state import Client


def _directory() -> ClientDirectory:
    return ClientDirectory(
        [
            Client(
                id="nordlys",
                name="Nordlys",
                domains=["nordlys.example"],
                contacts=["mette@nordlys.example", "mette.private@gmail.example"],
            ),
            Client(id="siam", name="Siam", domains=["siam.example", "shared.example"], contacts=[]),
            Client(id="other", name="Other", domains=["shared.example"], contacts=["boss@shared.example"]),
        ],
        agency_domains=["fjordlight.example"],
    )


def test_contact_first_then_domain_then_unknown() -> None:
    d = _directory()
    assert d.resolve("Mette.Private@Gmail.example") == Resolution("nordlys", "contact")
    assert d.resolve("someone.new@nordlys.example") == Resolution("nordlys", "domain")
    assert d.resolve("ops@mail.siam.example") == Resolution("siam", "domain")
    assert d.resolve("stranger@gmail.example") == Resolution(None, "unknown")
    assert d.resolve("") == Resolution(None, "unknown")


def test_agency_is_never_a_client_and_shared_domains_are_not_guessed() -> None:
    d = _directory()
    assert d.resolve("anna@fjordlight.example") == Resolution(None, "agency")
    assert d.resolve("x@shared.example") == Resolution(None, "ambiguous")
    assert d.resolve("boss@shared.example") == Resolution("other", "contact")
