//! The managed objects of one NRM export, as a tree: what both readers (Bulk CM XML and NRM
//! JSON) produce and the mapping reads. Class names are kept as written (`GNBDUFunction`
//! in Bulk CM, `GnbDuFunction` in the JSON of TS 28.541) and compared in any case.

use crate::diagnostics::Location;

/// Where a managed object is written in its file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    /// Line and column (XML).
    At(u64, u64),
    /// A JSON path, located only when something must be reported there.
    Path(String),
}

/// One managed object.
#[derive(Clone, Debug)]
pub struct Mo {
    /// The class as written.
    pub class: String,
    /// The class, lower case, for comparisons.
    pub lower: String,
    /// Its `id`.
    pub id: String,
    /// Its distinguished name: `SubNetwork=A,ManagedElement=b,GNBDUFunction=1`.
    pub dn: String,
    /// The enclosing managed object.
    pub parent: Option<usize>,
    /// The contained managed objects, in file order.
    pub children: Vec<usize>,
    /// Attribute leaves: (path, value), the path's steps joined by `.`
    /// (`remoteAddress.ipv4Address`); a list gives one leaf per element.
    pub attrs: Vec<(String, String)>,
    /// Where it is written.
    pub place: Place,
}

impl Mo {
    /// The first value of an attribute (its whole path, any case).
    pub fn attr(&self, path: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(p, _)| p.eq_ignore_ascii_case(path))
            .map(|(_, v)| v.as_str())
    }

    /// Every value under an attribute: the attribute itself and its nested leaves.
    pub fn attr_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.attrs.iter().filter_map(move |(p, v)| {
            let head = p.split('.').next().unwrap_or(p);
            head.eq_ignore_ascii_case(name).then_some(v.as_str())
        })
    }

    /// Whether the class is `name` (any case).
    pub fn is(&self, name: &str) -> bool {
        self.lower.eq_ignore_ascii_case(name)
    }
}

/// Every managed object of one file.
#[derive(Clone, Debug, Default)]
pub struct MoTree {
    /// The file as named on the command line.
    pub file: String,
    /// Its text (to locate JSON paths).
    pub text: String,
    /// The objects, parents before children.
    pub mos: Vec<Mo>,
}

impl MoTree {
    /// Adds an object under `parent`; returns its index.
    pub fn push(&mut self, parent: Option<usize>, class: &str, id: &str, place: Place) -> usize {
        let rdn = format!("{class}={id}");
        let dn = match parent {
            Some(p) => format!("{},{rdn}", self.mos[p].dn),
            None => rdn,
        };
        let i = self.mos.len();
        self.mos.push(Mo {
            class: class.to_owned(),
            lower: class.to_ascii_lowercase(),
            id: id.to_owned(),
            dn,
            parent,
            children: Vec::new(),
            attrs: Vec::new(),
            place,
        });
        if let Some(p) = parent {
            self.mos[p].children.push(i);
        }
        i
    }

    /// The nearest object at or above `i` of class `class` (any case).
    pub fn ancestor(&self, mut i: usize, class: &str) -> Option<usize> {
        loop {
            if self.mos[i].is(class) {
                return Some(i);
            }
            i = self.mos[i].parent?;
        }
    }

    /// The location of an object.
    pub fn locate(&self, i: usize) -> Location {
        let (line, column) = match &self.mos[i].place {
            Place::At(l, c) => (*l, *c),
            Place::Path(p) => crate::inventory::locate_path(&self.text, p),
        };
        Location {
            file: self.file.clone(),
            line: Some(line),
            column: Some(column),
            path: None,
        }
    }

    /// `file: DN`, the `source` of what an object gives.
    pub fn source(&self, i: usize) -> String {
        format!("{}: {}", self.file, self.mos[i].dn)
    }
}
