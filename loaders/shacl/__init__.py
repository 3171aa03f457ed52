"""A SHACL engine for the project's shapes on pyoxigraph, and the cache that makes validation incremental.

`shapes` compiles the shapes graph once into plain records (refusing any SHACL feature it does not
implement), `engine` evaluates them over a pyoxigraph store (core constraints in Python over indexed
value lists, SPARQL-based constraints as one query per constraint), `reference` runs pyshacl (the
reference engine, ``--engine pyshacl``) and reads its report into the same findings, and
`incremental` builds the graph file by file with the triples of unchanged files taken from a
content-addressed cache.
"""
