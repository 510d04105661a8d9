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
import-day = { $date }: { $count } { $count ->
    [one] document
   *[other] documenten
  }
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
alert-overdue = { $book } { $date } wacht op nazicht (voorgesteld meer dan { $days } { $days ->
    [one] dag
   *[other] dagen
  } geleden, R4).
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
tui-help-title = Toetsen en tekens
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
tui-keymap-problems = keymap: { $problem } ({ $count } { $count ->
    [one] probleem
   *[other] problemen
  }; daar gelden de standaardtoetsen)
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
action-map_code = Een niet-gekoppelde btw-groep of betaalwijze koppelen (of toevoegen)
action-mark_day = De dag (de)markeren, dan naar de volgende
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
dossier-demo-config = dagkas demo maakt een eigen dossier en schrijft de config in { $dir }; { $file } wordt niet gelezen (kies de plaats met --data)
dossier-demo-ready = demo klaar: { $command }
log-notify = melding
log-failed = mislukt
log-source-documents = bron { $source } { $documents } { $documents ->
    [one] document
   *[other] documenten
  }, { $per_day } per dag
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
sync-moved-meanwhile = { $source }: een andere run heeft intussen opgeslagen wat binnenkwam; niets opgeslagen, de volgende run vraagt vanaf daar
sync-config-changed = de configuratie is gewijzigd terwijl de kassa gevraagd werd; niets opgeslagen, de volgende run vraagt opnieuw
sync-ignored = { $count } genegeerd
sync-more-ignored = nog { $count } in het auditlog

## Problemen in de config (bestand:regel: veld: bericht)
cfg-missing-what-send-import = ontbreekt: wat te versturen, bv. ["import", "turnover", "alerts"]
cfg-not-import-turnover-or = { $other } is niet import, turnover of alerts
cfg-not-duration-30m-6h = { $d } is geen duur zoals 30m, 6h of 2d
cfg-expected-whole-number-runs = verwacht een geheel aantal runs, 1 of meer
cfg-secret-never-goes-config = een geheim hoort nooit in de config: noem een omgevingsvariabele met password_env / secret_env
cfg-not-mail-address = { $a } is geen e-mailadres
cfg-missing-who-receives-boekhouding = ontbreekt: wie het ontvangt, bv. ["boekhouding@example.be"]
cfg-missing-sender-s-address = ontbreekt: het adres van de afzender
cfg-not-server-smtp-example = { $hp } is geen server zoals smtp.example.be:587
cfg-missing-smtp-server-smtp = ontbreekt: de SMTP-server, bv. smtp.example.be:587
cfg-plain-smtp-only-server = onversleutelde SMTP alleen naar een server op deze machine (127.0.0.1); gebruik starttls of tls
cfg-not-starttls-tls-or = { $other } is niet starttls, tls of none
cfg-missing-https-address-post = ontbreekt: het https-adres om naar te posten
cfg-not-email-or-webhook = { $c } is niet email of webhook
cfg-missing-email-or-webhook = ontbreekt: email of webhook
cfg-unknown-field-expected-one = onbekend veld; verwacht een van: { $known }
cfg-bytes-long-at-most = { $s_count } { $s_count ->
    [one] byte
   *[other] bytes
  } lang; hoogstens { $MAX_VALUE }
cfg-expected-text-value = verwacht een tekst
cfg-must-not-be-empty = mag niet leeg zijn
cfg-missing-required-field = verplicht veld ontbreekt
cfg-expected-true-or-false = verwacht true of false
cfg-outside-every-day-from = { $d } ligt buiten { $EARLIEST } … { $LATEST }: elke dag vanaf de start van een boek wordt opgebouwd, dus zo'n datum is een tikfout
cfg-not-date-2026-03 = { $s } is geen datum zoals 2026-03-01
cfg-rate-neither-percentage-21 = tarief { $s } is geen percentage zoals "21" en ook geen "NA"
cfg-expected-list-texts = verwacht een lijst van teksten
cfg-expected-list-1-3 = verwacht een lijst zoals ["1", "3"]
cfg-expected-tables = verwacht [[{ $key }]]-tabellen
cfg-write-as-list-tables = schrijf het als [[{ $key }]], een lijst van tabellen
cfg-expected-dossier-table = verwacht een tabel [dossier]
cfg-missing-dossier-section = de sectie [dossier] ontbreekt
cfg-rounding-method-never-cash = een afrondingsmethode is nooit contant (R17)
cfg-not-one = { $l } is niet een van { $languages }
cfg-unknown-timezone = onbekende tijdzone { $tz }
cfg-not-time-04-00 = { $c } is geen tijdstip zoals 04:00
cfg-not-iso-3166-code = { $c } is geen ISO 3166-code zoals BE of NL
cfg-not-iso-4217-code = { $c } is geen ISO 4217-code zoals EUR
cfg-expected-list = verwacht een lijst zoals [{"{"} from = "2027-01-01", rate = "9" {"}"}]
cfg-expected = verwacht {"{"} from = "2027-01-01", rate = "9" {"}"}
cfg-needs-both-from-and = vraagt zowel from als rate
cfg-unknown-kind-expected-mplus = onbekend soort { $other }; verwacht mplus, lightspeed, file of demo
cfg-secret-written-config-file = er staat een geheim in het configbestand; haal het weg en gebruik { $key }_env (een omgevingsvariabele) of { $key }_file (een bestand met 0600)
cfg-unknown-field-for-source = onbekend veld voor een bron van het soort { $kind }; verwacht een van: name, kind, interval, { $known }
cfg-missing-required-field-for = verplicht veld ontbreekt voor een bron van het soort { $kind }
cfg-mplus-source-needs-secret = een mplus-bron vraagt secret_env of secret_file
cfg-lightspeed-source-needs-client = een lightspeed-bron vraagt client_secret_env of client_secret_file
cfg-expected-mplus-or-lightspeed = verwacht mplus of lightspeed
cfg-not-duration-15m-1h = { $s } is geen duur zoals 15m, 1h of 90s
cfg-expected-immediate-or-proposal = verwacht immediate of proposal
cfg-expected-allow-or-block = verwacht allow of block
cfg-with-sync-payments-false = met sync_payments = false voert een persoon de betalingen in: payments moet "proposal" zijn
cfg-expected-number-days-0 = verwacht een aantal dagen ≥ 0
cfg-expected-number-days = verwacht een aantal dagen
cfg-expected-all-or-list = verwacht "all" of een lijst zoals ["1", "3"]
cfg-expected-subtract-from-cash = verwacht "subtract_from_cash" of {"{"} category = "FOOI" {"}"}
cfg-expected-category-code = verwacht een categoriecode
cfg-expected-daybook-vat-map = verwacht een tabel [daybook.vat_map]
cfg-expected-daybook-payment-map = verwacht een tabel [daybook.payment_map]
cfg-expected-method-code-ignore = verwacht een betaalwijzecode, "ignore" of {"{"} method = "OVS", ignore_on_invoice = true {"}"}
cfg-needs-at-least-one = vraagt minstens één lade (["0"] als er geen laden gebruikt worden)
cfg-one-amount-for-drawers = één bedrag voor { $drawers_count } laden: het opent lade { $drawers_first }, de andere openen op 0.00; schrijf het per lade om duidelijk te zijn
cfg-drawer-not-drawers = lade { $drawer } staat niet in drawers
cfg-expected-amount-200-00 = verwacht een bedrag zoals "200.00"
cfg-expected-amount-250-00 = verwacht een bedrag zoals "250.00" (een tekst, geen getal)
cfg-drawer-opens-negative-cash = lade { $d } opent negatief; een kassaldo is nooit negatief (R6)
cfg-category-code = categoriecode
cfg-method-code = betaalwijzecode
cfg-source-name = bronnaam
cfg-day-book-code = dagboekcode
cfg-cash-journal-listed-twice = kasboek (twee keer vermeld in dit dossier)
cfg-unknown-source = onbekende bron { $source }
cfg-unknown-vat-category = onbekende btw-categorie { $code }
cfg-unknown-payment-method = onbekende betaalwijze { $code }
cfg-method-books-one-instance = betaalwijze { $code } boekt één exemplaar per factuur: zet er multiple = true op
cfg-unknown-day-book = onbekend dagboek { $daybook }
cfg-drawer-already-cash-journal = lade { $d } staat al in kasboek { $other } met dezelfde munt { $currency }
cfg-cash-method-books-but = contante betaalwijze { $code } boekt op { $account }, maar kasboek { $code2 } op { $account2 }: contant geld wordt één keer geboekt, op de rekening van het kasboek
cfg-used-twice-first = { $what } { $code } twee keer gebruikt (eerst in { $section }[{ $first }])
severity-error = fout
severity-warning = waarschuwing
config-too-large = de config is groter dan { $kib } KiB; de config van een dossier is enkele KiB
config-not-utf8 = geen UTF-8-tekst (bij byte { $byte })
config-unreadable = de config kan niet gelezen worden: { $reason }
secret-file = geheim bestand { $file }: { $reason }
secret-file-open = geheim bestand { $file } is leesbaar voor anderen (modus { $mode }); doe er chmod 600 op
secret-env-unset = de omgevingsvariabele { $var } is niet gezet
secret-none = geen geheim ingesteld

