//! JSON read strictly: a `serde_json::Value` keeps the last of two equal keys, so which
//! value was meant would be unknowable; this walks the text and refuses a repeated key.
//! Every scalar is only skipped here (numbers included): the typed parsers decide.

use std::cell::RefCell;

use serde::Deserializer;

/// Why a text is not strict JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// An object names this key twice.
    KeyTwice(String),
    /// Not JSON at all: serde's words.
    Json(String),
}

/// Check that no object of `text` names a key twice, at any depth; the error names the key.
pub fn unique_keys(text: &str) -> Result<(), Refusal> {
    use serde::de::{DeserializeSeed, Error, MapAccess, SeqAccess, Visitor};

    #[derive(Clone, Copy)]
    struct Unique<'a>(&'a RefCell<Option<String>>);
    impl<'de> DeserializeSeed<'de> for Unique<'_> {
        type Value = ();
        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_any(self)
        }
    }
    impl<'de> Visitor<'de> for Unique<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("any JSON value")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
            let mut seen = std::collections::HashSet::new();
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if !seen.insert(key.to_string()) {
                    *self.0.borrow_mut() = Some(key.to_string());
                    return Err(A::Error::custom("a key twice"));
                }
                map.next_value_seed(self)?;
            }
            Ok(())
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            while seq.next_element_seed(self)?.is_some() {}
            Ok(())
        }
        fn visit_bool<E>(self, _: bool) -> Result<(), E> {
            Ok(())
        }
        fn visit_i64<E>(self, _: i64) -> Result<(), E> {
            Ok(())
        }
        fn visit_u64<E>(self, _: u64) -> Result<(), E> {
            Ok(())
        }
        fn visit_f64<E>(self, _: f64) -> Result<(), E> {
            Ok(())
        }
        fn visit_str<E>(self, _: &str) -> Result<(), E> {
            Ok(())
        }
        fn visit_unit<E>(self) -> Result<(), E> {
            Ok(())
        }
    }
    let twice = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(text);
    Unique(&twice).deserialize(&mut de).map_err(|e| match twice.take() {
        Some(key) => Refusal::KeyTwice(key),
        None => Refusal::Json(e.to_string()),
    })
}
