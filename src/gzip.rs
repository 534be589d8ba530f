//! Gzip files of one or more members, as `gzip -d` reads them.
//!
//! A `.gz` file may hold several members one after another (`cat a.gz b.gz`), and archives
//! written to tape or in fixed-size blocks often end in zero bytes of padding. `gzip -d`
//! inflates every member and ignores zeros after the last one; flate2's `MultiGzDecoder`
//! takes the zeros for a member whose header is broken, and loses the whole file. [`Members`]
//! reads the members the same way and stops at zeros, so that such a file is read whole; any
//! other bytes after a member must begin a member, or reading fails.

use std::io::{self, BufRead, Read};

use flate2::bufread::GzDecoder;

/// The inflated bytes of every gzip member of a reader, up to its end or to trailing zeros.
pub(crate) struct Members<R: BufRead> {
    /// The member being read; `None` once the end (or the zeros) is reached.
    member: Option<GzDecoder<R>>,
}

impl<R: BufRead> Members<R> {
    /// Reads the members of `reader`, which must begin with one.
    pub fn new(reader: R) -> Members<R> {
        Members {
            member: Some(GzDecoder::new(reader)),
        }
    }
}

impl<R: BufRead> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(member) = self.member.as_mut() else {
                return Ok(0);
            };
            let n = member.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            // The member ended; the bytes after it are still in the reader.
            let mut rest = self.member.take().expect("a member is read").into_inner();
            if !at_end_or_zeros(&mut rest)? {
                self.member = Some(GzDecoder::new(rest));
            }
        }
    }
}

/// Whether `reader` is at its end, or holds only zero bytes up to it (consumed then). `false`
/// when another member may begin, with nothing consumed; an error when zeros are followed by
/// anything else.
fn at_end_or_zeros(reader: &mut impl BufRead) -> io::Result<bool> {
    let mut zeros = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            return Ok(true);
        }
        let run = available.iter().take_while(|&&b| b == 0).count();
        if run < available.len() {
            if zeros || run > 0 {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    "bytes other than zeros after the zero padding that follows the gzip data",
                ));
            }
            return Ok(false);
        }
        zeros = true;
        reader.consume(run);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::Compression;
    use std::io::Write;

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::fast());
        e.write_all(bytes).unwrap();
        e.finish().unwrap()
    }

    /// What reading `file` gives, through a small buffer so that runs of zeros span it.
    fn inflated(file: &[u8]) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        Members::new(io::BufReader::with_capacity(7, file)).read_to_end(&mut out)?;
        Ok(out)
    }

    #[test]
    fn members_and_padding() {
        let (a, b) = (gzip(b"Danmark "), gzip(b"og Norge"));
        let both = [a.clone(), b.clone()].concat();
        assert_eq!(inflated(&a).unwrap(), b"Danmark ");
        assert_eq!(inflated(&both).unwrap(), b"Danmark og Norge");
        for zeros in [1, 6, 7, 8, 512, 10_000] {
            let padded = [both.clone(), vec![0; zeros]].concat();
            assert_eq!(inflated(&padded).unwrap(), b"Danmark og Norge", "{zeros}");
        }
        let garbage = [both.clone(), vec![0; 20], b"x".to_vec()].concat();
        assert!(inflated(&garbage).is_err());
        let not_a_member = [a.clone(), b"not gzip".to_vec()].concat();
        assert!(inflated(&not_a_member).is_err());
        assert!(inflated(&a[..a.len() - 3]).is_err(), "truncated");
        assert!(inflated(&[0; 30]).is_err(), "zeros alone are no gzip file");
    }
}