## Fouten en weigeringen van de opslag, documenten, koppelingen en meldingen
audit-entry-claims-number = item { $seq } zegt nummer { $seq2 } te zijn
audit-entry-does-not-follow = item { $seq } volgt niet op item { $previous }: de vorige hash verschilt
audit-entry-missing-next = item { $expected } ontbreekt (het volgende is { $seq })
audit-entry-unreadable = item { $seq } is onleesbaar ({ $err })
audit-entry-was-changed-after = item { $seq } ({ $action }) is gewijzigd nadat het geschreven werd: de hash klopt niet
audit-head-audit-log-unreadable = de kop van het auditlog is onleesbaar
audit-log-ends-at-entry = het log eindigt bij item { $last }, maar de kop noemt item { $seq }: er zijn items verwijderd
audit-unreadable-entry = onleesbaar item
chk-audit-entry = auditlog-item { $seq }: { $message }
doc-amount-never-negative-kind = een bedrag van het soort { $kind } is nooit negatief (het soort geeft de richting)
doc-bytes-long-at-most = `{ $field }` is { $v_count } { $v_count ->
    [one] byte
   *[other] bytes
  } lang; hoogstens { $max }
doc-does-not-balance-lines = sluit niet: regels { $lines } + fooi { $tip } ≠ betalingen { $payments } + voorschot { $prepaid }
doc-empty-id = lege id
doc-expense-needs-its-counterpart = een uitgave vraagt haar tegenrekening `account`
doc-field-type-must-be = het veld `type` moet een tekst zijn
doc-invalid-utf-8-at = ongeldige UTF-8 bij byte { $byte }
doc-invoice-without-lines = een factuur zonder regels
doc-missing-field-type = het veld `type` ontbreekt
doc-payment-currency-and-foreign = betaling { $method }: `currency` en `foreign_amount` horen samen (R18)
doc-payment-currency-not-iso = betaling { $method }: munt { $c } is geen ISO 4217-code
doc-payment-with-empty-method = betaling zonder betaalwijze
doc-prepaid-without-order-was = `prepaid` zonder de `order` waarop het betaald werd
doc-time-not-rfc-3339 = tijdstip { $text } is geen RFC 3339 met een tijdverschil, zoals 2026-03-02T09:15:00+01:00
doc-type-not-first-field = `type` is niet het eerste veld
doc-unknown-document-type = onbekend documentsoort { $other }
doc-unknown-document-type-expected = onbekend documentsoort { $kind }; verwacht ticket, void, order_payment, invoice, invoice_payment of cash
file-byte-order-mark-bom = een byte-order mark (BOM) midden in het bestand; alleen de eerste regel mag ermee beginnen
file-line-longer-than-mib = de regel is langer dan { $mib } MiB; het bestand is geweigerd en niet verder gelezen
inv-ignoring-invoice-needs-reason = een factuur negeren vraagt een reden
inv-invoice-already-ignored = factuur { $id } is al genegeerd
inv-no-invoice-register = geen factuur { $id } in het register
inv-no-invoice-register-2 = geen factuur { $missing } in het register
json-key-appears-twice-one = de sleutel `{ $key }` staat twee keer in één object
keymap-empty = `on` is leeg
keymap-key-or-list-keys = `on` is een toets of een lijst van toetsen
keymap-lists-keys-as-texts = `on` noemt toetsen als teksten
keymap-unknown-action = onbekende actie { $run }
keymap-unknown-key = onbekende toets { $s }
led-and-more = … en nog { $count }
led-config-changes-days-that = de config wijzigt bevestigde dagen, en die veranderen nooit stilzwijgend:{"\u000A"}  { $shown }{ $more }{"\u000A"}Draai de wijziging terug, of laat ze gelden vanaf een datum na de laatst bevestigde dag (de `rates = [{"{"} from = "…", rate = "…" {"}"}]` van een categorie, een nieuwe code voor nieuwe dagen); om een bevestigde dag te wijzigen: zet de config terug, heropen de dag (R9) en wijzig hem dan.
led-dagkas-today-not-date = DAGKAS_TODAY={ $s } is geen datum zoals 2026-03-15
led-unknown-day-book = onbekend dagboek { $code }
ntf-environment-variable-not-set = de omgevingsvariabele { $var } is niet gezet
ntf-message-could-not-be = het bericht kon niet opgesteld worden: { $e }
ntf-webhook-answered-http = de webhook antwoordde HTTP { $status }
ntf-webhook-answered-http-redirect = de webhook antwoordde HTTP { $status } (een doorverwijzing): geweigerd
store-bad-version-header = foute versiekop
store-data-dir-cannot-be = de datamap kan niet beschreven worden (een volle of alleen-lezen schijf): er wordt een eigen kopie gelezen; er kan niets gewijzigd worden
store-date-index-key-wrong = een datumindexsleutel met de verkeerde lengte
store-disk-full-or-file = de schijf is vol (of een grens voor bestandsgrootte is bereikt) tijdens het schrijven van de opslag; wat geschreven werd telt niet, de opslag is zoals ervoor
store-write-failed-before = een eerdere schrijfactie naar de opslag mislukte in deze run (schijf vol?): er wordt niets meer geschreven tot dagkas opnieuw start; wat mislukte telt niet
store-left-open = de opslag kon niet gesloten worden na een mislukte schrijfactie; bij de volgende opening wordt ze hersteld zoals na haar laatste volledige batch
store-no-kind = geen soort
store-store-cannot-be-written = de opslag kan niet beschreven worden (alleen-lezen schijf of geen toestemming); er is niets gewijzigd
store-store-error = fout in de opslag: { $io }
store-store-error-2 = fout in de opslag: { $other }
store-truncated-date-index-page = een afgekapte pagina van de datumindex
store-truncated-id-bucket = een afgekapte emmer van de id-index
store-truncated-id-run = een afgekapte reeks van de id-index
store-truncated-id-filter = een beschadigde filter van de id-index
store-kind-key-without-batch = een sleutel van de index van het facturenregister zonder zijn batch
store-id-index-points-nowhere = de id-index plaatst het op { $date } in batch { $batch }, maar die pagina van de datumindex bevat het niet
store-undated-document = een document zonder werkdag kan niet bewaard worden
store-unknown-kind = onbekend soort { $kind }
syn-dagkas-logged-you-can = dagkas is ingelogd; u kunt dit venster sluiten.
syn-demo-sync-stopped-unexpectedly = de demosync stopte onverwacht
syn-logged-refresh-token-0600 = ingelogd: het refresh token staat in { $file } (0600)
syn-no-authorization-arrived-within = binnen 5 minuten kwam er geen toestemming
syn-open-this-address-browser = Open dit adres in een browser en geef toegang:{"\u000A"}{ $url }{"\u000A"}Wacht op de doorverwijzing naar { $redirect } (of plak de code en druk op Enter) …
syn-source-no-refresh-token = bron { $name }: geen refresh token: zet { $var } of voer dagkas login { $name2 } uit
syn-source-not-logged-run = bron { $name }: niet ingelogd; voer dagkas login { $name2 } uit
syn-source-nothing-was-stored = bron { $name }: { $e }; er is niets opgeslagen, de volgende run begint van hetzelfde punt
syn-source-unknown-demo-protocol = bron { $name }: onbekend demoprotocol { $other }
syn-this-not-answer-dagkas = Dit is niet het antwoord waarop dagkas wacht.
url-page-address-that-not = een paginaadres dat geen URL is, werd geweigerd
url-page-another-origin-was = een pagina van een andere oorsprong ({ $origin }) werd geweigerd: het token gaat alleen naar { $base }

