# dagkas: wat een mens leest, in het Nederlands.
weekday-1 = ma
weekday-2 = di
weekday-3 = wo
weekday-4 = do
weekday-5 = vr
weekday-6 = za
weekday-7 = zo
footer = Verstuurd door dagkas voor { $dossier }.
import-subject = { $dossier }: importrapport
import-intro = Wat de laatste synchronisaties in het dagontvangstenboek brachten:
import-batch = { $source }: { $new } nieuw, { $changed } gewijzigd, { $voided } geannuleerd
import-day = { $date }: { $count } document(en)
import-failed = { $source }: de synchronisatie mislukte: { $reason }
turnover-subject = { $dossier }: omzet van { $date }
turnover-book = Dagboek { $book } ({ $status })
turnover-category = { $code } ({ $rate }): { $incl } incl. btw, btw { $vat }
turnover-method = { $code }: { $amount }
turnover-total = Omzet { $turnover } · betalingen { $payments }
turnover-cash = Kas { $journal }: eindsaldo { $closing }
turnover-categories = Omzet per btw-categorie
turnover-methods = Betalingen per betaalwijze
alert-subject = { $dossier }: vraagt aandacht
alert-intro = dagkas vond dit in het dagontvangstenboek:
alert-stale = { $source } is sinds { $since } niet meer gesynchroniseerd.
alert-stale-never = { $source } is nog nooit gesynchroniseerd.
alert-failing = { $source } mislukte { $count } keer na elkaar: { $reason }
alert-overdue = { $book } { $date } wacht op nazicht (voorgesteld meer dan { $days } dag(en) geleden, R4).
alert-drift = { $book } { $date } is bevestigd, maar de documenten veranderden ({ $documents }): los het op (R10).
alert-negative = { $book } { $date }: de kas { $journal } zou negatief worden (R6).
test-subject = { $dossier }: testbericht
test-body = Een testbericht van dagkas voor { $dossier }. Leest u dit, dan werkt { $channel }.
status-empty = leeg
status-proposed = voorgesteld
status-confirmed = bevestigd
status-centralised = gecentraliseerd

## Woorden voor de waarden van het product
word-vat-group = btw-groep
word-method = betaalwijze
blocker-word-unbalanced = niet in evenwicht
blocker-word-unmapped = niet gekoppeld
blocker-word-negative-cash = negatieve kas
blocker-word-currency = munt
blocker-word-drift = afwijking
blocker-word-open = open
blocker-unbalanced = niet in evenwicht: omzet { $turnover } ≠ betalingen { $payments } (verschil { $difference })
blocker-no-setting = niet gekoppeld: het dagboek heeft geen betaalwijze { $code } voor een document van deze dag
blocker-unmapped = niet gekoppeld: { $what } { $code }
blocker-negative-cash = negatieve kas: { $journal } lade { $drawer } om { $time } { $event } { $document } (saldo { $balance })
blocker-currency = munt: contant in { $currency } ({ $document }) maar geen kasboek in { $currency }
blocker-drawer = munt: contant in lade { $drawer } ({ $document }) maar geen kasboek in { $currency } noemt die lade
blocker-no-cash-method = niet gekoppeld: de fooien van { $document } gaan uit de kas, maar geen betaalwijze heeft cash = true
blocker-drift = afwijking: gewijzigd na bevestiging: { $documents }
blocker-not-ended = open: de werkdag is nog niet voorbij
move-sales = contante verkoop
move-refunds = terugbetaling
move-tips = fooien uitbetaald
move-cash-in = storting in kas
move-expense = uitgave
move-bank-deposit = naar de bank
move-open-count = begintelling
move-close-count = eindtelling
move-short-sales = verkoop
move-short-refunds = retour
move-short-tips = fooien
move-short-cash-in = storting
move-short-expense = uitgave
move-short-bank-deposit = bank
move-short-open-count = begintel
move-short-close-count = eindtel
invoice-open = open
invoice-partly-paid = deels betaald
invoice-paid = betaald
invoice-ignored = genegeerd
amount-not-decimal = bedrag "{ $text }" is geen decimaal getal zoals "12.10"
amount-too-precise = bedrag "{ $text }" heeft meer dan 2 decimalen
amount-too-large = bedrag "{ $text }" is te groot
mapped = { $what } { $code } gekoppeld aan { $target }
mapped-in = { $what } { $code } gekoppeld aan { $target } in { $book }
stopped-at = gestopt bij { $book } { $date }: { $reason }
reopened = { $date } van { $book } heropend
lock-another-process = een ander dagkas-proces

