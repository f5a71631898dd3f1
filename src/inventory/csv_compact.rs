//! The CSV importer's fast path: a file's cells interned as they are read, one row at a
//! time, without an owned string per cell and without the file's raw rows.
//!
//! It accepts exactly what the raw path (`csv.rs`) accepts without a problem, or gives up:
//! at the first thing the raw path would report (a header or syntax error, a row of the
//! wrong length, a bad cell) it forgets the strings it interned, and the file is parsed
//! again on the raw path, which reports and locates every problem.

use std::borrow::Cow;
use std::cell::{Cell, RefCell};

use rustc_hash::FxHashMap;

use rayon::prelude::*;

use super::compact::{self, CompactFile, Interner};
use super::csv::{CsvRow, delimiter_of, header_columns, raw_row, reader_of};
use super::raw::{RawRow, Table};
use super::source::Source;

/// The compact rows of a CSV file of `table` with no problem, its strings interned in
/// `strings`; `None`, with `strings` as it was, when the raw path has something to report.
pub(super) fn compact_csv(
    index: usize,
    source: &Source,
    table: Table,
    strings: &mut Interner,
) -> Option<CompactFile> {
    read_in_pieces(index, source, table, strings, PIECE)
}

/// [`compact_csv`], with a body larger than twice `piece` bytes read in pieces.
fn read_in_pieces(
    index: usize,
    source: &Source,
    table: Table,
    strings: &mut Interner,
    piece: usize,
) -> Option<CompactFile> {
    let before = strings.len();
    let file = rows(index, source, table, strings, piece);
    if file.is_none() {
        strings.truncate(before);
    }
    file
}

/// A file's body larger than twice this is read in pieces of about this size, in parallel.
const PIECE: usize = 4 << 20;

/// What every row of a file is read with.
struct Layout<'c> {
    table: Table,
    columns: Columns<'c>,
    width: usize,
    delimiter: u8,
}

fn rows(
    index: usize,
    source: &Source,
    table: Table,
    strings: &mut Interner,
    piece: usize,
) -> Option<CompactFile> {
    let delimiter = delimiter_of(&source.text);
    let mut reader = reader_of(&source.text, delimiter, true);
    let headers: Vec<String> = reader
        .headers()
        .ok()?
        .iter()
        .map(|s| s.trim().to_owned())
        .collect();
    let mut problems = Vec::new();
    let (column_of, header_ok) = header_columns(table, &headers, "", &|_| None, &mut problems);
    if !header_ok || !problems.is_empty() || !headers.iter().any(|h| table.field(h).is_some()) {
        return None;
    }
    let layout = Layout {
        table,
        columns: Columns::new(table, &column_of),
        width: headers.len(),
        delimiter,
    };
    let mut file = CompactFile {
        source: index,
        ..CompactFile::default()
    };
    let body = &source.text[reader.position().byte() as usize..];
    let pieces = pieces(body, piece);
    if pieces.len() == 1 {
        read_rows(&layout, &mut reader, &mut file, strings)?;
        return Some(file);
    }
    // Each piece with its own strings, in parallel; then, in order, their strings join the
    // file's and their rows are appended (the rows and strings of a serial read, whatever
    // the thread count).
    let read: Vec<(CompactFile, Interner)> = pieces
        .par_iter()
        .map(|piece| {
            let mut part = CompactFile::default();
            let mut local = Interner::default();
            let mut reader = reader_of(piece, delimiter, false);
            read_rows(&layout, &mut reader, &mut part, &mut local)?;
            Some((part, local))
        })
        .collect::<Option<_>>()?;
    let total = |len: fn(&CompactFile) -> usize| read.iter().map(|(p, _)| len(p)).sum::<usize>();
    file.assets.reserve_exact(total(|p| p.assets.len()));
    file.links.reserve_exact(total(|p| p.links.len()));
    file.targets.reserve_exact(total(|p| p.targets.len()));
    let maps = strings.absorb(read.iter().map(|(_, local)| local));
    for ((mut part, _), map) in read.into_iter().zip(maps) {
        part.remap(&map);
        append(&mut file, part);
    }
    Some(file)
}

