-- The CA certificates that came with an imported .p12 (concatenated DER,
-- leaf excluded): they go into every signature's CMS so that a verifier
-- can build the path to the CA (issue 13, item 15). Empty for a
-- self-signed identity and for identities imported before this column.
ALTER TABLE identity ADD COLUMN ca_chain BLOB;
