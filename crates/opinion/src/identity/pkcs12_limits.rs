//! Work limits for a PKCS#12 file, checked before p12-keystore derives a
//! single key. The file itself names how hard its keys are to derive: the
//! MAC's iteration count, each encrypted bag's PBKDF2 or PKCS#12-PBE count,
//! scrypt's N, r and p. A hostile file could ask for billions of rounds (an
//! import that never ends) or an scrypt needing gigabytes. What can be read
//! without the passphrase is checked here; parameters hidden inside an
//! encrypted part only appear after that part was decrypted within these
//! limits, and are bounded by p12-keystore alone.

use der::asn1::{AnyRef, ObjectIdentifier, OctetStringRef};
use der::{Decode, Reader, SliceReader, Tag, Tagged};
use pkcs8::pkcs5::pbes2::{self, Kdf};

use super::keyfile::{MAX_SCRYPT_COST, MAX_SCRYPT_P, MAX_SCRYPT_R};

/// All PBKDF2 and PKCS#12-KDF rounds of one file together. Real files use
/// 2,048 (OpenSSL), 10,000 (Java) or at most a few hundred thousand; 4
/// million SHA rounds is about a second here.
pub(super) const MAX_TOTAL_ITERATIONS: u64 = 4_000_000;
/// scrypt derivations per file (each up to the key file's own limits).
const MAX_SCRYPT_RUNS: u32 = 2;
/// Nesting deeper than any real PKCS#12 file: not walked further.
const MAX_DEPTH: u32 = 24;

const OID_PBES2: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.5.13");
/// pbeWithSHAAnd… (PKCS#12 appendix C): 1.2.840.113549.1.12.1.1–6.
const OID_PKCS12_PBE: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1");

#[derive(Debug, Default)]
struct Budget {
    iterations: u64,
    scrypt_runs: u32,
    exceeded: bool,
}

impl Budget {
    fn rounds(&mut self, n: u64) {
        self.iterations = self.iterations.saturating_add(n);
        self.exceeded |= self.iterations > MAX_TOTAL_ITERATIONS;
    }

    fn scrypt(&mut self, n: u64, r: u16, p: u16) {
        self.scrypt_runs += 1;
        self.exceeded |=
            n > MAX_SCRYPT_COST || r > MAX_SCRYPT_R || p > MAX_SCRYPT_P || self.scrypt_runs > MAX_SCRYPT_RUNS;
    }
}

/// True when the file asks for more key-derivation work than allowed.
/// Malformed parts are left to p12-keystore, which refuses them before
/// deriving anything from them.
pub(super) fn excessive(p12: &[u8]) -> bool {
    let mut budget = Budget::default();
    let Ok(pfx) = AnyRef::from_der(p12) else { return false };
    mac_rounds(pfx, &mut budget);
    walk(pfx, &mut budget, 0);
    budget.exceeded
}

/// PFX ::= SEQUENCE { version, authSafe ContentInfo, macData MacData OPTIONAL }
/// MacData ::= SEQUENCE { mac DigestInfo, macSalt OCTET STRING, iterations INTEGER DEFAULT 1 }
fn mac_rounds(pfx: AnyRef<'_>, budget: &mut Budget) {
    let Some(parts) = children(pfx) else { return };
    let Some(mac) = parts.get(2).filter(|m| m.tag() == Tag::Sequence) else { return };
    let Some(fields) = children(*mac) else { return };
    if let Some(n) = fields.get(2) {
        // p12-keystore reads it as i32 and passes it on: a negative count
        // is no work, an over-long one is refused by its decoder.
        budget.rounds(n.decode_as::<i64>().map_or(0, |n| n.max(0).unsigned_abs()));
    }
}

fn walk(any: AnyRef<'_>, budget: &mut Budget, depth: u32) {
    if depth > MAX_DEPTH || budget.exceeded {
        return;
    }
    match any.tag() {
        Tag::Sequence => {
            let Some(parts) = children(any) else { return };
            if let (Some(oid), Some(params)) = (parts.first(), parts.get(1)) {
                if let Ok(oid) = oid.decode_as::<ObjectIdentifier>() {
                    algorithm(oid, *params, budget);
                }
            }
            parts.into_iter().for_each(|p| walk(p, budget, depth + 1));
        }
        Tag::Set | Tag::ContextSpecific { constructed: true, .. } => {
            children(any).into_iter().flatten().for_each(|p| walk(p, budget, depth + 1));
        }
        // Bags and safe contents travel wrapped in OCTET STRINGs.
        Tag::OctetString => {
            if let Ok(inner) = OctetStringRef::try_from(any) {
                if let Ok(nested) = AnyRef::from_der(inner.as_bytes()) {
                    walk(nested, budget, depth + 1);
                }
            }
        }
        _ => {}
    }
}