/// The body cut at line ends into pieces of about `size` bytes; whole when it is small, or
/// when it holds a quote (a quoted cell may span lines, so a line end is not surely a
/// record's end).
fn pieces(body: &str, size: usize) -> Vec<&str> {
    if body.len() < 2 * size || body.contains('"') {
        return vec![body];
    }
    let mut out = Vec::with_capacity(body.len() / size + 1);
    let mut rest = body;
    while rest.len() > size {
        let Some(nl) = rest[size..].find('\n') else {
            break;
        };
        let (piece, tail) = rest.split_at(size + nl + 1);
        out.push(piece);
        rest = tail;
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// Reads every record of `reader` into `file`; `None` at the first problem.
fn read_rows(
    layout: &Layout<'_>,
    reader: &mut csv::Reader<&[u8]>,
    file: &mut CompactFile,
    strings: &mut Interner,
) -> Option<()> {
    let mut problems = Vec::new();
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).ok()? {
        // Blank rows and rows of only separators (spreadsheets add them) hold no data.
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if record.len() != layout.width {
            return None;
        }
        let asked = Cell::new(0);
        let get = |name: &str| -> Option<(usize, Cow<'_, str>)> {
            let i = layout.columns.of(&asked, name)?;
            let v = record.get(i)?.trim();
            (!v.is_empty()).then_some((i, Cow::Borrowed(v)))
        };
        let mut cells = CsvRow {
            locate: &|_| None,
            diags: &mut problems,
            ok: true,
            decimal_comma: layout.delimiter == b';',
        };
        let row = raw_row(layout.table, get, &mut cells);
        if !cells.ok {
            return None;
        }
        push(file, &row, strings);
    }
    Some(())
}

/// Appends a piece's rows (its symbols the file's) to the file's.
fn append(file: &mut CompactFile, mut part: CompactFile) {
    let offset = file.targets.len() as u32;
    for l in &mut part.links {
        if let Some(to) = &mut l.to {
            to.start += offset;
        }
    }
    file.suppliers.append(&mut part.suppliers);
    file.operators.append(&mut part.operators);
    file.assets.append(&mut part.assets);
    file.links.append(&mut part.links);
    file.shares.append(&mut part.shares);
    file.targets.append(&mut part.targets);
}

/// The column of each field of a row, in the order the row builder asks for them: the
/// same on every row, so that the n-th question of a row is answered by the n-th entry,
/// without hashing the field's name (any other question by the header's map).
struct Columns<'m> {
    asked: Vec<(String, Option<usize>)>,
    map: &'m FxHashMap<&'static str, usize>,
}

impl<'m> Columns<'m> {
    fn new(table: Table, map: &'m FxHashMap<&'static str, usize>) -> Self {
        let asked = RefCell::new(Vec::new());
        let record = |name: &str| -> Option<(usize, Cow<'_, str>)> {
            asked
                .borrow_mut()
                .push((name.to_owned(), map.get(name).copied()));
            None
        };
        let mut ignored = Vec::new();
        let mut cells = CsvRow {
            locate: &|_| None,
            diags: &mut ignored,
            ok: true,
            decimal_comma: false,
        };
        raw_row(table, record, &mut cells);
        Columns {
            asked: asked.into_inner(),
            map,
        }
    }

    /// The column of field `name`, the question number `asked` of its row.
    fn of(&self, asked: &Cell<usize>, name: &str) -> Option<usize> {
        let n = asked.get();
        asked.set(n + 1);
        match self.asked.get(n) {
            Some((field, col)) if field == name => *col,
            _ => self.map.get(name).copied(),
        }
    }
}

