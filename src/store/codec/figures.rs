//! The binary form of a day's figures: frozen with a confirmed day (their digest names the
//! form, so it never changes) and cached beside the documents in a more compact form.

use super::*;

pub(super) const MOVE_KINDS: [MoveKind; 8] = [
    MoveKind::Sales,
    MoveKind::Refunds,
    MoveKind::Tips,
    MoveKind::CashIn,
    MoveKind::Expense,
    MoveKind::BankDeposit,
    MoveKind::OpenCount,
    MoveKind::CloseCount,
];

impl Writer<'_> {
    fn zigzag(&mut self, n: i64) {
        self.uint(((n << 1) ^ (n >> 63)) as u64);
    }
    /// A moment as seconds since the one before (`base`), nanoseconds and UTC offset: a
    /// few bytes instead of sixteen.
    fn near_moment(&mut self, m: Moment, base: &mut i64) {
        let secs = m.0.timestamp();
        self.zigzag(secs - *base);
        *base = secs;
        self.uint(u64::from(m.0.timestamp_subsec_nanos()));
        self.zigzag(i64::from(m.0.offset().local_minus_utc()));
    }
    /// A text of a sorted list as the length it shares with the one before and the rest.
    fn after(&mut self, s: &str, before: &str) {
        let mut shared = s.bytes().zip(before.bytes()).take_while(|(a, b)| a == b).count();
        while !s.is_char_boundary(shared) {
            shared -= 1;
        }
        self.uint(shared as u64);
        self.text(&s[shared..]);
    }
    /// An amount exactly as it is, scale included (`280` stays `280`, `-0.00` stays so):
    /// the figures are written out as they were built. A zigzag varint of the mantissa
    /// and a scale byte, or the decimal's 16 bytes beyond that range.
    fn exact(&mut self, d: Decimal) {
        match i64::try_from(d.mantissa()) {
            Ok(m) if !(d.is_zero() && d.is_sign_negative()) => {
                self.0.push(d.scale() as u8);
                self.zigzag(m);
            }
            _ => {
                self.0.push(0xFF);
                self.0.extend_from_slice(&d.serialize());
            }
        }
    }
    fn totals(&mut self, m: &BTreeMap<String, Decimal>) {
        self.uint(m.len() as u64);
        for (k, v) in m {
            self.text(k);
            self.exact(*v);
        }
    }
}

impl Reader<'_> {
    fn zigzag(&mut self) -> R<i64> {
        let z = self.uint()?;
        Ok(((z >> 1) as i64) ^ -((z & 1) as i64))
    }
    fn near_moment(&mut self, base: &mut i64) -> R<Moment> {
        let secs = base
            .checked_add(self.zigzag()?)
            .ok_or_else(|| crate::text!("store-time", secs = *base))?;
        *base = secs;
        let nanos = u32::try_from(self.uint()?).map_err(|_| crate::text!("store-negative-nanoseconds"))?;
        let offset = i32::try_from(self.zigzag()?).map_err(|_| crate::text!("store-utc-offset", offset = 0))?;
        moment_of(secs, nanos, offset)
    }
    fn after(&mut self, before: &str) -> R<CompactString> {
        let shared = self.uint()? as usize;
        let head = before
            .get(..shared)
            .ok_or_else(|| crate::text!("store-list-bytes", n = shared, bytes = before.len()))?;
        let mut s = CompactString::from(head);
        s.push_str(self.str()?);
        Ok(s)
    }
    fn exact(&mut self) -> R<Decimal> {
        match self.byte()? {
            0xFF => {
                let raw: [u8; 16] = self
                    .bytes(16)?
                    .try_into()
                    .map_err(|_| crate::text!("store-damaged-amount"))?;
                Ok(Decimal::deserialize(raw))
            }
            scale if u32::from(scale) <= 28 => {
                let m = self.zigzag()?;
                Ok(Decimal::new(m, u32::from(scale)))
            }
            b => Err(crate::text!("store-amount-tag", b = b)),
        }
    }
    fn totals(&mut self) -> R<BTreeMap<String, Decimal>> {
        let n = self.count()?;
        let mut out = BTreeMap::new();
        for _ in 0..n {
            let k = self.text()?;
            out.insert(k, self.exact()?);
        }
        Ok(out)
    }
}

