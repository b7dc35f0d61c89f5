//! Content hashes (SHA-256, lowercase hex): of source files, of indexed documents, and
//! of anything else whose change must be noticed.

use sha2::{Digest, Sha256};

pub fn sha256_hex(bytes: &[u8]) -> String {
    let mut h = Hasher::new();
    h.update(bytes);
    h.finish()
}

/// SHA-256 of a file's bytes, read in pieces.
pub fn sha256_file(path: &std::path::Path) -> std::io::Result<String> {
    let mut h = Hasher::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut h)?;
    Ok(h.finish())
}

/// SHA-256 over data given in pieces.
pub struct Hasher(Sha256);

impl Hasher {
    pub fn new() -> Self {
        Hasher(Sha256::new())
    }

    pub fn update(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    pub fn finish(self) -> String {
        let digest = self.0.finalize();
        let mut s = String::with_capacity(64);
        for b in digest.iter() {
            s.push_str(&format!("{b:02x}"));
        }
        s
    }
}

/// The 32 bytes a 64-digit hex digest spells, to hold many compactly.
pub fn digest_from_hex(hex: &str) -> Option<[u8; 32]> {
    let hex = hex.as_bytes();
    if hex.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (o, pair) in out.iter_mut().zip(hex.chunks(2)) {
        *o = u8::from_str_radix(std::str::from_utf8(pair).ok()?, 16).ok()?;
    }
    Some(out)
}

/// So that serialisers can write straight into the hash.
impl std::io::Write for Hasher {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Default for Hasher {
    fn default() -> Self {
        Hasher::new()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_digest() {
        assert_eq!(
            super::sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn digest_round_trip() {
        let hex = super::sha256_hex(b"abc");
        let d = super::digest_from_hex(&hex).unwrap();
        assert_eq!((d[0], d[31]), (0xba, 0xad));
        assert_eq!(super::digest_from_hex(&hex[1..]), None);
        assert_eq!(super::digest_from_hex(&hex.replace('b', "g")), None);
    }
}
