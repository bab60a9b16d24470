# Evidence of reliability and security (docs/reliability.md, docs/security.md).
# Included by the main Makefile.
#   make crash-loop [KILLS=1000]  the long crash-safety run; the short form
#                                 (20 kills) is src-tauri/tests/crash_safety.rs,
#                                 run by `make test` through app-unit
#   make fuzz-seeds               seed corpora for `make fuzz` (signed review
#                                 PDFs, tampered ones, key files)

.PHONY: crash-loop fuzz-seeds

KILLS ?= 1000

crash-loop: app-build
	scripts/crash-loop.sh $(KILLS)

fuzz-seeds:
	$(CARGO) run -q -p paneldesk-opinion --example fuzz_seeds -- fuzz/corpus
