//! What to generate, what was written, and why generation failed.

use std::io;
use std::path::PathBuf;

use super::profiles::MAX_COUNTRIES;

/// What to generate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Number of countries, the first of [`EU27`]: 1 to 27.
    pub countries: usize,
    /// Operators per country, at least 1.
    pub operators: usize,
    /// Radio sites per operator, at least 1.
    pub sites: usize,
    /// The seed: the same parameters give byte-identical files.
    pub seed: u64,
}

impl Params {
    /// Checks the ranges.
    ///
    /// # Errors
    /// [`GenerateError::Params`] when a count is out of range.
    pub fn check(&self) -> Result<(), GenerateError> {
        let bad = |m: String| Err(GenerateError::Params(m));
        if self.countries == 0 || self.countries > MAX_COUNTRIES {
            return bad(format!(
                "--countries {}: the generator knows the {MAX_COUNTRIES} EU member states, give 1 to {MAX_COUNTRIES}",
                self.countries
            ));
        }
        if self.operators == 0 {
            return bad("--operators 0: give at least 1 operator per country".into());
        }
        if self.sites == 0 {
            return bad("--sites 0: give at least 1 site per operator".into());
        }
        Ok(())
    }

    /// The number of operators in all.
    pub fn operator_count(&self) -> usize {
        self.countries * self.operators
    }

    /// The number of sites in all.
    pub fn site_count(&self) -> u64 {
        (self.operator_count() as u64) * (self.sites as u64)
    }
}

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// A parameter is out of range.
    #[error("{0}")]
    Params(String),
    /// The output directory holds files and `force` was not given.
    #[error(
        "output directory {} is not empty: choose another or pass --force to replace its inventory files",
        .0.display()
    )]
    NotEmpty(PathBuf),
    /// Reading or writing a file failed.
    #[error("failed to write {}", .path.display())]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The cause.
        #[source]
        source: io::Error,
    },
}

/// What was written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files written.
    pub files: usize,
    /// Supplier rows.
    pub suppliers: u64,
    /// Operator rows.
    pub operators: u64,
    /// Asset rows.
    pub assets: u64,
    /// Link rows.
    pub links: u64,
    /// Radio sites.
    pub sites: u64,
    /// Bytes written.
    pub bytes: u64,
}

impl Summary {
    pub(super) fn add(mut self, o: Summary) -> Summary {
        self.files += o.files;
        self.suppliers += o.suppliers;
        self.operators += o.operators;
        self.assets += o.assets;
        self.links += o.links;
        self.sites += o.sites;
        self.bytes += o.bytes;
        self
    }
}
