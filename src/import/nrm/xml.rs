//! Bulk CM XML (3GPP TS 32.615 `configData`, the NRM classes of TS 28.541 and TS 28.623)
//! into a [`MoTree`]. An element with an `id` attribute is a managed object; its
//! `attributes` child holds its attributes, nested as the schema nests them; vendor-specific
//! `vsDataContainer`s are kept as objects of their own class (reported, not mapped).

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;

use crate::diagnostics::{Code, Diagnostic};
use crate::inventory::LineIndex;

use super::super::rows::located;
use super::tree::{MoTree, Place};

/// What an open element is.
enum Frame {
    /// Structure around the objects (`bulkCmConfigDataFile`, `configData`, `fileHeader`) or
    /// an element the reader does not know.
    Other,
    /// A managed object.
    Mo(usize),
    /// An `attributes` element, or an element inside one, with the path of its leaf and
    /// its text so far.
    Attr {
        mo: usize,
        path: String,
        text: String,
    },
}

/// Reads one Bulk CM file. A malformed file (not well-formed XML, an undeclared namespace
/// prefix) gives one located `xml-syntax` error.
pub fn read(file: &str, text: &str) -> Result<MoTree, Diagnostic> {
    let lines = LineIndex::new(text);
    let error = |offset: u64, message: String| {
        let (line, column) = lines.line_col(offset as usize);
        Diagnostic::new(Code::XmlSyntax, message, Some(located(file, line, column)))
    };
    let mut tree = MoTree {
        file: file.to_owned(),
        ..MoTree::default()
    };
    let mut reader = NsReader::from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    loop {
        let at = reader.buffer_position();
        let (ns, event) = match reader.read_resolved_event() {
            Ok((ns, e)) => (unknown_prefix(&ns), e),
            Err(e) => {
                return Err(error(
                    reader.error_position(),
                    format!("failed to read XML: {e}"),
                ));
            }
        };
        if let Some(prefix) = ns {
            return Err(error(
                at,
                format!("failed to read XML: namespace prefix \"{prefix}\" is not declared"),
            ));
        }
        match event {
            Event::Start(e) => {
                let frame =
                    open(&mut tree, &stack, &e, place(&lines, at)).map_err(|m| error(at, m))?;
                stack.push(frame);
            }
            Event::Empty(e) => {
                let frame =
                    open(&mut tree, &stack, &e, place(&lines, at)).map_err(|m| error(at, m))?;
                close(&mut tree, frame);
            }
            Event::End(_) => {
                if let Some(frame) = stack.pop() {
                    close(&mut tree, frame);
                }
            }
            Event::Text(t) => push_text(&mut stack, &t.xml10_content()),
            Event::CData(t) => push_text(&mut stack, &t.xml10_content()),
            Event::GeneralRef(r) => {
                let c = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    _ => match &*r {
                        "amp" => "&".into(),
                        "lt" => "<".into(),
                        "gt" => ">".into(),
                        "quot" => "\"".into(),
                        "apos" => "'".into(),
                        other => {
                            return Err(error(
                                at,
                                format!("failed to read XML: unknown entity \"&{other};\""),
                            ));
                        }
                    },
                };
                push_text(&mut stack, &c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if tree.mos.is_empty() {
        return Err(error(
            0,
            "no managed object: a Bulk CM file holds elements with an `id` in `configData`".into(),
        ));
    }
    Ok(tree)
}

fn unknown_prefix(ns: &ResolveResult<'_>) -> Option<String> {
    match ns {
        ResolveResult::Unknown(p) => Some(p.clone()),
        _ => None,
    }
}

fn place(lines: &LineIndex, at: u64) -> Place {
    let (l, c) = lines.line_col(at as usize);
    Place::At(l, c)
}

fn open(
    tree: &mut MoTree,
    stack: &[Frame],
    e: &BytesStart<'_>,
    place: Place,
) -> Result<Frame, String> {
    let local = e.local_name();
    let name = local.as_ref();
    let parent_mo = stack.iter().rev().find_map(|f| match f {
        Frame::Mo(i) => Some(*i),
        _ => None,
    });
    match stack.last() {
        Some(Frame::Attr { mo, path, .. }) => {
            let path = if path.is_empty() {
                name.to_owned()
            } else {
                format!("{path}.{name}")
            };
            return Ok(Frame::Attr {
                mo: *mo,
                path,
                text: String::new(),
            });
        }
        Some(Frame::Mo(mo)) if name.eq_ignore_ascii_case("attributes") => {
            return Ok(Frame::Attr {
                mo: *mo,
                path: String::new(),
                text: String::new(),
            });
        }
        _ => {}
    }
    let mut id = None;
    for a in e.attributes() {
        let a = a.map_err(|err| format!("failed to read XML: {err}"))?;
        if a.key.local_name().as_ref() == "id" {
            let v = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|err| format!("failed to read XML: {err}"))?;
            id = Some(v.into_owned());
        }
    }
    Ok(match id {
        Some(id) => Frame::Mo(tree.push(parent_mo, name, &id, place)),
        None => Frame::Other,
    })
}

fn close(tree: &mut MoTree, frame: Frame) {
    if let Frame::Attr { mo, path, text } = frame {
        let value = text.trim();
        if !path.is_empty() && !value.is_empty() {
            tree.mos[mo].attrs.push((path, value.to_owned()));
        }
    }
}

fn push_text(stack: &mut [Frame], s: &str) {
    if let Some(Frame::Attr { text, .. }) = stack.last_mut() {
        text.push_str(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<?xml version="1.0"?>
<bulkCmConfigDataFile xmlns="http://www.3gpp.org/ftp/specs/archive/32_series/32.615#configData"
  xmlns:xn="http://www.3gpp.org/ftp/specs/archive/32_series/32.625#genericNrm">
<configData>
 <xn:SubNetwork id="OpA">
  <xn:ManagedElement id="me1">
   <xn:attributes><xn:vendorName>Ericsson &amp; Co</xn:vendorName>
     <xn:managedBy>SubNetwork=OpA,ManagementNode=oss</xn:managedBy></xn:attributes>
   <GNBDUFunction id="1"><attributes><gnbId>7</gnbId></attributes>
     <EP_F1C id="f1"><attributes><remoteAddress><ipv4Address>10.0.0.1</ipv4Address></remoteAddress></attributes></EP_F1C>
   </GNBDUFunction>
  </xn:ManagedElement>
 </xn:SubNetwork>
</configData></bulkCmConfigDataFile>"#;

    #[test]
    fn objects_attributes_and_dns() {
        let t = read("a.xml", DOC).unwrap();
        let dns: Vec<&str> = t.mos.iter().map(|m| m.dn.as_str()).collect();
        assert_eq!(
            dns,
            [
                "SubNetwork=OpA",
                "SubNetwork=OpA,ManagedElement=me1",
                "SubNetwork=OpA,ManagedElement=me1,GNBDUFunction=1",
                "SubNetwork=OpA,ManagedElement=me1,GNBDUFunction=1,EP_F1C=f1"
            ]
        );
        assert_eq!(t.mos[1].attr("vendorName"), Some("Ericsson & Co"));
        assert_eq!(t.mos[3].attr("remoteAddress.ipv4Address"), Some("10.0.0.1"));
        assert_eq!(t.mos[1].place, Place::At(6, 3));
    }

    #[test]
    fn malformed_xml_is_located() {
        let bad = DOC.replace("</GNBDUFunction>", "</GNBDU>");
        let e = read("a.xml", &bad).unwrap_err();
        assert_eq!(e.code, Code::XmlSyntax);
        let loc = e.location.unwrap();
        assert_eq!(
            (loc.line, loc.file.as_str()),
            (Some(11), "a.xml"),
            "{}",
            e.message
        );
        let e = read("b.xml", "<a><es:b id=\"1\"/></a>").unwrap_err();
        assert!(e.message.contains("\"es\""), "{}", e.message);
        assert_eq!(e.location.unwrap().column, Some(4));
    }
}
