//! What a POS connector is to a sync run: a way to ask one source, with the store let go,
//! for what is new since its cursor. Each kind of source has one; a `file` source has none
//! (it is read with the store held, as an import).

use super::*;

/// A POS the sync asks.
pub(super) trait Connector: Sync {
    /// Ask the source of `p` for what it has since the planned cursor.
    fn ask(&self, plan: &Plan, p: &Planned) -> std::result::Result<Brought, Trouble>;
}

/// MplusKASSA's MplusQapi (SOAP), since its sync markers.
struct Mplus;
/// Lightspeed Retail's R-series API (REST, OAuth2), since the last update time.
struct Lightspeed;
/// The built-in fake POS, spoken to through the real connector of its protocol.
struct Demo;

impl Connector for Mplus {
    fn ask(&self, plan: &Plan, p: &Planned) -> std::result::Result<Brought, Trouble> {
        ask_mplus(plan, p)
    }
}

impl Connector for Lightspeed {
    fn ask(&self, plan: &Plan, p: &Planned) -> std::result::Result<Brought, Trouble> {
        // Its tokens rotate: the newest are kept in a 0600 file of the data dir.
        let tokens = token_file_in(&plan.dir, &p.source.name);
        ask_lightspeed(p, &plan.config.dossier.calendar, &tokens)
    }
}

impl Connector for Demo {
    fn ask(&self, plan: &Plan, p: &Planned) -> std::result::Result<Brought, Trouble> {
        ask_demo(plan, p)
    }
}

/// The connector of a kind of source; `None` for a file, which is imported.
pub(super) fn connector(kind: SourceKind) -> Option<&'static dyn Connector> {
    match kind {
        SourceKind::File => None,
        SourceKind::Mplus => Some(&Mplus),
        SourceKind::Lightspeed => Some(&Lightspeed),
        SourceKind::Demo => Some(&Demo),
    }
}