## The check
chk-config-disagrees-with-what = { $c } (de config spreekt tegen waarmee de dag bevestigd werd)
chk-confirmed-but-by-this = { $code } { $d }: bevestigd, maar volgens de klok van deze machine is het vandaag { $today } en is de dag niet voorbij (R5); de klok loopt achter, of liep voor bij de bevestiging
chk-confirmed-while-day-before = { $here }: bevestigd terwijl de dag ervoor dat niet is (R5)
chk-confirmed-without-its-confirmed = { $here }: bevestigd zonder bevestigde cijfers
chk-cash-journal-opens-at = { $here }: kasboek { $journal } opent op { $opening }, maar de dag ervoor sloot anders (R5)
chk-cash-journal-goes-negative = { $here }: kasboek { $journal } wordt negatief om { $time } { $document } (R6)
chk-cash-journal-closes-at = { $here }: kasboek { $journal } sluit op { $closing }, maar { $confirmed } werd bevestigd
chk-stored-totals-differ-from = { $here }: de opgeslagen totalen { $turnover }/{ $payments } verschillen van het boek { $book_turnover }/{ $book_payments }
chk-document-batch-missing-from = { $here }: document { $id } (batch { $version }) ontbreekt in de opslag
chk-confirmed-figures-differ-from = { $here }: de bevestigde cijfers verschillen van een herberekening uit de opgeslagen documenten
chk-cash-journal-went-negative = { $here }: kasboek { $journal } werd negatief in zijn bevestigde cijfers (R6)
chk-proposal-older-than-day = { $code } { $date }: voorstel ouder dan { $overdue_days } { $overdue_days ->
        [one] dag
       *[other] dagen
    } staat nog niet in het boek

## dagkas init
init-exists-replace = { $config_path } bestaat al. Vervangen
init-kept-as-was-nothing = { $config_path } blijft zoals het was; er is niets geschreven
init-dossier-company-name = Dossier (de naam van het bedrijf)
init-mijn-winkel = Mijn winkel
init-dagkas-today-not-date = DAGKAS_TODAY={ $t } is geen datum
init-pos-mplus-lightspeed-or = Kassa (mplus, lightspeed of file)
init-days-read-from-pos = Aantal dagen om uit de kassa te lezen
init-number-days-not-whole = het aantal dagen is geen geheel getal
init-unknown-pos-mplus-lightspeed = onbekende kassa { $other }: mplus, lightspeed of file
init-register-tickets-looks-web = Kassa { $r } ({ $count } { $count ->
    [one] ticket
   *[other] tickets
  }, { $amount }) lijkt een webshop. Haar verkopen weglaten
init-first-day-day-book = Eerste dag van het dagboek
init-first-day-not-date = de eerste dag is geen datum zoals 2026-03-01
init-cash-drawer-at-start = Geld in de lade bij het begin van die dag
init-opening-cash-not-amount = het beginsaldo is geen bedrag zoals 150.00
init-proposed-config-not-valid = de voorgestelde config is niet geldig:{"\u000A"}{ $shown }
init-not-mapped-yet-their = nog niet gekoppeld (hun dagen wachten op u, R12): { $count ->
    [one] btw-groep
   *[other] btw-groepen
  } { $groups }
init-run-first-sync-now = Nu de eerste synchronisatie uitvoeren
init-read-from-documents = {"\u000A"}Gelezen uit { $read_from }: { $documents } { $documents ->
    [one] document
   *[other] documenten
  }.
init-payment-methods = Betaalwijzen
init-map-expected-vat-code = --map { $m }: verwacht vat:CODE=CATEGORIE of method:CODE=BETAALWIJZE
init-map-category-not-one = --map { $m }: categorie { $target } is niet een van { $known }
init-map-each-vat-group = Koppel elke btw-groep aan een tarief (21, 12, 9, 6, 0) of een categorie ({ $categories } of ignore; ? laat het aan het nazichtscherm):
init-map-each-payment-method = Koppel elke betaalwijze (een code van het voorstel zoals CASH, BC, MAESTRO, PAYCONIQ, MAALTIJD, VVV, een nieuwe code, of ignore):
init-set-environment-variable-secret = zet eerst de omgevingsvariabele { $var } op het geheim (het komt nooit in de config)
init-environment-variable-with-mpluskassa = Omgevingsvariabele met het MplusKASSA-geheim
init-mpluskassa-needs-its-api = MplusKASSA vraagt zijn API-adres en ident
init-lightspeed-account-id = Lightspeed-account-id
init-lightspeed-client-id = Lightspeed-client-id
init-environment-variable-with-client = Omgevingsvariabele met het client secret
init-lightspeed-needs-account-id = Lightspeed vraagt de account-id en de client-id
init-lightspeed-account-since = Lightspeed-account { $account_id } sinds { $from }
init-jsonl-file-pos-documents = Het JSONL-bestand met kassadocumenten (het formaat: RULES.md)
init-file-source-needs-file = de bron file vraagt een bestand
init-file-has-bad-lines = het bestand heeft foute regels; verbeter die eerst:{"\u000A"}{ $bad }
init-next-dagkas-config-data = verder: dagkas --config { $config_path } --data { $data_dir }   (het nazichtscherm)

