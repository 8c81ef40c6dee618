"""Shared by the check and model stages and the site check: which provenance addresses a reader may
be sent to.

A source page says where its summary's facts were taken from (`faktagrunnlag`). Readers are
linked only to DOIs, publishers, recognised repositories and public bodies; any other address
(a document-sharing site, a proxy, a citation index) stays in the evidence base and is not shown.

Two lists, each host with what it is: `RECOGNISED_HOSTS` are shown to readers; `UNLINKED_HOSTS`
are known sites a fact was first seen on that readers are never sent to. An address on neither
list gets the warning `unknown-provenance-host`, so that a researcher decides which it is.
"""

from __future__ import annotations

from generator.core.markup import host_within, url_host

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
        "forskningogforandring.dk",  # the journal Forskning og Forandring's own platform
        "oupjapan.co.jp",  # Oxford University Press's catalogue in Japan
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
        "nibr.no",
        "samforsk.no",  # NTNU Samfunnsforskning
        "nordlandsforskning.no",
        "ostforsk.no",
        "vestforsk.no",
        "trondelagforskning.no",
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
UNLINKED_HOSTS = frozenset(
    {
        # Document-sharing sites: copies uploaded by others, often without the right to share them
        "docslib.org",
        "docplayer.me",
        "dokumen.tips",
        "dokumen.site",
        "9pdf.net",
        "5dok.net",
        "scribd.com",
        "studylib.net",
        "vdocuments.site",
        "pdfslide.net",
        # Citation indexes and aggregators: metadata copied from the publisher
        "ouci.dntb.gov.ua",
        "x-mol.com",
        "metatoc.com",
        "plu.mx",
        "books.google.co.uk",
        "books.google.com",
        "questia.com",
        # Copies on course pages, proxies and mirrors
        "bik.sfu-kras.ru",
        "citinde.ei.udelar.edu.uy",
        "zjdxfz.com",
        "pages.dev",
        "deno.dev",
        # Bookshops
        "akademika.no",
        # Projects', consultancies', magazines' and people's own sites
        "lipse.org",
        "govint.org",
        "ictlogy.net",
        "co-pi.dk",
        "lederliv.dk",
        "centerforborgerdialog.dk",
    }
)
_PUBLIC_SUFFIXES = (".kommune.no",)  # the municipalities' own sites


def is_recognised(url: str) -> bool:
    """True for an http(s) address on a recognised host or one of its subdomains."""
    if not url.lower().startswith(("https://", "http://")):
        return False
    host = url_host(url) or ""
    return host_within(url, RECOGNISED_HOSTS) or host.endswith(_PUBLIC_SUFFIXES)


def is_unlinked(url: str) -> bool:
    """True for an address on a known host that readers are not sent to (UNLINKED_HOSTS)."""
    return host_within(url, UNLINKED_HOSTS)