## Het nazichtscherm
tui-incl-vat = incl. btw
tui-excl-vat = excl. btw
tui-filter = filter: { $text }
tui-last-sync = laatste sync { $time } { $by } ({ $how })
tui-sync-run-failed = mislukt
tui-notify-failed = melding mislukt
tui-no-sync = nog geen sync
tui-sync-running = sync { $progress }
tui-sync-failed = sync mislukt: { $reason }
tui-sync-starting = start
tui-hints = { $next } { $previous } dag  { $problem } probleem  { $approve } goedkeuren  { $edit } wijzig  { $map } koppel  { $mark } merk  { $confirm } bevestig  { $help } hulp  { $quit } stop
tui-kind-turnover = omzet
tui-kind-payment = betaling
tui-edit-values = kassawaarde: { $pos }   geboekt: { $booked }
tui-edit-manual = geen (een manuele regel)
tui-amount = Bedrag
tui-reason = Reden
tui-edit-keys = Enter bewaar · Tab volgend veld · Esc annuleer
tui-edit-title = { $kind } { $code } wijzigen op { $date }
tui-confirm-days = { $count } { $count ->
        [one] dag
       *[other] dagen
    } bevestigen
tui-confirm-through = { $book }: van de eerste open dag tot en met { $date }
tui-confirm-stops = Stopt bij { $book } { $date }:
tui-confirm-clear = Niets houdt de reeks tegen.
tui-confirm-keys = Enter/y bevestig · elke andere toets annuleert
tui-confirm-title = Reeks bevestigen (R7)
tui-map-to = { $what } { $code } koppelen aan:
tui-map-ignore = negeren
tui-map-title = Code koppelen (R12)
tui-filter-help = datum, status, blokkade, 'probleem', 'achterstallig'; Enter toepassen, Esc wissen
tui-ignore-keys = Enter negeer · Esc annuleer
tui-ignore-title = Factuur { $id } negeren (R21)
tui-reopen-keys = Enter heropen · Esc annuleer
tui-reopen-title = { $book } { $date } heropenen (R9)
tui-days = Dagen
tui-no-days = geen dagen gevonden
tui-pos = Kassa
tui-tickets = Tickets (Esc terug)
tui-no-documents = geen documenten
tui-loading = laden…
tui-vat-groups = Btw-groepen
tui-methods = Betaalwijzen
tui-registers = Filiaal/kassa
tui-pos-counts = { $tickets } { $tickets ->
        [one] ticket
       *[other] tickets
    } · { $documents } doc. · { $skipped } overgeslagen
tui-book = Boek
tui-turnover-incl = Omzet incl. btw
tui-turnover-excl = Omzet excl. btw
tui-payments = Betalingen
tui-total = totaal
tui-chained = begin = vorige
tui-chain-broken = keten gebroken
tui-cash = Kas { $journal }
tui-opening = beginsaldo
tui-closing = eindsaldo
tui-drawer-opening = lade { $drawer } begin
tui-drawer-closing = lade { $drawer } einde
tui-none = geen
tui-corrections = corr. { $amount }
tui-invoices-title = Facturen · { $open } open · { $paid } betaald · { $ignored } genegeerd
tui-no-invoices = geen facturen in het register
tui-help-title = Toetsen (uit de actieve keymap) · elke toets sluit
filter-problem = probleem
filter-overdue = achterstallig
tui-error = fout: { $reason }
tui-confirming = { $count } { $count ->
        [one] dag
       *[other] dagen
    } bevestigen…
tui-confirm-cancelled = bevestigen geannuleerd
tui-edit-cancelled = wijziging geannuleerd
tui-reason-required = een reden is verplicht
tui-no-other-problem = geen andere probleemdag
tui-already = { $date } is al { $status }
tui-cannot-approve = { $date } kan niet goedgekeurd worden: { $reason }
tui-closed-no-edits = { $date } is { $status }: afgesloten dagen worden niet gewijzigd (R11)
tui-no-line = geen regel om te wijzigen op deze dag
tui-nothing-to-map = niets te koppelen op deze dag
tui-no-drift = { $date } heeft geen afwijking
tui-open-invoices-first = open eerst het facturenregister
tui-invoice-already-ignored = factuur { $id } is al genegeerd
tui-no-invoice = geen factuur gekozen
tui-keymap-problems = keymap: { $problem } ({ $count } probleem/problemen; daar gelden de standaardtoetsen)
tui-waiting = wacht op { $holder } …
tui-stale = { $date } van { $book } is gewijzigd sinds u ernaar keek (een andere nazichter, een sync of een commando): er is niets gedaan; het scherm toont de dag zoals hij nu is
tui-confirmed = { $count } { $count ->
        [one] dag
       *[other] dagen
    } bevestigd.
