#!/usr/bin/env python3
"""Reads an ETSI TS 119 102-2 validation report strictly with pyHanko's
bindings of the schema (pyhanko.generated.etsi.ts_11910202, xsdata): an
element or attribute the schema does not have, or a value of the wrong type,
is an error. Then checks what the bindings cannot: every VOReference names a
ValidationObject of the report, and every indication is an ETSI URN.
Prints a JSON summary; exit 0 when the report reads, 1 otherwise.

    python3 scripts/check-etsi-report.py REPORT.xml

Needs pyHanko and xsdata (pip install pyhanko xsdata)."""
import json
import sys

from pyhanko.generated.etsi import ts_11910202 as vr
from xsdata.formats.dataclass.parsers import XmlParser
from xsdata.formats.dataclass.parsers.config import ParserConfig


def main(path: str) -> int:
    parser = XmlParser(config=ParserConfig(fail_on_unknown_properties=True,
                                           fail_on_unknown_attributes=True,
                                           fail_on_converter_warnings=True))
    try:
        report = parser.parse(path, vr.ValidationReport)
    except Exception as e:  # noqa: BLE001 - any parse error is the verdict
        print(json.dumps({"ok": False, "error": f"{type(e).__name__}: {e}"}))
        return 1
    ids = {o.id for o in (report.signature_validation_objects.validation_object
                          if report.signature_validation_objects else ())}
    problems = []
    refs = []

    def check_ref(ref, what):
        if ref is None:
            return
        for r in ref.voreference:
            refs.append(r)
            if r not in ids:
                problems.append(f"{what} names {r}, which is not a validation object")

    def check_svr(svr, where):
        st = svr.signature_validation_status
        if st is None or not (st.main_indication or "").startswith("urn:etsi:019102:mainindication:"):
            problems.append(f"{where}: no ETSI main indication")
        for s in (st.sub_indication if st else ()):
            if not s.startswith("urn:etsi:019102:subindication:"):
                problems.append(f"{where}: sub-indication {s!r} is not an ETSI URN")
        if svr.validation_time_info is None or svr.validation_time_info.best_signature_time is None:
            problems.append(f"{where}: ValidationTimeInfo/BestSignatureTime missing")
        if svr.signer_information:
            check_ref(svr.signer_information.signer_certificate, f"{where} SignerCertificate")
        for d in (st.associated_validation_report_data if st else ()):
            if d.certificate_chain:
                cc = d.certificate_chain
                check_ref(cc.signing_certificate, f"{where} SigningCertificate")
                for c in cc.intermediate_certificate:
                    check_ref(c, f"{where} IntermediateCertificate")
                check_ref(cc.trust_anchor, f"{where} TrustAnchor")

    for n, svr in enumerate(report.signature_validation_report, 1):
        check_svr(svr, f"SignatureValidationReport {n}")
    for o in (report.signature_validation_objects.validation_object
              if report.signature_validation_objects else ()):
        if o.validation_report is not None:
            check_svr(o.validation_report, f"ValidationObject {o.id}")
    out = {
        "ok": not problems,
        "signature_reports": len(report.signature_validation_report),
        "main_indications": [s.signature_validation_status.main_indication
                             for s in report.signature_validation_report],
        "validation_objects": len(ids),
        "references": len(refs),
        "problems": problems,
    }
    print(json.dumps(out))
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
