//! A VAT category or a payment method added to a config from the review screen (`m`): the
//! block appended to the file, with a comment saying who added it, when and for which POS
//! code. The whole text is parsed again before it is written, so a config that would not
//! read is never written.

/// What is added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Addition {
    Category {
        code: String,
        name: String,
        rate: String,
        account: String,
    },
    Method {
        code: String,
        name: String,
        account: String,
        /// `cash = true`, `voucher = true` or `rounding = true`, from the proposal.
        flag: Option<&'static str>,
    },
}

fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Addition {
    pub fn code(&self) -> &str {
        match self {
            Addition::Category { code, .. } | Addition::Method { code, .. } => code,
        }
    }

    /// The mapping kind it serves: `vat` or `method`.
    pub fn kind(&self) -> &'static str {
        match self {
            Addition::Category { .. } => "vat",
            Addition::Method { .. } => "method",
        }
    }

    /// The TOML block, after a comment line (`note`, one line).
    pub fn block(&self, note: &str) -> String {
        let note: String = note.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
        let mut out = format!("\n# {note}\n");
        match self {
            Addition::Category {
                code,
                name,
                rate,
                account,
            } => {
                out.push_str("[[vat_category]]\n");
                out.push_str(&format!("code = {}\nname = {}\n", quoted(code), quoted(name)));
                out.push_str(&format!("rate = {}\naccount = {}\n", quoted(rate), quoted(account)));
            }
            Addition::Method {
                code,
                name,
                account,
                flag,
            } => {
                out.push_str("[[payment_method]]\n");
                out.push_str(&format!("code = {}\nname = {}\n", quoted(code), quoted(name)));
                out.push_str(&format!("account = {}\n", quoted(account)));
                if let Some(f) = flag {
                    out.push_str(f);
                    out.push('\n');
                }
            }
        }
        out
    }

    /// The config text with the block appended (a missing final newline added first).
    pub fn appended_to(&self, text: &str, note: &str) -> String {
        let mut out = text.to_string();
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&self.block(note));
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_appended_after_a_table_reads_as_its_own_entry() {
        let text = super::super::tests::EXAMPLE;
        let cat = Addition::Category {
            code: "V9".into(),
            name: "Omzet 9%".into(),
            rate: "9".into(),
            account: "700009".into(),
        };
        let (config, _) = super::super::parse(&cat.appended_to(text, "added")).expect("reads");
        assert!(config.category("V9").is_some());
        let m = Addition::Method {
            code: "MAESTRO".into(),
            name: "Maestro \"card\"\nx".into(),
            account: "580410".into(),
            flag: None,
        };
        let added = m.appended_to(text, "added on\nthe screen");
        let (config, _) = super::super::parse(&added).expect("reads");
        assert_eq!(
            config.method("MAESTRO").map(|m| m.name.as_str()),
            Some("Maestro \"card\"\nx")
        );
        assert!(added.contains("# added on the screen\n"));
    }
}