fn algorithm(oid: ObjectIdentifier, params: AnyRef<'_>, budget: &mut Budget) {
    if oid == OID_PBES2 {
        match pbes2::Parameters::try_from(params).map(|p| p.kdf) {
            Ok(Kdf::Pbkdf2(p)) => budget.rounds(u64::from(p.iteration_count)),
            Ok(Kdf::Scrypt(s)) => budget.scrypt(s.cost_parameter, s.block_size, s.parallelization),
            _ => {}
        }
    } else if oid.parent() == Some(OID_PKCS12_PBE) {
        // pkcs-12PbeParams ::= SEQUENCE { salt OCTET STRING, iterations INTEGER }
        if let Some(n) = children(params).and_then(|f| f.get(1).and_then(|n| n.decode_as::<u64>().ok())) {
            budget.rounds(n);
        }
    }
}

/// The elements of a constructed value, or None when it does not parse.
fn children(any: AnyRef<'_>) -> Option<Vec<AnyRef<'_>>> {
    let mut reader = SliceReader::new(any.value()).ok()?;
    let mut out = Vec::new();
    while !reader.is_finished() {
        out.push(reader.decode::<AnyRef<'_>>().ok()?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use der::Encode;

    fn alg_id(oid: ObjectIdentifier, params: &[u8]) -> Vec<u8> {
        let mut body = oid.to_der().expect("oid");
        body.extend_from_slice(params);
        seq(&body)
    }

    fn seq(body: &[u8]) -> Vec<u8> {
        let any = AnyRef::new(Tag::Sequence, body).expect("any");
        any.to_der().expect("seq")
    }

    #[test]
    fn scrypt_beyond_the_key_file_limits_is_excessive() {
        let salt = [7u8; 16];
        let iv = [1u8; 16];
        let big = pkcs8::pkcs5::scrypt::Params::new(30, 8, 1, 32).expect("params");
        let params = pbes2::Parameters::scrypt_aes256cbc(big, &salt, &iv).expect("pbes2").to_der().expect("der");
        assert!(excessive(&seq(&alg_id(OID_PBES2, &params))));
        let fine = pkcs8::pkcs5::scrypt::Params::new(15, 8, 1, 32).expect("params");
        let params = pbes2::Parameters::scrypt_aes256cbc(fine, &salt, &iv).expect("pbes2").to_der().expect("der");
        assert!(!excessive(&seq(&alg_id(OID_PBES2, &params))));
    }

    #[test]
    fn pbkdf2_rounds_add_up_across_bags() {
        let (salt, iv) = ([7u8; 16], [1u8; 16]);
        let one = pbes2::Parameters::pbkdf2_sha256_aes256cbc(1_500_000, &salt, &iv).expect("p").to_der().expect("der");
        let two = [alg_id(OID_PBES2, &one), alg_id(OID_PBES2, &one)].concat();
        assert!(!excessive(&seq(&alg_id(OID_PBES2, &one))));
        let three = [two.clone(), alg_id(OID_PBES2, &one)].concat();
        assert!(!excessive(&seq(&two)));
        assert!(excessive(&seq(&three)));
    }

    #[test]
    fn legacy_pbe_iterations_hidden_in_an_octet_string_count() {
        let pbe = ObjectIdentifier::new_unwrap("1.2.840.113549.1.12.1.3");
        let mut fields = OctetStringRef::new(&[1u8; 8]).expect("salt").to_der().expect("der");
        fields.extend(5_000_000u64.to_der().expect("int"));
        let inner = seq(&alg_id(pbe, &seq(&fields)));
        let wrapped = OctetStringRef::new(&inner).expect("os").to_der().expect("der");
        assert!(excessive(&seq(&wrapped)));
    }

    #[test]
    fn garbage_is_left_to_the_parser() {
        for bytes in [&b""[..], b"\x30\x80", b"\x30\x05\x06\x03\x2a\x03", &[0x30; 64]] {
            assert!(!excessive(bytes));
        }
    }
}