/// Append the binary form of a day's figures: a few times smaller than their JSON, which
/// a listing of ten years reads back day after day. The form confirmed days are frozen in
/// (their digest names it, so it never changes).
pub fn encode_figures(f: &DayFigures, out: &mut Vec<u8>) {
    figures_into(f, out, false);
}

/// The form of the figures cache: as [`encode_figures`], but the documents come first,
/// each id as what it shares with the one before and the rest, and each cash move names
/// its document by its place among them and its time by the seconds since the move
/// before. A day of a busy shop takes 40 % of the bytes, so that sled keeps sixteen days
/// in one page of its log instead of writing them to a file of their own.
pub fn encode_cached_figures(f: &DayFigures, out: &mut Vec<u8>) {
    figures_into(f, out, true);
}

fn figures_into(f: &DayFigures, out: &mut Vec<u8>, compact: bool) {
    let mut w = Writer(out);
    if compact {
        w.uint(f.documents.len() as u64);
        let mut before = "";
        for d in &f.documents {
            w.after(&d.id, before);
            w.uint(d.version);
            before = &d.id;
        }
    }
    w.totals(&f.turnover);
    w.totals(&f.pos_vat);
    w.uint(f.vat_partial.len() as u64);
    for c in &f.vat_partial {
        w.text(c);
    }
    w.totals(&f.payments);
    w.uint(f.instances.len() as u64);
    for i in &f.instances {
        w.text(&i.method);
        w.text(&i.reference);
        w.exact(i.amount);
    }
    w.uint(f.cash.len() as u64);
    let mut base = 0;
    for m in &f.cash {
        w.text(&m.journal);
        w.text(&m.drawer);
        if compact {
            w.near_moment(m.time, &mut base);
        } else {
            w.moment(m.time);
        }
        w.0.push(MOVE_KINDS.iter().position(|k| *k == m.kind).unwrap_or(0) as u8);
        w.exact(m.amount);
        if compact {
            match f.documents.binary_search_by(|d| d.id.as_str().cmp(&m.document)) {
                Ok(i) => w.uint(i as u64 + 1),
                Err(_) => {
                    w.0.push(0);
                    w.text(&m.document);
                }
            }
        } else {
            w.text(&m.document);
        }
        w.opt_text(m.account.as_deref());
    }
    w.totals(&f.unmapped_amounts);
    w.uint(f.problems.len() as u64);
    for p in &f.problems {
        match p {
            DayProblem::Unmapped { what, code } => {
                w.0.push(0);
                w.text(what);
                w.text(code);
            }
            DayProblem::CurrencyWithoutJournal { currency, document } => {
                w.0.push(1);
                w.text(currency);
                w.text(document);
            }
            DayProblem::DrawerWithoutJournal {
                drawer,
                currency,
                document,
            } => {
                w.0.push(2);
                w.text(drawer);
                w.text(currency);
                w.text(document);
            }
            DayProblem::NoCashMethod { document } => {
                w.0.push(3);
                w.text(document);
            }
        }
    }
    w.totals(&f.pos.vat_groups);
    w.totals(&f.pos.methods);
    w.totals(&f.pos.registers);
    w.uint(u64::from(f.pos.tickets));
    w.uint(u64::from(f.skipped));
    for a in [
        f.tips,
        f.prepaid_opened,
        f.prepaid_consumed,
        f.vouchers_sold,
        f.vouchers_redeemed,
    ] {
        w.exact(a);
    }
    if !compact {
        w.uint(f.documents.len() as u64);
        for d in &f.documents {
            w.text(&d.id);
            w.uint(d.version);
        }
    }
}

/// Read back what [`encode_figures`] wrote.
pub fn decode_figures(bytes: &[u8]) -> Result<DayFigures, Text> {
    figures_from(bytes, false)
}

