"""The stable diagnostic codes: each code's severity and what it means, in Norwegian.

Codes are part of the interface: researchers silence warnings by code
(`literature/checks.yaml`) and CONTRIBUTING.md documents them. Never rename one.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


ERROR = Severity.ERROR
WARNING = Severity.WARNING


@dataclass(frozen=True)
class Code:
    severity: Severity
    meaning: str


CODES: dict[str, Code] = {
    # Files
    "missing-file": Code(ERROR, "En fil eller mappe som må finnes, mangler."),
    "unreadable-file": Code(ERROR, "Filen kunne ikke leses."),
    "unknown-format": Code(ERROR, "Eksporten er verken BibTeX/BibLaTeX, RIS eller CSL-JSON."),
    "crossref": Code(
        WARNING,
        "Crossref kunne ikke svare for en DOI (ukjent DOI, uten nett, et svar som ikke kan leses), "
        "eller et forslag fra make berik kunne ikke skrives inn.",
    ),
    "not-utf8": Code(ERROR, "Filen er ikke lagret som UTF-8."),
    "not-regular-file": Code(ERROR, "En fil eller mappe i literature/ er en symbolsk lenke eller en annen spesialfil."),
    "file-too-large": Code(ERROR, "Filen er større enn grensen for sin type (se SECURITY.md)."),
    "edition-invalid": Code(
        ERROR, "En utgave i literature/utgaver/ kan ikke leses, er endret for hånd eller står i feil rekkefølge."
    ),
    "edition-refused": Code(
        ERROR, "make utgave fikk et versjonsnummer som ikke er gyldig eller ikke er nyere enn det forrige."
    ),
    "edition-version": Code(WARNING, "versjon i summary.yaml er lavere enn den siste utgaven i literature/utgaver/."),
    "control-character": Code(ERROR, "En fil, et filnavn, en nøkkel eller en verdi har et kontrolltegn (C0 eller C1)."),
    "invisible-character": Code(
        ERROR,
        "En fil, et filnavn, en nøkkel eller en verdi har et usynlig tegn (retningsskift, nullbreddetegn, "
        "privat eller ikke tildelt tegn).",
    ),
    "too-long": Code(ERROR, "En tekst er lengre enn grensen for ett felt (se SECURITY.md)."),
    "paragraph-too-long": Code(
        ERROR, "Et avsnitt er lengre enn grensen for ett avsnitt (se SECURITY.md); del det med en tom linje."
    ),
    # BibTeX
    "bib-syntax": Code(ERROR, "BibTeX-filen har en syntaksfeil (klammer, komma, @type{nøkkel, …})."),
    "bib-undefined-macro": Code(ERROR, "En feltverdi uten klammer tolkes som et ukjent @string-navn."),
    "bib-key": Code(ERROR, "En BibTeX-nøkkel er ikke bare små bokstaver a–z, tall og bindestreker (høyst 64 tegn)."),
    "bib-duplicate-key": Code(ERROR, "Samme BibTeX-nøkkel er brukt to ganger, i samme eller ulike filer."),
    "confusable-id": Code(
        ERROR, "To nøkler eller id-er ser like ut (1 og l, 0 og o, rn og m) og kan forveksles med hverandre."
    ),
    "bib-name": Code(ERROR, "Et navn i author eller editor har for mange komma (personer skilles med and)."),
    "bib-duplicate-field": Code(ERROR, "Samme felt står to ganger i én oppføring."),
    "bib-missing-field": Code(WARNING, "En oppføring mangler et felt som referansen bør ha (årgang, sider …)."),
    "bib-required-field": Code(
        ERROR, "En oppføring mangler et felt referansen ikke kan vises uten (tittel, tidsskrift, boktittel, år)."
    ),
    "bib-journal-abbrev": Code(WARNING, "Tidsskriftets navn er forkortet (Public Manag. Rev.); skriv hele navnet."),
    "bib-entry-type": Code(WARNING, "Oppføringstypen har ingen egen APA-mal."),
    "bib-thesis-type": Code(ERROR, "En @thesis sier ikke om den er en doktorgradsavhandling eller en masteroppgave."),
    "bib-crossref": Code(ERROR, "crossref eller xdata viser til en nøkkel som ingen oppføring har."),
    "bib-year": Code(
        ERROR,
        "Året eller datoen er ikke fire sifre eller en dag som finnes; en dato som 04.12.2026, 12.2026 eller 2026-12-04T10:00 får `date = {2026-12-04}` (`{2026-12}`) å skrive i stedet, og 2026-02-31 får beskjed om at dagen ikke finnes.",
    ),
    "bib-doi": Code(ERROR, "DOI-en har feil form; den skal se ut som 10.1234/abc."),
    "bib-doi-form": Code(WARNING, "DOI-en er skrevet som en adresse (https://doi.org/…) i stedet for 10.1234/abc."),
    "bib-and-others": Code(WARNING, "Forfatterlisten slutter med 'and others' i stedet for alle navnene."),
    "bib-corporate-author": Code(
        WARNING, "En organisasjon som forfatter er skrevet uten doble klammer og leses som etternavn, fornavn."
    ),
    "bib-title-caps": Code(WARNING, "Tittelen står med bare store bokstaver."),
    "bib-url": Code(
        ERROR, "Nettadressen er ikke en vanlig http- eller https-adresse (uten brukernavn eller @ før verten)."
    ),
    "bib-tracking-url": Code(
        WARNING,
        "Nettadressen er en post i Scopus, Web of Science eller en bibliotekskatalog, ikke verket selv; den vises ikke.",
    ),
    "unknown-provenance-host": Code(
        WARNING,
        "En adresse i faktagrunnlaget ligger på en vert som verken er godkjent for lenker eller kjent som skjult.",
    ),
    "unknown-language": Code(WARNING, "Språket i BibTeX-feltet language står ikke i vocabulary.yaml."),
    "entry-without-source": Code(WARNING, "En BibTeX-oppføring har ingen kodefil i literature/sources/."),
    "duplicate-doi": Code(WARNING, "To oppføringer har samme DOI; trolig samme kilde to ganger."),
    "duplicate-title": Code(
        WARNING, "To oppføringer av samme slag har samme tittel, år og førsteforfatter; trolig samme kilde to ganger."
    ),
    # YAML
    "yaml-syntax": Code(ERROR, "YAML-filen har en syntaksfeil (innrykk, tabulator, klammer, kolon)."),
    "yaml-duplicate-key": Code(ERROR, "Et felt står to ganger i samme YAML-tabell."),
    "yaml-key": Code(ERROR, "En YAML-nøkkel er en liste eller tabell i stedet for et ord."),
    "yaml-tag": Code(ERROR, "Filen bruker en YAML-tagg (!!…), som ikke er tillatt."),
    "yaml-alias": Code(ERROR, "Filen bruker YAML-aliaser (&navn, *navn), som ikke er tillatt."),
    "yaml-depth": Code(ERROR, "Verdiene i YAML-filen er nøstet i for mange nivåer."),
    "empty-file": Code(ERROR, "Filen er tom."),
    "missing-field": Code(ERROR, "Et obligatorisk felt mangler."),
    "unknown-field": Code(ERROR, "Et felt er ukjent (ofte en skrivefeil i feltnavnet)."),
    "wrong-type": Code(ERROR, "En verdi har feil type, for eksempel tekst der det skal være en liste."),
    "empty-field": Code(ERROR, "Et felt er tomt."),
    "duplicate-value": Code(ERROR, "Samme verdi står flere ganger i en liste."),
    "invalid-value": Code(ERROR, "En verdi har feil format."),
    # Links between files
    "source-without-entry": Code(ERROR, "En kodefil har ingen BibTeX-oppføring med samme nøkkel som filnavnet."),
    "invalid-id": Code(
        ERROR, "Et filnavn eller en id i vocabulary.yaml er ikke bare små bokstaver a–z, tall og bindestreker."
    ),
    "reserved-id": Code(
        ERROR, "En id (nøkkel, tema, id i vocabulary.yaml eller begrep) er et navn nettstedet bruker selv, som index."
    ),
    "source-file-name": Code(ERROR, "Filnavnet skiller seg fra BibTeX-nøkkelen bare i store og små bokstaver."),
    "unknown-theme": Code(ERROR, "Et tema finnes ikke i literature/themes/."),
    "unknown-design": Code(ERROR, "Designet står ikke under design i vocabulary.yaml."),
    "design-unsettled": Code(WARNING, "En kilde med status vurdert eller godkjent har fortsatt design uavklart."),
    "unknown-country": Code(ERROR, "Landkoden står ikke under land i vocabulary.yaml."),
    "unknown-level": Code(ERROR, "Nivået står ikke under nivå i vocabulary.yaml."),
    "unknown-sector": Code(ERROR, "Sektoren står ikke under sektor i vocabulary.yaml."),
    "unknown-status": Code(ERROR, "Statusen står ikke under status i vocabulary.yaml."),
    "unknown-confidence": Code(ERROR, "Tiltroen står ikke under tiltro i vocabulary.yaml."),
    "unknown-source": Code(ERROR, "Et hovedfunn eller en implikasjon viser til en kilde som ikke er kodet."),
    "unknown-citation": Code(ERROR, "En henvisning [@nøkkel] peker ikke på noen kodet kilde."),
    "citation-syntax": Code(
        ERROR, "En henvisning er skrevet som \\cite{…}, @ nøkkel, [@a, @b] eller (@a; @b); den ville stått som tekst."
    ),
    "cerqual-missing": Code(
        WARNING, "Et hovedfunn mangler vurdering etter GRADE-CERQual (metode, samstemmighet, datamengde, relevans)."
    ),
    "cerqual-mismatch": Code(
        WARNING, "Tiltroen til et hovedfunn følger ikke av vurderingen (ett nivå ned per moderat, to per alvorlig)."
    ),
    "screening-incomplete": Code(
        ERROR, "summary.yaml har tall for noen trinn i utvelgelsen (screening), men ikke for alle."
    ),
    "screening-sum": Code(
        ERROR,
        "Tallene for utvelgelsen (screening) går ikke opp: et trinn er ikke trinnet før minus det som ble tatt ut.",
    ),
    "finding-title-only": Code(ERROR, "Et hovedfunn bygger bare på kilder vi kjenner tittelen på (lest: tittel)."),
    "method-without-full-text": Code(
        ERROR,
        "Et hovedfunn har mindre enn moderate betenkeligheter om metode, men ingen av kildene er lest i fulltekst.",
    ),
    "single-source-coherence": Code(
        ERROR,
        "Samstemmighet i et funn fra én kilde er ikke kan-ikke-vurderes, eller er det i et funn fra flere kilder.",
    ),
    "single-source-adequacy": Code(
        ERROR, "Et hovedfunn bygger på én kilde, men har mindre enn moderate betenkeligheter om datamengde."
    ),
    "method-concern-differs": Code(
        WARNING,
        "To hovedfunn som bare bygger på samme kilde, gir den ulik metode-bekymring uten å si hvorfor.",
    ),
    "hedge-missing": Code(
        WARNING,
        "Et hovedfunn med lav eller svært lav tiltro sier det rett fram, uten «kan», «tyder på» eller lignende.",
    ),
    "lix-high": Code(WARNING, "Påstanden i et hovedfunn (og et hovedbudskap) har LIX over 40 og er tung å lese."),
    "theme-front-matter": Code(ERROR, "Temafilen mangler front matter mellom to linjer med ---."),
    "nav-missing-theme": Code(ERROR, "Et tema står ikke i navigasjonen (nav) i mkdocs.yml."),
    # Text
    "broken-link": Code(ERROR, "En lenke peker på et tema eller en kilde som ikke finnes."),
    "unsafe-link": Code(ERROR, "En lenke bruker en annen adressetype enn http, https, mailto eller en relativ lenke."),
    "link-syntax": Code(
        WARNING, "En lenke er ikke skrevet som [tekst](adresse), eller er en referanselenke; den ville vist som tekst."
    ),
    "internal-note": Code(
        WARNING, "En tekst har en beskjed til forskergruppen («fylles inn», «TODO» …), som ville blitt publisert."
    ),
    "hyphen-break": Code(WARNING, "Et ord med bindestrek er delt over to linjer og får et mellomrom: «Vest- Europa»."),
    "raw-html": Code(WARNING, "Teksten inneholder HTML; den vises som vanlig tekst. Bruk Markdown."),
    # Writing the site
    "write-failed": Code(ERROR, "En generert side kunne ikke skrives; docs/ er som før."),
    "build-locked": Code(ERROR, "En annen bygging av samme mappe pågår."),
    "citation-stale": Code(
        ERROR, "CITATION.cff eller .zenodo.json følger ikke literature/summary.yaml; build skriver dem på nytt."
    ),
    # Configuration
    "checks-config": Code(ERROR, "literature/checks.yaml prøver å skru av en ukjent kode eller en feil."),
}
