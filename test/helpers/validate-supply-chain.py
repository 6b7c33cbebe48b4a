"""Validates SBOMs and in-toto statements with their official libraries.

Usage: python validate-supply-chain.py FILE...   Prints one JSON object: {file: null | "problem"}.
An SPDX document goes through spdx-tools, a CycloneDX one through cyclonedx-python-lib's strict JSON
schema validator, and anything else (a statement per line) through the in-toto attestation bindings."""
import json
import sys


def spdx(path):
    from spdx_tools.spdx.parser.parse_anything import parse_file
    from spdx_tools.spdx.validation.document_validator import validate_full_spdx_document

    problems = validate_full_spdx_document(parse_file(path))
    return "; ".join(p.validation_message for p in problems) or None


def cyclonedx(path):
    from cyclonedx.schema import SchemaVersion
    from cyclonedx.validation.json import JsonStrictValidator

    data = open(path, encoding="utf-8").read()
    spec = json.loads(data)["specVersion"]
    error = JsonStrictValidator(SchemaVersion.from_version(spec)).validate_str(data)
    return None if error is None else str(error)


def intoto(path):
    from google.protobuf import json_format
    from in_toto_attestation.predicates.provenance.v1 import provenance_pb2
    from in_toto_attestation.v1 import statement_pb2
    from in_toto_attestation.v1.statement import Statement

    with open(path, encoding="utf-8") as f:
        lines = [line for line in f.read().splitlines() if line.strip()]
    for line in lines:
        statement = json.loads(line)
        Statement.copy_from_pb(json_format.ParseDict(statement, statement_pb2.Statement())).validate()
        json_format.ParseDict(statement["predicate"], provenance_pb2.Provenance())
    return None


results = {}
for path in sys.argv[1:]:
    try:
        head = open(path, encoding="utf-8").read(4096)
        if '"spdxVersion"' in head:
            results[path] = spdx(path)
        elif '"bomFormat"' in head:
            results[path] = cyclonedx(path)
        else:
            results[path] = intoto(path)
    except Exception as error:  # every failure is a validation result, reported per file
        results[path] = f"{type(error).__name__}: {error}"
print(json.dumps(results))