tui-edited = { $code } op { $date } gewijzigd naar { $amount }
invoice-ignored-done = factuur { $id } genegeerd

## De detailweergave: één regel per document
drill-ticket = ticket { $id } { $amount } betaald met { $paid }
drill-refund = retour { $id } { $amount } betaald met { $paid }
drill-tip = fooi { $amount }
drill-prepaid = vooruitbetaald { $amount }
drill-prepayment = voorschot { $id } op bestelling { $order } { $amount } betaald met { $paid }
drill-invoice-payment = factuurbetaling { $id } voor { $invoice } { $amount } betaald met { $paid }
drill-open-count = begintelling
drill-close-count = eindtelling
drill-cash-in = geld in de kas gelegd
drill-expense = uitgave contant betaald
drill-bank-deposit = geld naar de bank
drill-cash = { $what } { $id } lade { $drawer } { $amount }
drill-invoice = factuur { $id } aan { $debtor } { $amount }
drill-void = annulering van { $id }

## Hulp: wat elke actie van de keymap doet
action-next_day = Volgende dag
action-previous_day = Vorige dag
action-first_day = Eerste dag
action-last_day = Laatste dag
action-next_problem = Volgende probleemdag
action-previous_problem = Vorige probleemdag
action-approve_day = De gekozen dag goedkeuren (bevestigen)
action-edit_line = De gekozen regel ter plekke wijzigen
action-map_code = Een niet-gekoppelde btw-groep of betaalwijze koppelen
action-mark_day = De dag markeren of niet meer markeren
action-confirm_marked = De gemarkeerde dagen bevestigen, of alle geldige
action-reopen_day = De laatst bevestigde dag heropenen
action-resolve_drift = De afwijking van de dag als correctie boeken
action-sync_now = Nu synchroniseren
action-invoices = Het facturenregister tonen of verbergen
action-ignore_invoice = De gekozen factuur negeren (vraagt een reden)
action-filter = De dagen filteren
action-toggle_vat = Bedragen incl. of excl. btw tonen
action-next_pane = Ander paneel
action-drill_down = De tickets van de dag tonen
action-back = Terug
action-help = Hulp
action-quit = Stoppen

## De opdrachtregel
error = fout: { $reason }
warning = waarschuwing: { $text }
problem = probleem: { $text }
not-a-date = geen datum zoals 2026-03-15
word-documents = documenten
word-never = nooit
lock-waiting = wacht tot { $holder } klaar is met de opslag …
config-valid = { $file }: geldig
unknown-source = onbekende bron { $source }
login-not-lightspeed = bron { $source } is van het soort { $kind }: inloggen is voor lightspeed-bronnen
import-no-file-source = geen bron van het soort "file"; noem er een met --source
import-several-file-sources = meerdere bronnen van het soort "file" ({ $sources }); noem er een met --source
import-done = { $file }: { $new } nieuw, { $changed } gewijzigd, { $unchanged } ongewijzigd, { $voided } geannuleerd (batch { $batch })
import-immediate = { $count } { $count ->
        [one] dag
       *[other] dagen
    } bevestigd door de onmiddellijke modus
import-debtors = { $count } { $count ->
        [one] nieuwe debiteur
       *[other] nieuwe debiteuren
    } in het facturenregister
counts = { $new } nieuw, { $changed } gewijzigd, { $unchanged } ongewijzigd, { $voided } geannuleerd
batch-not-committed = niet vastgelegd: niets ervan telt
col-date = datum
col-book = boek
col-status = status
col-turnover = omzet
col-payments = betalingen
col-cash = kas
col-blockers = blokkades
col-invoice = factuur
col-booking = boeking
col-debtor = debiteur
col-name = naam
col-incl = incl.
col-paid = betaald
days-open-balances = openstaande voorschotten { $prepaid } · openstaande bonnen { $vouchers } (op { $date })
export-nothing = niets om te exporteren
invoice-booking-date = boekdatum { $date } voor { $count } { $count ->
        [one] factuur
       *[other] facturen
    }
invoice-ignored-by = { $date } door { $author }: { $reason }
edited = { $date } van { $book } gewijzigd: { $lines }
confirmed-through = { $count } { $count ->
        [one] dag
       *[other] dagen
    } bevestigd, { $first } tot en met { $last }
