"""What the service says about itself: the SPARQL service description, the dataset's VoID/DCAT description, and
the full dumps (made once: the served graph is read-only, so a dump never goes stale)."""

from __future__ import annotations

import threading

from nkc_kg.service.store.embedded import DUMP_FORMATS, Store


def service_description(endpoint: str) -> bytes:
    """The SPARQL 1.1 service description of the endpoint at ``endpoint`` (Turtle)."""
    return f"""@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .
<{endpoint}> a sd:Service ;
    sd:endpoint <{endpoint}> ;
    sd:supportedLanguage sd:SPARQL11Query ;
    sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_JSON> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_XML> ,
        <http://www.w3.org/ns/formats/SPARQL_Results_CSV> , <http://www.w3.org/ns/formats/SPARQL_Results_TSV> ,
        <http://www.w3.org/ns/formats/Turtle> , <http://www.w3.org/ns/formats/N-Triples> ,
        <http://www.w3.org/ns/formats/JSON-LD> , <http://www.w3.org/ns/formats/RDF_XML> ;
    sd:feature sd:UnionDefaultGraph ;
    sd:defaultDataset [ a sd:Dataset ] .
""".encode()


def void_description(root: str, triples: int) -> bytes:
    """The VoID/DCAT description of the dataset served at ``root`` (Turtle)."""
    distributions = "".join(
        f"""
<{root}/dumps/nkc-kg.{k}> a dcat:Distribution ; dcat:downloadURL <{root}/dumps/nkc-kg.{k}> ; dcat:mediaType "{m}" ."""
        for k, (_, m) in DUMP_FORMATS.items()
    )
    body = f"""@prefix void: <http://rdfs.org/ns/void#> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix dcterms: <http://purl.org/dc/terms/> .

<{root}/void#dataset> a void:Dataset , dcat:Dataset ;
    dcterms:title "Kennisgraaf actieplannen Nederlands Kanker Collectief"@nl ,
        "Knowledge graph of the NKC action plans"@en ;
    void:triples {triples} ;
    void:sparqlEndpoint <{root}/sparql> ;
    void:uriSpace "https://w3id.org/nkc-kg/" ;
    void:vocabulary <https://w3id.org/nkc-kg/def#> , <http://www.w3.org/ns/org#> ,
        <http://www.w3.org/2004/02/skos/core#> , <http://www.w3.org/ns/prov#> , <http://www.w3.org/2006/time#> ;
    void:dataDump {" , ".join(f"<{root}/dumps/nkc-kg.{k}>" for k in DUMP_FORMATS)} ;
    dcat:distribution {" , ".join(f"<{root}/dumps/nkc-kg.{k}>" for k in DUMP_FORMATS)} .
{distributions}
"""
    return body.encode()


class Dumps:
    """The store's dumps (trig, nq, ttl, jsonld), each made on first request and kept."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._made: dict[str, tuple[bytes, str]] = {}
        self._lock = threading.Lock()

    def get(self, kind: str) -> tuple[bytes, str]:
        """The dump in ``kind`` (one of DUMP_FORMATS) and its media type."""
        with self._lock:
            made = self._made.get(kind)
            if made is None:
                made = self._made[kind] = self.store.dump(kind)
        return made
