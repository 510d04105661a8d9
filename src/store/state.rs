//! The audit log, documents held for a decision, and free state (mappings, cursors).

use super::*;

impl Store {
    // ----- audit -----

    pub fn audit_entries(&self) -> Result<Vec<AuditEntry>> {
        audit::entries(self.all(Tree::Audit))
    }

    pub fn append_audit(&self, entry: audit::NewEntry) -> Result<AuditEntry> {
        let e = super::audit::append(&*self.kv, Vec::new(), None, &entry)?;
        self.announce(&e);
        Ok(e)
    }

    /// The audit chain checked from the raw entries (for `check`).
    pub fn verify_audit(&self) -> Result<Vec<audit::ChainBreak>> {
        let head = self.kv.get(Tree::Audit, audit::HEAD)?;
        Ok(audit::verify(self.all(Tree::Audit), head))
    }

    // ----- documents held for a person's decision -----

    /// Every held document of every source (few: each waits for a person), in key order.
    pub fn held_documents(&self) -> Result<Vec<crate::domain::held::HeldDocument>> {
        let mut out = Vec::new();
        for item in self.scan_prefix(Tree::State, HELD.as_bytes()) {
            let (k, v) = item?;
            out.push(decode(&k, &v)?);
        }
        Ok(out)
    }

    /// Write held documents and other state values with one audit entry, atomically (a
    /// sync run's held documents with the cursor that moves past them).
    pub fn put_state_many(
        &self,
        held: &[crate::domain::held::HeldDocument],
        values: Vec<(String, Vec<u8>)>,
        entry: audit::NewEntry,
    ) -> Result<AuditEntry> {
        let mut writes: Vec<(Tree, Op)> = held
            .iter()
            .map(|h| {
                (
                    Tree::State,
                    Op::Insert(held_key(&h.source, &h.id).into_bytes(), encode(h)),
                )
            })
            .collect();
        writes.extend(
            values
                .into_iter()
                .map(|(k, v)| (Tree::State, Op::Insert(k.into_bytes(), v))),
        );
        let e = super::audit::append(&*self.kv, writes, None, &entry)?;
        self.announce(&e);
        Ok(e)
    }

    // ----- free state (mappings, cursors, invoice flags) -----

    pub fn state_get<T: for<'de> Deserialize<'de>>(&self, name: &str) -> Result<Option<T>> {
        match self.kv.get(Tree::State, name.as_bytes())? {
            Some(v) => Ok(Some(decode(name.as_bytes(), &v)?)),
            None => Ok(None),
        }
    }

    /// Write a state value and its audit entry together.
    pub fn state_put<T: Serialize>(&self, name: &str, value: &T, entry: audit::NewEntry) -> Result<AuditEntry> {
        let write = (Tree::State, Op::Insert(name.as_bytes().to_vec(), encode(value)));
        let e = super::audit::append(&*self.kv, vec![write], None, &entry)?;
        self.announce(&e);
        Ok(e)
    }

    /// Write two state values with one audit entry, atomically (a mapping with the config
    /// fingerprint it makes, so the next opening sees no change nobody made).
    pub fn state_put_pair<A: Serialize, B: Serialize>(
        &self,
        (name_a, a): (&str, &A),
        (name_b, b): (&str, &B),
        entry: audit::NewEntry,
    ) -> Result<AuditEntry> {
        let writes = vec![
            (Tree::State, Op::Insert(name_a.as_bytes().to_vec(), encode(a))),
            (Tree::State, Op::Insert(name_b.as_bytes().to_vec(), encode(b))),
        ];
        let e = super::audit::append(&*self.kv, writes, None, &entry)?;
        self.announce(&e);
        Ok(e)
    }
}