confirm-nothing = niets te bevestigen
map-usage = { $mapping }: verwacht vat:KASSACODE=CATEGORIE of method:KASSACODE=BETAALWIJZE
centralised = { $count } { $count ->
        [one] dag
       *[other] dagen
    } gecentraliseerd
notify-none = geen [[notify]] in de config
notify-sent = { $label }: verstuurd; de server zei: { $said }
notify-not-sent = { $label }: niet verstuurd: { $reason }
check-ok = controle: in orde ({ $count } { $count ->
        [one] waarschuwing
       *[other] waarschuwingen
    })
check-problems = controle: { $count } { $count ->
        [one] probleem
       *[other] problemen
    }
dossier-demo-building = het demodossier wordt gebouwd in { $dir } …
dossier-demo-ready = demo klaar: { $command }
log-notify = melding
log-failed = mislukt
log-source-documents = bron { $source } { $documents } documenten, { $per_day } per dag
log-source-success = bron { $source } laatst gelukt { $at } · { $failures } mislukte { $failures ->
        [one] run
       *[other] runs
    }
sync-could-not-start = de run kon niet starten (exit { $code }); nieuwe poging volgt

## Weigeringen en waarschuwingen van de werkstroom
word-vat-category = btw-categorie
word-payment-method = betaalwijze
word-receipts-part = omzet
word-payments-part = betalingen
word-none-yet = nog geen
refuse-before-start = { $date } ligt voor de start van dagboek { $book } ({ $start })
refuse-not-a-day = { $date } is geen dag van { $book }
warn-after-last-sale = { $book }: { $count } { $count ->
        [one] dag
       *[other] dagen
    } bevestigd na de laatste dag met kassadocumenten ({ $last }); loopt de klok van deze machine ({ $today }) voor, heropen ze dan zodra ze juist staat
refuse-edit-reason = een wijziging vraagt een reden
refuse-closed-edit = { $date } van { $book } is { $status }: een afgesloten datum wordt niet gewijzigd (R11); heropen hem of boek een correctie op een open dag
refuse-unknown-code = onbekende { $what } { $code }
refuse-part-confirmed = het deel { $part } van { $date } is al bevestigd (R4, R11)
refuse-manual-blocked = dagboek { $book } laat geen manuele omzetregels toe (manual_receipts = "block"): { $code } heeft geen kassaregel op { $date }; alleen correcties van bestaande regels mogen
refuse-clock-behind = { $date } van { $book } is bevestigd, maar volgens de klok van deze machine is het vandaag { $today }: de klok loopt achter (of liep voor toen { $date } bevestigd werd); zet de klok juist voor u het boek wijzigt
refuse-has-ended = { $date } van { $book } is volgens de klok van deze machine voorbij (vandaag is { $today }): heropen hem zonder --clock-was-ahead
refuse-reopen-reason = heropenen vraagt een reden
refuse-not-confirmed = { $date } van { $book } is niet bevestigd
refuse-centralised = { $date } van { $book } is gecentraliseerd: gecentraliseerde dagen liggen voorgoed vast (R9)
refuse-not-last = alleen de laatst bevestigde dag van { $book } kan heropend worden (R9): dat is { $last }
refuse-no-drift = { $date } van { $book } heeft geen afwijking om op te lossen
resolved-reopened = { $date } heropend: het is de laatst bevestigde dag
refuse-no-open-day = geen open dag na { $date } om de correctie op te boeken
refuse-no-figures = { $date } heeft geen bevestigde cijfers
refuse-partly-confirmed = { $date } is deels bevestigd: een correctie kan er niet op gedateerd worden (R11)
resolved-booked = de correctie is geboekt op { $date }
stop-not-confirmed = niet bevestigd
refuse-mapping-kind = onbekende soort koppeling { $kind }; verwacht vat of method
bad-input = { $count } { $count ->
        [one] foute regel
       *[other] foute regels
    }; er is niets ingelezen
bad-lines = { $count } { $count ->
        [one] foute regel
       *[other] foute regels
    }
disk-full = de schijf is vol (of een grens voor bestandsgrootte is bereikt): { $reason }; er is niets gewijzigd

## Synchronisaties
sync-immediate = { $count } { $count ->
        [one] dag
       *[other] dagen
    } bevestigd door de onmiddellijke modus
sync-no-source = geen bron om te synchroniseren
sync-done = sync klaar: { $parts }
sync-no-path = { $source }: geen pad (gebruik dagkas import)
sync-ignored = { $count } genegeerd
sync-more-ignored = nog { $count } in het auditlog