/// Compacts one row into the file, as [`CompactFile::new`] compacts a raw file's rows.
fn push(file: &mut CompactFile, row: &RawRow<'_>, strings: &mut Interner) {
    match row {
        RawRow::Supplier(r) => file.suppliers.push(compact::supplier(r, strings)),
        RawRow::Operator(r) => file.operators.push(compact::operator(r, strings)),
        RawRow::Asset(r) => file.assets.push(compact::asset(r, strings)),
        RawRow::Link(r) => {
            let l = compact::link(r, &mut file.targets, strings);
            file.links.push(l);
        }
        RawRow::Share(r) => file.shares.push(compact::share(r, strings)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::inventory::compact::{canonical, fixture_texts};
    use crate::inventory::csv::Csv;
    use crate::inventory::importer::Importer;

    fn source(name: &str, text: &str) -> Source {
        Source {
            name: name.to_owned(),
            importer: &Csv,
            text: text.trim_start_matches('\u{feff}').to_owned(),
            bytes: Vec::new(),
        }
    }

    fn table(source: &Source) -> Table {
        crate::inventory::csv::table_of_source(source).expect("a table's file")
    }

    /// The rows of both paths, canonical; the fast path's is `None` when it gives up.
    fn both_paths(name: &str, text: &str) -> (Option<String>, String) {
        let source = source(name, text);
        let mut fast = Interner::default();
        let fast_rows = compact_csv(0, &source, table(&source), &mut fast);
        let fast = fast_rows.map(|f| canonical(f, &fast));
        let mut slow = Interner::default();
        let mut diags = Vec::new();
        let parsed = Csv.parse(0, &source, &mut diags);
        assert!(diags.is_empty(), "{name}: {diags:?}");
        let slow_rows = CompactFile::new(&parsed.expect("parses"), &mut slow);
        (fast, canonical(slow_rows, &slow))
    }

    #[test]
    fn fast_path_gives_the_raw_paths_rows_on_every_valid_fixture() {
        let files = fixture_texts(
            &["fixtures/csv", "fixtures/csv-excel", "fixtures/shares"],
            "csv",
        );
        for (path, text) in &files {
            let (fast, slow) = both_paths(path, text);
            assert_eq!(fast.as_deref(), Some(&*slow), "{path}");
        }
        assert!(files.len() >= 9, "only {} fixtures found", files.len());
    }

    /// A file read in pieces gives the rows of a file read whole: every valid fixture
    /// without a quote, cut into pieces of a few lines.
    #[test]
    fn a_file_read_in_pieces_gives_the_rows_of_a_whole_read() {
        let files = fixture_texts(
            &["fixtures/csv", "fixtures/csv-excel", "fixtures/shares"],
            "csv",
        );
        let mut cut = 0;
        for (path, text) in &files {
            let source = source(path, text);
            let table = table(&source);
            let mut whole = Interner::default();
            let whole_rows = compact_csv(0, &source, table, &mut whole).expect("reads");
            let mut parts = Interner::default();
            let parts_rows = read_in_pieces(0, &source, table, &mut parts, 64).expect("reads");
            assert_eq!(whole_rows.links.len(), parts_rows.links.len(), "{path}");
            assert_eq!(
                canonical(parts_rows, &parts),
                canonical(whole_rows, &whole),
                "{path}"
            );
            cut += usize::from(pieces(&source.text, 64).len() > 1);
        }
        assert!(cut >= 3, "only {cut} fixtures were cut");
    }

    /// A problem in any piece sends the whole file to the raw path, its strings forgotten.
    #[test]
    fn a_problem_in_a_later_piece_gives_up_the_whole_file() {
        let mut text = String::from("id,operator,weight\n");
        for i in 0..40 {
            text.push_str(&format!("a{i},o,1\n"));
        }
        text.push_str("z,o,heavy\n");
        let source = source("assets.csv", &text);
        assert!(pieces(&source.text, 64).len() > 3);
        let mut strings = Interner::default();
        strings.intern("kept");
        let read = read_in_pieces(0, &source, table(&source), &mut strings, 64);
        assert!(read.is_none());
        assert_eq!(strings.len(), 1);
    }

    #[test]
    fn a_body_is_cut_at_line_ends_and_never_where_a_quote_is() {
        let body = "a,b\nc,d\ne,f\ng,h\n";
        assert_eq!(pieces(body, 4), ["a,b\nc,d\n", "e,f\ng,h\n"]);
        assert_eq!(pieces(body, 100), [body]);
        let quoted = "a,\"b\nc\"\nd,e\nf,g\nh,i\n";
        assert_eq!(pieces(quoted, 4), [quoted]);
    }

    #[test]
    fn fast_path_reads_every_form_the_raw_path_reads() {
        for (name, text) in [
            (
                "assets.csv",
                "Id, operator ,function,supplier,weight,sensitive,region,\n\
                 a,o,gnb,s,2,TRUE,\"North, upper\",\n \" b \" ,o,amf,s,1.5e0,false,,\n,,,,,,,\n,,\n",
            ),
            (
                "links.csv",
                "from,to,kind,need,open,interface\r\na,b | c||d,connects_to,2,true,X2\r\na,,,,,\r\n",
            ),
            ("assets.csv", "id;weight;supplier\na;1,5;s\nb;2;\n"),
            (
                "shares.csv",
                "operator,domain,supplier,share,generation\no,ran,s,0.5,5g\no,core,s,0.25,\n",
            ),
            (
                "operators.csv",
                "id,country,subscribers,notes\no,FI,10,\"a \"\"quoted\"\" note\"\n",
            ),
            (
                "suppliers.csv",
                "id,name,country,risk,group\ns,S Oy,FI,low,g\n",
            ),
        ] {
            let (fast, slow) = both_paths(name, text);
            assert_eq!(fast.as_deref(), Some(&*slow), "{name}: {text}");
        }
    }

    #[test]
    fn fast_path_gives_up_on_any_problem_and_forgets_its_strings() {
        for (name, text) in [
            ("assets.csv", "id,weight\na,heavy\n"),
            ("assets.csv", "id,sensitive\na,yes\n"),
            ("links.csv", "from,to,need\na,b,-1\n"),
            ("assets.csv", "id,colour\na,red\n"),
            ("assets.csv", "id,id\na,b\n"),
            ("assets.csv", "a,b\nc,d\n"),
            ("assets.csv", "id,operator\na,o,extra\n"),
            ("assets.csv", "id,operator\na\n"),
            ("assets.csv", "id,operator\n\"a,o\n"),
        ] {
            let source = source(name, text);
            let mut strings = Interner::default();
            strings.intern("kept");
            let fast = compact_csv(0, &source, table(&source), &mut strings);
            assert!(fast.is_none(), "{text}");
            assert_eq!(strings.len(), 1, "{text}");
            assert!(strings.find("a").is_none(), "{text}");
        }
    }
}