## Koppelingen en de records van de opslag
pos-authorization-was-refused-run = de toestemming werd geweigerd; voer dagkas login opnieuw uit
pos-bad-time-day = fout tijdstip
pos-empty-timestamp = leeg tijdstempel
pos-invalid-xml-at-byte = ongeldige XML bij byte { $byte }: { $e }
pos-invoice-payment-without-paymentid = factuurbetaling zonder paymentId
pos-invoice-without-financialdate = factuur zonder financialDate
pos-invoice-without-invoiceid = factuur zonder invoiceId
pos-lightspeed-request = een Lightspeed-verzoek
pos-missing-entrytimestamp = entryTimestamp ontbreekt
pos-more-than-one-root = meer dan één wortelelement
pos-not-date = { $y }-{ $m }-{ $d } is geen datum
pos-not-number = { $key } { $t } is geen getal
pos-not-whole-number = { $name } is geen geheel getal
pos-order-payment-without-entrytimestamp = bestelbetaling zonder entryTimestamp
pos-order-payment-without-paymentid = bestelbetaling zonder paymentId
pos-order-without-orderid = bestelling zonder orderId
pos-pages-never-end = de pagina's houden niet op
pos-payment-without-method = betaling zonder betaalwijze
pos-receipt-without-receiptid = ticket zonder receiptId
pos-sale-not-time = verkoop { $id }: { $key } { $t } is geen tijdstip
pos-sale-payment-without-type = verkoop { $id }: betaling zonder soort
pos-sale-without-saleid = verkoop zonder saleID
pos-sync-markers-went-backwards = { $op }: de syncmarkeringen gingen achteruit
pos-time-that-does-not = een tijdstip dat in de tijdzone niet bestaat
pos-token-answer-broke-off = het tokenantwoord brak af ({ $reason })
pos-token-answer-not-json = het tokenantwoord is geen JSON
pos-token-answer-without-access = tokenantwoord zonder access_token en refresh_token
pos-vatgroup-without-vatcode = vatGroup zonder vatCode
pos-without-syncmarker = { $op }: een { $item } zonder syncMarker
pos-xml-nested-too-deep = XML te diep genest
store-amount-tag = een bedragmarkering { $b }
store-bytes-after-document = { $bytes } { $bytes ->
    [one] byte
   *[other] bytes
  } na het document
store-damaged-amount = een beschadigd bedrag
store-day-number = een dagnummer { $days }
store-flag-byte = een vlagbyte { $b }
store-length-that-does-not = een lengte die niet eindigt
store-list-bytes = een lijst van { $n } in { $bytes } { $bytes ->
    [one] byte
   *[other] bytes
  }
store-negative-nanoseconds = negatieve nanoseconden
store-record-cut-short = het record is afgekapt
store-text-that-not-utf = een tekst die geen UTF-8 is
store-time = een tijdstip van { $secs } s
store-unknown-cash-kind = een onbekend soort kasbeweging
store-unknown-document-kind = een onbekend documentsoort { $k }
store-utc-offset = een UTC-verschil van { $offset } s
store-in-use = opslag in gebruik: { $dir } bleef langer dan DAGKAS_LOCK_WAIT (standaard 600 s) bezet door een ander dagkas-proces; probeer het later opnieuw
store-newer-schema = de opslag in { $dir } werd geschreven door een nieuwere dagkas (schema { $found }, deze leest { $schema }); werk dagkas bij
store-cannot-open = de opslag in { $dir } kan niet geopend worden: { $reason }
store-corrupt = de opslag bevat een onleesbaar record onder { $key }: { $message }
pos-err-config = configuratie: { $reason }
pos-err-transport = de kassaserver is niet bereikbaar: { $reason }
pos-err-http = de kassaserver antwoordde HTTP { $status } op { $call }
pos-err-fault = de kassaserver weigerde de oproep: { $code }: { $message }
pos-err-invalid = het antwoord van de kassaserver is onbruikbaar: { $reason }
pos-err-too-large = het antwoord van de kassaserver is groter dan { $mib } MiB; geweigerd
pos-err-redirect = de kassaserver stuurde de oproep elders heen (HTTP { $status }); doorverwijzingen worden geweigerd
pos-answer-timeout = het antwoord kwam niet op tijd (time-out tijdens het lezen)
pos-answer-broke-off = het antwoord brak af ({ $reason })
pos-answer-not-utf8 = het antwoord is geen UTF-8
pos-sale-without = verkoop { $id } zonder { $key }

