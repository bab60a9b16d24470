"""Every signature of a PDF as pyHanko judges it, one JSON line each:
field, intact, valid (cryptographically), coverage, modification level and
whether DocMDP allows what followed. Trust is not judged here: the test
certificates are self-signed."""
import json
import sys

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

with open(sys.argv[1], "rb") as f:
    reader = PdfFileReader(f)
    for sig in reader.embedded_signatures:
        st = validate_pdf_signature(sig, ValidationContext(allow_fetching=False))
        print(json.dumps({
            "field": sig.field_name,
            "intact": st.intact,
            "valid": st.valid,
            "coverage": st.coverage.name,
            "modification_level": st.modification_level.name if st.modification_level else None,
            "docmdp_ok": st.docmdp_ok,
        }))