/// Read back what [`encode_cached_figures`] wrote.
pub fn decode_cached_figures(bytes: &[u8]) -> Result<DayFigures, Text> {
    figures_from(bytes, true)
}

fn documents(r: &mut Reader<'_>, compact: bool) -> R<Vec<DocRef>> {
    let n = r.count()?;
    let mut documents: Vec<DocRef> = Vec::with_capacity(n);
    for _ in 0..n {
        let id = if compact {
            r.after(documents.last().map_or("", |d| d.id.as_str()))?
        } else {
            r.text()?
        };
        documents.push(DocRef { id, version: r.uint()? });
    }
    Ok(documents)
}

fn figures_from(bytes: &[u8], compact: bool) -> Result<DayFigures, Text> {
    let mut r = Reader(bytes);
    let listed = if compact { documents(&mut r, true)? } else { Vec::new() };
    let turnover = r.totals()?;
    let pos_vat = r.totals()?;
    let mut vat_partial = BTreeSet::new();
    for _ in 0..r.count()? {
        vat_partial.insert(r.text()?);
    }
    let payments = r.totals()?;
    let n = r.count()?;
    let mut instances = Vec::with_capacity(n);
    for _ in 0..n {
        instances.push(Instance {
            method: r.text()?,
            reference: r.text()?,
            amount: r.exact()?,
        });
    }
    let n = r.count()?;
    let mut cash = Vec::with_capacity(n);
    let mut base = 0;
    for _ in 0..n {
        let journal = r.text()?;
        let drawer = r.text()?;
        let time = if compact {
            r.near_moment(&mut base)?
        } else {
            r.moment()?
        };
        let kind = *MOVE_KINDS
            .get(r.byte()? as usize)
            .ok_or_else(|| crate::text!("store-unknown-cash-kind"))?;
        let amount = r.exact()?;
        let document = match compact {
            false => r.text()?,
            true => match r.uint()? as usize {
                0 => r.text()?,
                i => listed
                    .get(i - 1)
                    .map(|d| d.id.clone())
                    .ok_or_else(|| crate::text!("store-list-bytes", n = i, bytes = listed.len()))?,
            },
        };
        cash.push(CashMove {
            journal,
            drawer,
            time,
            kind,
            amount,
            document,
            account: r.opt_text()?,
        });
    }
    let unmapped_amounts = r.totals()?;
    let mut problems = BTreeSet::new();
    for _ in 0..r.count()? {
        problems.insert(match r.byte()? {
            0 => DayProblem::Unmapped {
                what: r.text()?,
                code: r.text()?,
            },
            1 => DayProblem::CurrencyWithoutJournal {
                currency: r.text()?,
                document: r.text()?,
            },
            2 => DayProblem::DrawerWithoutJournal {
                drawer: r.text()?,
                currency: r.text()?,
                document: r.text()?,
            },
            3 => DayProblem::NoCashMethod { document: r.text()? },
            k => return Err(crate::text!("store-unknown-document-kind", k = k)),
        });
    }
    let pos = PosView {
        vat_groups: r.totals()?,
        methods: r.totals()?,
        registers: r.totals()?,
        tickets: u32::try_from(r.uint()?).map_err(|e| e.to_string())?,
    };
    let skipped = u32::try_from(r.uint()?).map_err(|e| e.to_string())?;
    let tips = r.exact()?;
    let prepaid_opened = r.exact()?;
    let prepaid_consumed = r.exact()?;
    let vouchers_sold = r.exact()?;
    let vouchers_redeemed = r.exact()?;
    let documents = if compact { listed } else { documents(&mut r, false)? };
    r.end()?;
    Ok(DayFigures {
        turnover,
        pos_vat,
        vat_partial,
        payments,
        instances,
        cash,
        unmapped_amounts,
        problems,
        pos,
        skipped,
        tips,
        prepaid_opened,
        prepaid_consumed,
        vouchers_sold,
        vouchers_redeemed,
        documents,
    })
}