## The command line's help (the English ones are the help texts of src/cli.rs)
cli-cmd-dagkas = Dagontvangstenboek en kasboek uit kassagegevens
cli-arg-dagkas-config = De config van het dossier (standaard: $DAGKAS_CONFIG, anders de XDG-configmap)
cli-arg-dagkas-data = De datamap met de opslag (standaard: $DAGKAS_DATA, anders de XDG-datamap)
cli-cmd-tui = Het nazichtscherm (ook wat `dagkas` zonder meer opent)
cli-cmd-init = Een dossier opzetten uit wat de kassa toont: vraagt (of neemt opties), leest de laatste dagen zonder ze op te slaan, stelt een koppeling voor elke code voor en schrijft dagkas.toml
cli-arg-init-dossier = De naam van het dossier (het bedrijf)
cli-arg-init-pos = De kassa: mplus, lightspeed of file
cli-arg-init-url = MplusKASSA: het API-adres (https://…:POORT)
cli-arg-init-ident = MplusKASSA: de ident
cli-arg-init-secret-env = MplusKASSA: de omgevingsvariabele met het geheim
cli-arg-init-account-id = Lightspeed: de account-id
cli-arg-init-client-id = Lightspeed: de OAuth-client-id
cli-arg-init-client-secret-env = Lightspeed: de omgevingsvariabele met het client secret
cli-arg-init-refresh-token-env = Lightspeed: een omgevingsvariabele met een refresh token (anders inloggen in de browser)
cli-arg-init-api-url = Lightspeed: de API- en tokenadressen (een lokale testserver)
cli-arg-init-path = Een JSONL-bestand met §3-documenten (de bron `file`)
cli-arg-init-days = Hoeveel dagen terug uit de kassa te lezen
cli-arg-init-start = De eerste dag van het dagboek (standaard: de eerste gelezen dag)
cli-arg-init-maps = Een koppeling die het voorstel vervangt: vat:CODE=CATEGORIE of method:CODE=BETAALWIJZE (CATEGORIE/BETAALWIJZE mag `ignore` zijn); herhaalbaar
cli-arg-init-yes = Elk voorstel aanvaarden zonder te vragen
cli-arg-init-force = Een bestaande config overschrijven zonder te vragen
cli-arg-init-sync = De eerste synchronisatie uitvoeren zodra de config geschreven is (anders gevraagd)
cli-arg-init-no-sync = De eerste synchronisatie niet uitvoeren
cli-cmd-completions = Shell-aanvullingen voor bash, zsh of fish, op de standaarduitvoer
cli-cmd-man = Handleidingpagina's (dagkas.1 en één per commando) in een map, of dagkas.1 op de standaarduitvoer
cli-cmd-demo = Een kant-en-klaar demodossier: een gegenereerde winkel met probleemdagen, geopend in het nazichtscherm
cli-arg-demo-no-tui = Alleen het dossier bouwen; het nazichtscherm niet openen
cli-cmd-login = OAuth2-login voor een Lightspeed-bron; het refresh token gaat naar een bestand met 0600
cli-cmd-sync = Elke bron ophalen vanaf haar cursor, elk interval, tot het gestopt wordt
cli-arg-sync-once = Eén run, dan stoppen
cli-arg-sync-log = Vorige runs tonen
cli-cmd-import = Kassadocumenten (JSONL, het formaat in RULES.md) inlezen als documenten van een bron
cli-arg-import-source = De bron (standaard: de enige bron van het soort `file`)
cli-cmd-days = Dagen tonen met status, totalen en blokkades
cli-arg-days-book = Alleen dit dagboek
cli-cmd-edit = Een regel van een voorgestelde dag wijzigen (R8)
cli-arg-edit-sets = SOORT:CODE=BEDRAG, SOORT = turnover of payment; herhaalbaar
cli-arg-edit-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-confirm = De langste geldige reeks dagen tot en met DATUM bevestigen (R5, R7)
cli-arg-confirm-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-reopen = De laatst bevestigde dag van een boek heropenen (R9)
cli-arg-reopen-clock-was-ahead = De dag werd bevestigd terwijl de klok van deze machine voorliep: heropen hem ook al is hij volgens de klok van nu niet voorbij
cli-arg-reopen-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-resolve = De afwijking van een bevestigde dag als correctie boeken (R10)
cli-arg-resolve-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-map = Een btw-groep of betaalwijze van de kassa koppelen (R12)
cli-arg-map-mapping = vat:KASSACODE=CATEGORIE of method:KASSACODE=BETAALWIJZE (of =ignore)
cli-arg-map-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-invoices = Het facturenregister (R21)
cli-cmd-invoices-ignore = Een factuur naar de genegeerde lijst verplaatsen (bewaard, met wie, wanneer en waarom)
cli-arg-invoices-ignore-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-invoices-date = De boekdatum van een of meer facturen vervangen
cli-arg-invoices-date-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-centralise = Bevestigde dagen tot en met DATUM als gecentraliseerd markeren (R20)
cli-arg-centralise-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-gen = Synthetische documenten voor benchmarks en demo's (vast per seed)
cli-arg-gen-start = De eerste datum (standaard: DAGKAS_TODAY of vandaag, min DAYS)
cli-cmd-bench = Snelheid en geheugen meten op gegenereerde gegevens, naast hledger; toont een tabel
cli-arg-bench-out = De cijfers hier als JSON schrijven
cli-arg-bench-years = Winkels van deze leeftijden meten (jaren, 100 000 documenten per jaar, bv. `1,5,10`) en tonen hoe elk cijfer groeit met de geschiedenis; vervangt --docs en --days
cli-arg-bench-keep = De gegenereerde winkel (config, documenten, opslag) in deze map bewaren om hem zelf te proberen: `dagkas --config DIR/dagkas.toml --data DIR/store`
cli-cmd-export = Het boek exporteren
cli-arg-export-with-invoices = csv: het facturenregister toevoegen als regels van boek `invoices`, soort `invoice`
cli-cmd-check = Ketens, saldi, nooit-negatief, de auditketen en de opgeslagen totalen controleren
cli-cmd-config = Configcommando's
cli-cmd-config-validate = Elk probleem van de config melden met bestand, regel en veld
cli-cmd-notify = Meldingen (`[[notify]]` in de config)
cli-cmd-notify-test = Eén testbericht per kanaal sturen en tonen wat elke server zei
cli-cmd-audit = Het auditlog tonen
pg-not-a-url = geen PostgreSQL-URL: schrijf postgresql://GEBRUIKER@HOST:POORT/DATABANK
pg-bad-url = geen bruikbare PostgreSQL-URL: { $reason }
pg-bad-schema = { $schema } is geen schemanaam die dagkas gebruikt: kleine letters, cijfers en _, hoogstens 63, niet beginnend met een cijfer of pg_
pg-cannot-connect = de databank ({ $target }) is niet bereikbaar: { $reason }
pg-bad-root-cert = de certificaatautoriteiten in { $file } (sslrootcert) zijn niet leesbaar: { $reason }
pg-tls-hint = het certificaat van de server werd niet aanvaard: geef zijn autoriteit op met `sslrootcert=BESTAND` in de URL
pg-connection-lost = de verbinding met de server is verbroken
pg-error = de databank ({ $target }) faalde: { $reason }; niets van de onafgewerkte wijziging werd bewaard
cfg-expected-store-table = een tabel [store] verwacht
cfg-store-password-in-file = een wachtwoord hoort nooit in de config: zet PGPASSWORD of schrijf het in ~/.pgpass (modus 0600)
tui-store-back = de databank is terug
cli-cmd-store = Opslagopdrachten
cli-cmd-store-copy = Kopieer de hele opslag van het dossier (documenten en versies, dagen, wijzigingen, koppelingen, audit, sync-cursors) naar een leeg PostgreSQL-schema of een lege datamap; tokens blijven bestanden
cli-arg-store-copy-to = postgresql://GEBRUIKER@HOST:POORT/DATABANK[?schema=NAAM], of een datamap
store-copy-target-not-empty = { $target } bevat al boeken: een kopie gaat alleen naar een lege opslag (er werd niets geschreven)
store-unfinished-copy = { $target } bevat een onderbroken kopie: voer dagkas store copy --to ernaar opnieuw uit (of verwijder ze)
store-copy-same = daar staat de opslag van het dossier al
store-copied = { $records } { $records ->
    [one] record
   *[other] records
  } gekopieerd naar { $target }
store-copied-use-url = om daar te werken, schrijf in [store] van de config: url = "{ $url }" (of zet DAGKAS_STORE_URL); het wachtwoord blijft in PGPASSWORD of ~/.pgpass
store-copied-use-dir = om daar te werken, verwijder [store] uit de config en gebruik --data { $dir }
cli-arg-bench-store = Importeer ook in deze PostgreSQL-databank (een eigen schema, daarna verwijderd) en zet de cijfers naast die van de ingebouwde opslag
cli-arg-bench-first-frame = De eigen meting van de bench van het eerste beeld van een scherm, in een nieuw proces op het dossier van --config en --data: drukt milliseconden af
amount-ambiguous = bedrag "{ $text }" kan { $whole } of { $fraction } betekenen: schrijf een van beide
amount-other-notation = bedrag "{ $text }" is niet geschreven zoals het Nederlands bedragen schrijft (bijvoorbeeld { $example })
blocker-waiting = wacht op gegevens: bron { $source } had nog geen geslaagde run nadat deze dag eindigde (laatste geslaagde run { $last })
blocker-waiting-never = wacht op gegevens: bron { $source } had nog geen geslaagde run
blocker-waiting-later-document = wacht op gegevens: bron { $source } is volledig voor een dag zodra een document van een latere dag binnenkwam (laatste document van { $last })
cfg-unknown-complete = onbekende waarde { $value }: "imported" (een dag is volledig zoals ingelezen) of "later_document" (een dag is volledig zodra een document van een latere dag binnenkwam)
sync-held = { $count } vastgehouden voor een beslissing
sync-more-held = nog { $count }: dagkas held
sync-undated-held = bron { $source } stuurde wat niet op een dag te plaatsen is ({ $documents }): de run stopt ervoor en bewaart niets tot iemand beslist (dagkas held leave-out { $source } { $first } --reason …)
held-superseded = de kassa stuurde een versie die het boek kan opnemen
blocker-held = vastgehouden: { $what } { $document } van bron { $source } kan niet geboekt worden zoals verzonden{ $amounts }: { $reason } (beslis met dagkas held)
held-amounts = {" "}(omzet { $turnover }, betalingen { $payments })
held-paid = {" "}(betaald { $payments })
held-needs-reason = een beslissing over een vastgehouden document vraagt een reden (--reason)
held-unknown = bron { $source } houdt geen document { $id } vast (dagkas held toont ze)
held-already-decided = over { $id } werd al beslist ({ $choice }, door { $author })
held-not-bookable = { $id } kan niet geboekt worden zoals verzonden ({ $reason }): laat het weg en voer in wat het had moeten zijn als wijziging van zijn dag
held-decided-book = { $what } { $id } geboekt zoals verzonden op { $date }
held-decided-leave-out = { $what } { $id } weggelaten uit het boek
held-none = er wordt niets vastgehouden
col-held-document = document
col-decision = beslissing
cli-cmd-held = Wat de kassa stuurde en het boek niet kon opnemen zoals het was, vastgehouden op zijn dag tot iemand beslist
cli-arg-held-json = Als JSON
cli-cmd-held-book = Een vastgehouden document boeken zoals de kassa het stuurde (R1 toont zijn dag uit evenwicht tot het verbeterd is)
cli-arg-held-book-author = Wie dit doet (standaard: de OS-gebruiker)
cli-cmd-held-leave-out = Een vastgehouden document bewust uit het boek laten
cli-arg-held-leave-out-author = Wie dit doet (standaard: de OS-gebruiker)
col-reason = reden
pos-unknown-receipt-type = onbekend bontype { $kind }
tui-held = Vastgehouden voor een beslissing ({ $count })
tui-held-open = open
tui-held-decided = { $choice }
tui-no-held = op deze dag wordt niets vastgehouden
tui-held-not-bookable = het kan niet geboekt worden zoals verzonden: laat het weg en voer in wat het had moeten zijn als wijziging
tui-held-title = Vastgehouden { $what } { $id } op { $date }
tui-held-leave-out = weglaten
tui-held-book = boeken zoals verzonden
tui-held-book-not = boeken zoals verzonden (niet mogelijk)
tui-held-keys = Tab kiezen · Enter beslissen · Esc annuleren
action-decide_held = Beslissen over een vastgehouden document
alert-held = { $book } { $date }: { $source } stuurde { $document }, dat het boek niet kan opnemen zoals het is ({ $reason }): beslis met dagkas held of met h in het controlescherm.
import-held = { $source }: { $count } { $count ->
    [one] document
   *[other] documenten
  } vastgehouden voor een beslissing
log-source-held = bron { $source } { $held } vastgehouden, { $open } wachten op een beslissing · gegevens volledig t/m { $whole }
pg-schema-of-another-dossier = schema { $schema } bevat het dossier "{ $other }", niet "{ $dossier }": geef dit dossier een eigen schema (schema = "…" onder [store]), of, als het hetzelfde dossier met een nieuwe naam is, noem dat schema daar
amount-out-of-range = bedrag "{ $text }" is meer dan het boek opneemt (hoogstens { $max } in beide richtingen)
doc-amount-out-of-range = { $field } { $amount } is meer dan het boek opneemt (hoogstens { $max } in beide richtingen)
pos-number-out-of-range = { $key } { $t } valt buiten het bereik van een bedrag of tarief
led-dagkas-today-out-of-range = DAGKAS_TODAY { $s } ligt buiten { $from } … { $to }
cfg-source-name-chars = de naam van een bron { $name } mag letters, cijfers, "-", "_" en "." (niet vooraan) bevatten: hij wordt een bestandsnaam
cfg-bad-timeout = { $value } is geen duur zoals "30s", "10m" of "1h"
cfg-bad-max-body = { $value } is geen geheel aantal MiB van 1 tot 4096
sync-schedule-lost = de sync-planning wordt niet meer vastgehouden (de database viel weg of herstartte): geen run tot ze weer vastgehouden wordt
sync-schedule-again = de sync-planning wordt weer vastgehouden
tui-sync-stopped = de sync stopte onverwacht: { $reason } (er werd niets van bewaard; het scherm gaat verder)
tui-action-stopped = de actie stopte onverwacht: { $reason }
pg-commit-unknown = de database ({ $target }) viel weg terwijl een wijziging vastgelegd werd ({ $reason }) en kon sindsdien niet gevraagd worden of dat lukte: `dagkas audit` toont of item { $seq } er is
doc-id-control = id "{ $id }" bevat een stuurteken
import-committed-then = batch { $batch } is vastgelegd en bewaard; wat erop volgt mislukte: { $reason }
sync-connector-stopped = de connector stopte op wat de kassa stuurde: { $reason }
cli-arg-held-book-source = De bron die het stuurde
cli-arg-held-book-id = De id van het document zoals de kassa hem gaf (dagkas held toont ze)
cli-arg-held-book-reason = Waarom: bewaard in het auditlog
cli-arg-held-leave-out-source = De bron die het stuurde
cli-arg-held-leave-out-id = De id van het document zoals de kassa hem gaf (dagkas held toont ze)
cli-arg-held-leave-out-reason = Waarom: bewaard in het auditlog
chain-not-laid = de dagen werden niet vooraf klaargezet voor de volgende lijst ({ $reason }); de wijziging zelf is bewaard, en het volgende commando zet ze klaar
config-missing = hier is nog geen config. Maak een dossier met `dagkas init` (het vraagt wat het nodig heeft), of probeer de demowinkel met `dagkas demo`; `--config BESTAND` wijst een andere config aan
os-permission-denied = geen toegang
os-not-found = bestand of map bestaat niet
os-is-a-directory = het is een map
pos-refused = { $address } weigerde de verbinding: daar luistert geen kassaserver (kloppen adres en poort, draait hij?)
pos-unreached = { $address }: { $cause }
pos-cause-timeout = geen antwoord op tijd
pos-cause-name = die naam wordt niet gevonden (is het adres juist geschreven?)
pos-cause-not-tls = daar wordt geen TLS gesproken (http:// in plaats van https://, of omgekeerd?)
pos-cause-certificate = het certificaat wordt niet aanvaard: { $reason }
init-map-not-seen = waarschuwing: { $m }: de kassa toonde geen { $code } in de gelezen dagen; de koppeling blijft voor wanneer het komt
cli-arg-init-opening-cash = Het geld in de kassalade bij het begin van de eerste dag, geschreven zoals het scherm bedragen schrijft (standaard: gevraagd; 0,00 met --yes)
blocker-negative-first-day = het geld bij het begin van deze eerste dag is de opening_balance van kasboek { $journal } in de config: zet die op wat de lade bevatte (of tel de lade met een open_count)
init-wrote-secrets = de geheimen staan in { $file } (alleen jij kunt het lezen): de sync-dienst leest ze daar
init-secrets-not-written = de geheimen werden niet geschreven naar { $file }: { $reason }; de sync-dienst heeft ze daar nodig (VAR=waarde, chmod 600)
init-secret-multiline = { $var } bevat een regeleinde: schrijf het zelf in het geheimenbestand
tui-legend = Wat de tekens betekenen
tui-legend-proposed = voorgesteld: wacht op nazicht door iemand
tui-legend-confirmed = bevestigd: in het boek
tui-legend-centralised = gecentraliseerd: in de boekhouding, voorgoed vast (R20)
tui-legend-blocked = een blokkering: het boekpaneel zegt welke
tui-legend-waiting = wacht op zijn gegevens: nog niet te bevestigen
tui-legend-overdue = te laat: wacht te lang op nazicht (R4)
tui-legend-drift = afwijking: document gewijzigd na bevestiging (R10)
tui-legend-marked = gemarkeerd om samen te bevestigen (Spatie)
tui-legend-chain = het kasboek opent met het slot van de dag ervoor (R5)
tui-help-keys = j/k scrollen · Esc, ? of q sluit
tui-nothing-to-reopen = dagboek { $book } heeft geen bevestigde dag die niet gecentraliseerd is: niets te heropenen (R9)
tui-resolve-cancelled = de afwijking werd niet geboekt
tui-resolve-title = De afwijking van { $book } { $date } boeken
tui-resolve-what = Een correctie op de eerste open dag (R10):
tui-resolve-keys = y of Enter boekt · n of Esc annuleert
tui-amount-takes = "{ $c }" hoort niet in een bedrag: het bedrag neemt cijfers, een komma of punt en een min; Tab gaat naar de reden
store-key-without-batch = een sleutel te kort om zijn batch te noemen
tui-hint-move = dag
tui-hint-problem = probleem
tui-hint-approve = goedkeuren
tui-hint-edit = wijzig
tui-hint-confirm = bevestig
tui-hint-mark = merk
tui-hint-map = koppel
tui-hint-held = vastgehouden
tui-hint-help = hulp
tui-hint-quit = stop
init-not-an-address = { $a } is geen adres zoals https://api.example.be:44300
init-vat-group-question = { "  " }Btw-groep { $code } ({ $lines ->
    [one] { $lines } lijn
   *[other] { $lines } lijnen
 }, { $amount }): tarief of categorie
init-vat-rate-needed = het tarief van deze groep is niet af te leiden uit de kassa: geef het tarief (21, 12, 9, 6, 0), een categorie, ignore, of ? om ze later op het nazichtscherm te koppelen
init-vat-answer-not-category = { $a } is geen tarief (21, 12, 9, 6, 0) en geen categorie
init-method-question = { "  " }Betaalwijze { $name } ({ $payments ->
    [one] { $payments } betaling
   *[other] { $payments } betalingen
 }, { $amount })
config-add-code-taken = { $code } staat al in { $file }: kies het uit de lijst, of een andere code
tui-map-new-category = een nieuwe btw-categorie…
tui-map-new-method = een nieuwe betaalwijze…
tui-map-cancelled = Koppeling geannuleerd: niets gewijzigd.
tui-create-for = Voor { $what } { $code }, toegevoegd aan de config:
tui-create-rate = Tarief %
tui-create-code = Code
tui-create-name = Naam
tui-create-account = Rekening
tui-create-keys = Enter volgende, dan toevoegen · Tab veld · Esc annuleren
tui-create-category-title = Nieuwe btw-categorie
tui-create-method-title = Nieuwe betaalwijze
tui-create-field-empty = { $field } is leeg
tui-added-and-mapped = { $code } toegevoegd aan { $file }; { $mapped }
syn-login-input-ended = de aanmelding is gestopt: de invoer sloot voor er een code geplakt werd of de browser terugkwam. Geef een refresh token (`--refresh-token-env` bij `init`, `refresh_token_env` in de config), of voer `dagkas login { $source }` uit in een terminal en plak het adres dat de browser toont.
cli-arg-init-token-url = Lightspeed: het token-adres (standaard dat van Lightspeed)
cli-arg-completions-shell = De shell: bash, zsh of fish
cli-arg-man-out = Elke pagina in deze map schrijven
cli-arg-login-source = De Lightspeed-bron uit de config
cli-arg-import-files = De JSONL-bestanden, in volgorde gelezen als één batch
cli-arg-days-from = De eerste getoonde dag (JJJJ-MM-DD)
cli-arg-days-to = De laatste getoonde dag (JJJJ-MM-DD; standaard gisteren)
cli-arg-days-json = Als JSON, elk bedrag van elke dag
cli-arg-edit-date = De dag (JJJJ-MM-DD)
cli-arg-edit-book = Het dagboek
cli-arg-edit-reason = Waarom: bewaard in het auditlog
cli-arg-confirm-through = De laatste dag om te bevestigen (JJJJ-MM-DD)
cli-arg-confirm-book = Alleen dit dagboek (standaard: elk dagboek)
cli-arg-reopen-date = De dag (JJJJ-MM-DD): de laatst bevestigde dag van het dagboek
cli-arg-reopen-book = Het dagboek
cli-arg-reopen-reason = Waarom: bewaard in het auditlog
cli-arg-resolve-date = De bevestigde dag met afwijking (JJJJ-MM-DD)
cli-arg-resolve-book = Het dagboek
cli-arg-map-book = Het dagboek waarvan de koppeling wijzigt
cli-arg-invoices-json = Als JSON
cli-arg-invoices-book = Alleen de facturen van dit dagboek
cli-arg-invoices-ignore-id = Het id van de factuur
cli-arg-invoices-ignore-reason = Waarom: bewaard in het auditlog
cli-arg-invoices-date-ids = De id's van de facturen
cli-arg-invoices-date-date = De boekingsdatum (JJJJ-MM-DD)
cli-arg-invoices-date-reason = Waarom: bewaard in het auditlog
cli-arg-centralise-through = De laatste bevestigde dag om te markeren (JJJJ-MM-DD)
cli-arg-gen-docs = Hoeveel documenten
cli-arg-gen-days = Over hoeveel dagen
cli-arg-gen-branches = Hoeveel filialen
cli-arg-gen-seed = Het zaad: hetzelfde zaad geeft dezelfde documenten
cli-arg-gen-format = jsonl (documenten) of hledger (een journaal van dezelfde verkopen)
cli-arg-gen-out = Hierheen schrijven (standaard: standaarduitvoer)
cli-arg-bench-docs = Hoeveel documenten te genereren
cli-arg-bench-days = Over hoeveel dagen
cli-arg-export-format = csv, hledger, yuki of xaf
cli-arg-export-from = De eerste dag (JJJJ-MM-DD; standaard de eerste bevestigde)
cli-arg-export-to = De laatste dag (JJJJ-MM-DD; standaard de laatste bevestigde)
cli-arg-export-out = Hierheen schrijven (standaard: standaarduitvoer)
cli-arg-audit-json = Als JSON, één item per regel met zijn hash
key-space = Spatie
key-enter = Enter
key-esc = Esc
field-label = { $label }:
cli-usage = Gebruik:
cli-commands = Commando's:
cli-arguments = Argumenten:
cli-options = Opties:
cli-print-help = Toon de hulp
cli-print-version = Toon de versie
cli-error = fout:
cli-tip = tip:
cli-more-information = Meer uitleg: probeer '--help'.
tui-vat-groups-incl = Btw-groepen (incl. btw)
init-seen-vat-groups = Btw-groepen
init-seen-branches = Filialen
init-seen-registers = Kassa's
init-seen-none = geen
init-seen-drawers = { $count ->
    [one] Kassalade
   *[other] Kassalades
  }: { $drawers }
firm-name-it = noem de map van het kantoor: --firm MAP (een map per dossier, elk met zijn dagkas.toml), of DAGKAS_FIRM
firm-no-dossiers = geen dossier in { $dir }: elk dossier is een map met zijn dagkas.toml
firm-col-dossier = Dossier
firm-col-review = Nazien
firm-col-overdue = Te laat
firm-col-blocked = Geblokt
firm-col-drift = Afwijk
firm-col-held = Vastgh
firm-col-confirmed = Bevestigd t/m
firm-col-centralised = Gecentraliseerd
firm-col-sync = Laatste sync
firm-cannot-read = kan niet gelezen worden: { $reason }
firm-no-run-yet = nog geen sync
firm-run-ok = { $at } door { $by }
firm-run-failed = { $at } mislukt: { $reason }
firm-notifications-waiting = { $count } { $count ->
    [one] melding wacht
   *[other] meldingen wachten
  }
cli-cmd-dossiers = De dossiers van een kantoor naast elkaar, wat aandacht vraagt eerst: dagen om na te zien en te laat, blokkades, afwijkingen, vastgehouden documenten, de laatst bevestigde en gecentraliseerde dag, de laatste goede run van elke bron
cli-arg-dossiers-firm = De map van het kantoor: een map per dossier met zijn dagkas.toml (standaard: $DAGKAS_FIRM)
cli-arg-dossiers-json = Als JSON, een rij per dossier
cli-arg-sync-firm = Elk dossier van de map van een kantoor (een map per dossier) bedienen in dit ene proces
cli-arg-sync-parallel = Met --firm: hoeveel runs tegelijk hun kassa mogen bevragen
firm-cannot-open = { $name } kan niet gelezen worden: de lijst zegt waarom
firm-overview-count = { $count ->
    [one] { $count } dossier
   *[other] { $count } dossiers
  }
firm-overview-title = Dossiers, wat aandacht vraagt eerst
firm-overview-none = geen dossier: een map per dossier, elk met zijn dagkas.toml
firm-short-review = Nazn
firm-short-overdue = Laat
firm-short-blocked = Blok
firm-short-drift = Afw
firm-short-held = Vast
firm-short-confirmed = Bevestigd t/m
firm-sync-failed-short = sync mislukt
firm-overview-hints = j k beweeg  Enter open  / filter  r herlaad  ? hulp  q stop
firm-overview-help-title = De dossiers van het kantoor
firm-overview-help = j k, ↓ ↑    bewegen; g G eerste, laatste
    Enter      het nazichtscherm van het dossier openen (q of Esc daar keert terug)
    /          filteren op naam of map; Esc wist de filter
    r          de dossiers opnieuw lezen (vanzelf elke 10 s)
    q          stoppen
    Nazn: dagen om na te zien · Laat: te laat (R4) · Blok: geblokkeerde dagen
    Afw: bevestigde dagen sindsdien gewijzigd · Vast: vastgehouden documenten
    Rood: onleesbaar, sync mislukt of geblokkeerd · Geel: te laat, afwijking of vastgehouden
cli-arg-tui-firm = De map van een kantoor: zijn dossiers naast elkaar, elk te openen met Enter (standaard: $DAGKAS_FIRM)
pg-read-only = de databank ({ $target }) laat deze rol het dossier lezen, niet wijzigen: er werd niets gewijzigd. Een boekhouder heeft INSERT, UPDATE en DELETE nodig op de tabellen van schema { $schema } (de README geeft de GRANT-regels)
pg-no-access = deze rol mag het schema { $schema } van het dossier in de databank ({ $target }) niet gebruiken: vraag er USAGE op, en SELECT om te lezen (de README geeft de GRANT-regels)

## De config die een PostgreSQL-dossier zelf bewaart (beslissing 93)
kept-name-the-schema = het adres { $address } wijst geen dossier aan: voeg ?schema=NAAM toe (het schema van het dossier)
kept-none = het dossier op { $address } bewaart nog geen config: bewaar er een met `dagkas config load BESTAND --store { $address }`
kept-name = versie { $version } van de config bewaard op { $address }
kept-file-differs = dit dossier bewaart zijn config in zijn opslag (versie { $version }, bewaard door { $by } op { $at }), en dit configbestand beschrijft de boeken anders; het wordt dus niet gebruikt. Open het dossier met enkel zijn adres (`--store postgresql://…?schema=NAAM`), of maak het bestand gelijk met `dagkas config show`; de config wijzigen doe je met `dagkas config edit` of `dagkas config load BESTAND`
config-changed-since-read = de config werd gewijzigd sinds je hem las (versie { $version }, door { $by } op { $at }): er werd niets bewaard. Lees hem opnieuw met `dagkas config show` en breng je wijziging daarop aan
config-new-text = de nieuwe config
config-the-kept = de config die het dossier bewaart
config-kept-version = bewaard: versie { $version } van de config van { $dossier }
config-written = bewaard: { $file }
config-unchanged = de config is niet gewijzigd: niets te bewaren
config-load-which-version = dit dossier bewaart versie { $version } van zijn config: zeg met --over N van welke versie je tekst vertrekt (de eerste regel die `dagkas config show` schrijft, zegt het), zodat een wijziging van intussen niet ongedaan wordt gemaakt
config-no-such-version = er is geen versie { $version } van de config
config-no-versions = er worden geen versies bewaard: de config van dit dossier is { $file }
config-in-force = geldend
config-text-kept = je tekst staat in { $path }: vergelijk hem met `dagkas config show` en bewaar hem dan met `dagkas config load { $path } --over N`, met N de geldende versie
config-edit-again = Opnieuw bewerken?
config-editor-failed = de editor ({ $editor }) is mislukt: { $reason }
cli-arg-dagkas-store = Een PostgreSQL-dossier met enkel zijn adres; het bewaart zijn config zelf (postgresql://GEBRUIKER@HOST/DATABANK?schema=NAAM)
cli-cmd-config-show = Toon de geldende config (een bewaarde versie met een eerste regel die haar noemt)
cli-arg-config-show-version = Een eerdere bewaarde versie
cli-cmd-config-edit = Wijzig de config in een editor ($VISUAL, $EDITOR, anders vi): gelezen als config en getoetst aan de bevestigde dagen voor hij bewaard wordt, geweigerd als iemand hem intussen wijzigde (je tekst blijft bewaard)
cli-arg-config-edit-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-config-load = Bewaar een bestand als de config van het dossier: een PostgreSQL-dossier bewaart hem in zijn opslag als nieuwe versie; een dossier in een datamap in zijn configbestand
cli-arg-config-load-file = De configtekst (van `dagkas config show`, of met de hand geschreven)
cli-arg-config-load-over = De bewaarde versie waarvan de tekst vertrekt (standaard: die welke de eerste regel noemt)
cli-arg-config-load-author = Wie dit doet (standaard: de gebruiker van het systeem)
cli-cmd-config-versions = De bewaarde versies van de config: wie elk bewaarde en wanneer
cli-arg-bench-firm = Meet een kantoor van N dossiers van elk één jaar: zijn lijst, het eerste beeld van het overzicht en één ronde van zijn dienst; vervangt --docs en --days
cli-arg-bench-overview-frame = De eigen meting van de bench van het eerste beeld van het kantooroverzicht met zijn rijen, in een vers proces: toont milliseconden
kept-no-dossier = er is geen dossier op { $target }: controleer de naam van het schema (`dagkas dossiers --firm` met het adres van de databank somt ze op), of laad een config om er een te maken met `dagkas config load BESTAND --store ADRES`
config-file-changed-since-read = de config werd gewijzigd sinds je hem las ({ $file }): er werd niets bewaard. Lees hem opnieuw en breng je wijziging daarop aan
