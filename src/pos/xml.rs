//! A small element tree over quick-xml for SOAP answers: local names only (namespaces are
//! matched by the caller's expectations), bounded depth, text and children.

use crate::domain::text::Text;
use quick_xml::events::Event;
use quick_xml::Reader;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    /// The local name (prefix removed).
    pub name: String,
    pub text: String,
    pub children: Vec<Element>,
}

const MAX_DEPTH: usize = 64;

impl Element {
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }

    /// The text of a child, trimmed; `None` when absent.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.trim())
    }

    /// Descend through children by name.
    pub fn path(&self, names: &[&str]) -> Option<&Element> {
        names.iter().try_fold(self, |e, n| e.child(n))
    }

    /// The element written back as XML text (local names, text escaped): what the POS sent,
    /// for a person to read when it could not be booked.
    pub fn to_xml(&self) -> String {
        let mut out = String::new();
        self.write_xml(&mut out);
        out
    }

    fn write_xml(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        out.push('>');
        out.push_str(&quick_xml::escape::escape(self.text.as_str()));
        for c in &self.children {
            c.write_xml(out);
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }

    /// The first descendant (depth first) with this name.
    pub fn find(&self, name: &str) -> Option<&Element> {
        if self.name == name {
            return Some(self);
        }
        self.children.iter().find_map(|c| c.find(name))
    }
}

fn local(name: &[u8]) -> String {
    let s = String::from_utf8_lossy(name);
    match s.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => s.into_owned(),
    }
}

/// Parse a whole document; an unclosed element (a truncated body) is an error.
pub fn parse(xml: &str) -> Result<Element, Text> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(true);
    let mut stack: Vec<Element> = vec![Element::default()];
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if stack.len() > MAX_DEPTH {
                    return Err(crate::text!("pos-xml-nested-too-deep"));
                }
                stack.push(Element {
                    name: local(e.name().as_ref()),
                    ..Element::default()
                });
            }
            Ok(Event::Empty(e)) => {
                let el = Element {
                    name: local(e.name().as_ref()),
                    ..Element::default()
                };
                stack.last_mut().expect("root").children.push(el);
            }
            Ok(Event::End(_)) => {
                let el = stack.pop().expect("balanced");
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None => return Err("unbalanced XML".into()),
                }
            }
            Ok(Event::Text(t)) => {
                let text = t.decode().map_err(|e| format!("bad XML text: {e}"))?;
                let text = quick_xml::escape::unescape(&text).map_err(|e| format!("bad XML entity: {e}"))?;
                stack.last_mut().expect("root").text.push_str(&text);
            }
            Ok(Event::GeneralRef(r)) => {
                let name = r.decode().map_err(|e| format!("bad XML entity: {e}"))?;
                let text = match name.as_ref() {
                    "amp" => "&".to_string(),
                    "lt" => "<".to_string(),
                    "gt" => ">".to_string(),
                    "quot" => "\"".to_string(),
                    "apos" => "'".to_string(),
                    other => match r.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        _ => return Err(format!("unknown XML entity &{other};").into()),
                    },
                };
                stack.last_mut().expect("root").text.push_str(&text);
            }
            Ok(Event::CData(t)) => {
                let text = String::from_utf8_lossy(&t.into_inner()).into_owned();
                stack.last_mut().expect("root").text.push_str(&text);
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(crate::text!(
                    "pos-invalid-xml-at-byte",
                    byte = reader.buffer_position(),
                    e = e
                ))
            }
        }
    }
    if stack.len() != 1 {
        return Err(format!(
            "truncated XML: <{}> is not closed",
            stack.last().map(|e| e.name.as_str()).unwrap_or("")
        )
        .into());
    }
    let mut root = stack.pop().expect("root");
    match root.children.len() {
        1 => Ok(root.children.remove(0)),
        0 => Err("empty XML document".into()),
        _ => Err(crate::text!("pos-more-than-one-root")),
    }
}

/// Escape text for an XML element.
pub fn esc(s: &str) -> String {
    quick_xml::escape::escape(s).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_namespaced_soap_and_refuses_truncation() {
        let x = r#"<SOAP-ENV:Envelope xmlns:SOAP-ENV="s" xmlns:ns="urn:mplusqapi"><SOAP-ENV:Body><ns:GetReceiptsResponse><ns:receiptList><ns:receipt><ns:receiptId>a&amp;b</ns:receiptId></ns:receipt><ns:receipt/></ns:receiptList></ns:GetReceiptsResponse></SOAP-ENV:Body></SOAP-ENV:Envelope>"#;
        let e = parse(x).unwrap();
        let list = e.path(&["Body", "GetReceiptsResponse", "receiptList"]).unwrap();
        assert_eq!(list.all("receipt").count(), 2);
        assert_eq!(list.child("receipt").unwrap().text_of("receiptId"), Some("a&b"));
        assert!(parse(&x[..x.len() - 20]).unwrap_err().to_string().contains("truncated"));
        assert!(parse("").is_err());
    }
}
