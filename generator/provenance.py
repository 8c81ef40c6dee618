"""Model stage helper: which provenance addresses a reader may be sent to.

A source page says where its summary's facts were taken from (`faktagrunnlag`). Readers are
linked only to DOIs, publishers, recognised repositories and public bodies; any other address
(a document-sharing site, a proxy, a citation index) stays in the evidence base and is not shown.
This is the one list: add a host here, with what it is, when a researcher needs it.
"""

from __future__ import annotations

from generator.markup import host_within, url_host

RECOGNISED_HOSTS = frozenset(
    {
        # Persistent identifiers
        "doi.org",
        "hdl.handle.net",
        "urn.nb.no",
        # Publishers and their journal platforms
        "tandfonline.com",
        "informahealthcare.com",  # Taylor & Francis
        "onlinelibrary.wiley.com",
        "academic.oup.com",
        "oxford.universitypressscholarship.com",
        "cambridge.org",
        "link.springer.com",
        "journals.sagepub.com",
        "emerald.com",
        "e-elgar.com",
        "elgaronline.com",
        "routledge.com",
        "igi-global.com",
        "bristoluniversitypressdigital.com",
        "idunn.no",
        "universitetsforlaget.no",
        "fagbokforlaget.no",
        "cappelendamm.no",
        "ojs.ub.gu.se",  # University of Gothenburg's journals
        "tidsskrift.dk",
        # National research records and repositories
        "nva.sikt.no",
        "app.cristin.no",
        "brage.unit.no",  # and the institutions' archives on it: HVL Open (hvlopen.brage.unit.no), NMBU …
        "duo.uio.no",
        "ntnuopen.ntnu.no",
        "oda.oslomet.no",
        "munin.uit.no",
        "bora.uib.no",
        "nordopen.nord.no",  # Nord Open, Nord universitet
        "openarchive.usn.no",  # USN Open Archive, Universitetet i Sørøst-Norge
        "econpapers.repec.org",
        "ideas.repec.org",
        # Research institutes
        "fafo.no",
        "oslomet.no",  # NIBR is part of OsloMet
        # University research portals
        "forskning.ruc.dk",
        "vbn.aau.dk",
        "research.cbs.dk",
        "ps.au.dk",
        "ign.ku.dk",
        "research.birmingham.ac.uk",
        "pureportal.strath.ac.uk",
        "oro.open.ac.uk",
        "experts.syr.edu",
        # Public bodies
        "regjeringen.no",
        "stortinget.no",
        "dfo.no",
        "ks.no",
        "forskningsradet.no",
        "ssb.no",
        "fhi.no",
    }
)
_PUBLIC_SUFFIXES = (".kommune.no",)  # the municipalities' own sites


def is_recognised(url: str) -> bool:
    """True for an http(s) address on a recognised host or one of its subdomains."""
    if not url.lower().startswith(("https://", "http://")):
        return False
    host = url_host(url) or ""
    return host_within(url, RECOGNISED_HOSTS) or host.endswith(_PUBLIC_SUFFIXES)
