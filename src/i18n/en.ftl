# dagkas: what a person reads, in English. Every id here exists in nl.ftl and fr.ftl.
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun
footer = Sent by dagkas for { $dossier }.
import-subject = { $dossier }: import report
import-intro = What the last sync runs brought into the day book:
import-batch = { $source }: { $new } new, { $changed } changed, { $voided } voided
import-day = { $date }: { $count } { $count ->
    [one] document
   *[other] documents
  }
import-failed = { $source }: the sync failed: { $reason }
turnover-subject = { $dossier }: turnover of { $date }
turnover-book = Day book { $book } ({ $status })
turnover-category = { $code } ({ $rate }): { $incl } incl. VAT, VAT { $vat }
turnover-method = { $code }: { $amount }
turnover-total = Turnover { $turnover } · payments { $payments }
turnover-cash = Cash { $journal }: closing balance { $closing }
turnover-categories = Turnover per VAT category
turnover-methods = Payments per method
alert-subject = { $dossier }: needs attention
alert-intro = dagkas found this in the day book:
alert-stale = { $source } has not synced successfully since { $since }.
alert-stale-never = { $source } has never synced successfully.
alert-failing = { $source } failed { $count } { $count ->
    [one] time
   *[other] times
  } in a row: { $reason }
alert-overdue = { $book } { $date } waits for review (proposed more than { $days } { $days ->
    [one] day
   *[other] days
  } ago, R4).
alert-drift = { $book } { $date } is confirmed, but its documents changed ({ $documents }): resolve it (R10).
alert-negative = { $book } { $date }: the cash of { $journal } would be negative (R6).
test-subject = { $dossier }: test message
test-body = A test message from dagkas for { $dossier }. If you read this, { $channel } works.
status-empty = empty
status-proposed = proposed
status-confirmed = confirmed
status-centralised = centralised

## Words for the product's values
word-vat-group = VAT group
word-method = method
blocker-word-unbalanced = unbalanced
blocker-word-unmapped = unmapped
blocker-word-negative-cash = negative cash
blocker-word-currency = currency
blocker-word-drift = drift
blocker-word-open = open
blocker-unbalanced = unbalanced: turnover { $turnover } ≠ payments { $payments } (difference { $difference })
blocker-no-setting = unmapped: the day book has no { $code } method for a document of this day
blocker-unmapped = unmapped { $what } { $code }
blocker-negative-cash = negative cash: { $journal } drawer { $drawer } at { $time } { $event } { $document } (balance { $balance })
blocker-currency = currency: cash in { $currency } ({ $document }) but no cash journal in { $currency }
blocker-drawer = currency: cash into drawer { $drawer } ({ $document }) but no { $currency } cash journal lists that drawer
blocker-no-cash-method = unmapped: tips of { $document } are paid from cash but no payment method has cash = true
blocker-drift = drift: changed after confirmation: { $documents }
blocker-not-ended = open: the business day has not ended
move-sales = cash sale
move-refunds = refund
move-tips = tips paid out
move-cash-in = cash deposit
move-expense = expense
move-bank-deposit = bank deposit
move-open-count = opening count
move-close-count = closing count
move-short-sales = sale
move-short-refunds = refund
move-short-tips = tips
move-short-cash-in = cash in
move-short-expense = expense
move-short-bank-deposit = to bank
move-short-open-count = open cnt
move-short-close-count = clos cnt
invoice-open = open
invoice-partly-paid = partly paid
invoice-paid = paid
invoice-ignored = ignored
amount-not-decimal = amount "{ $text }" is not a decimal like "12.10"
amount-too-precise = amount "{ $text }" has more than 2 decimals
amount-too-large = amount "{ $text }" is too large
mapped = mapped { $what } { $code } to { $target }
mapped-in = mapped { $what } { $code } to { $target } in { $book }
stopped-at = stopped at { $book } { $date }: { $reason }
reopened = reopened { $date } of { $book }
lock-another-process = another dagkas process

## The review screen
tui-incl-vat = incl. VAT
tui-excl-vat = excl. VAT
tui-filter = filter: { $text }
tui-last-sync = last sync { $time } { $by } ({ $how })
tui-sync-run-failed = failed
tui-notify-failed = notify failed
tui-no-sync = no sync yet
tui-sync-running = sync { $progress }
tui-sync-failed = sync failed: { $reason }
tui-sync-starting = starting
tui-kind-turnover = turnover
tui-kind-payment = payment
tui-edit-values = POS value: { $pos }   booked: { $booked }
tui-edit-manual = none (a manual line)
tui-amount = Amount
tui-reason = Reason
tui-edit-keys = Enter save · Tab next field · Esc cancel
tui-edit-title = Edit { $kind } { $code } on { $date }
tui-confirm-days = Confirm { $count } { $count ->
        [one] day
       *[other] days
    }
tui-confirm-through = { $book }: from the first open day through { $date }
tui-confirm-stops = Stops at { $book } { $date }:
tui-confirm-clear = No blocker in the run.
tui-confirm-keys = Enter/y confirm · any other key cancels
tui-confirm-title = Batch confirm (R7)
tui-map-to = Map { $what } { $code } to:
tui-map-ignore = ignore
tui-map-title = Map code (R12)
tui-filter-help = date, status, blocker, 'problem', 'overdue'; Enter apply, Esc clear
tui-ignore-keys = Enter ignore · Esc cancel
tui-ignore-title = Ignore invoice { $id } (R21)
tui-reopen-keys = Enter reopen · Esc cancel
tui-reopen-title = Reopen { $book } { $date } (R9)
tui-days = Days
tui-no-days = no days match
tui-pos = POS
tui-tickets = Tickets (Esc back)
tui-no-documents = no documents
tui-loading = loading…
tui-vat-groups = VAT groups
tui-methods = Methods
tui-registers = Branch/register
tui-pos-counts = { $tickets } { $tickets ->
        [one] ticket
       *[other] tickets
    } · { $documents } { $documents ->
        [one] doc
       *[other] docs
    } · { $skipped } skipped
tui-book = Book
tui-turnover-incl = Turnover incl. VAT
tui-turnover-excl = Turnover excl. VAT
tui-payments = Payments
tui-total = total
tui-chained = opening = prev
tui-chain-broken = chain broken
tui-cash = Cash { $journal }
tui-opening = opening
tui-closing = closing
tui-drawer-opening = drawer { $drawer } opening
tui-drawer-closing = drawer { $drawer } closing
tui-none = none
tui-corrections = corr. { $amount }
tui-invoices-title = Invoices · { $open } open · { $paid } paid · { $ignored } ignored
tui-no-invoices = no invoices in the register
tui-help-title = Keys and marks
filter-problem = problem
filter-overdue = overdue
tui-error = error: { $reason }
tui-confirming = confirming { $count } { $count ->
        [one] day
       *[other] days
    }…
tui-confirm-cancelled = batch confirm cancelled
tui-edit-cancelled = edit cancelled
tui-reason-required = a reason is required
tui-no-other-problem = no other problem day
tui-already = { $date } is already { $status }
tui-cannot-approve = cannot approve { $date }: { $reason }
tui-closed-no-edits = { $date } is { $status }: closed dates take no edits (R11)
tui-no-line = no line to edit on this day
tui-nothing-to-map = nothing to map on this day
tui-no-drift = { $date } has no drift
tui-open-invoices-first = open the invoice register first
tui-invoice-already-ignored = invoice { $id } is already ignored
tui-no-invoice = no invoice selected
tui-keymap-problems = keymap: { $problem } ({ $count } { $count ->
    [one] problem
   *[other] problems
  }; defaults used there)
tui-waiting = waiting for { $holder } …
tui-stale = { $date } of { $book } changed since you looked at it (another reviewer, a sync or a command): nothing was done; the screen shows it as it is now
tui-confirmed = confirmed { $count } { $count ->
        [one] day
       *[other] days
    }
tui-edited = edited { $code } on { $date } to { $amount }
invoice-ignored-done = invoice { $id } ignored

## The drill-down: one line per document
drill-ticket = ticket { $id } { $amount } paid { $paid }
drill-refund = refund { $id } { $amount } paid { $paid }
drill-tip = tip { $amount }
drill-prepaid = prepaid { $amount }
drill-prepayment = prepayment { $id } on order { $order } { $amount } paid { $paid }
drill-invoice-payment = invoice payment { $id } for { $invoice } { $amount } paid { $paid }
drill-open-count = opening count
drill-close-count = closing count
drill-cash-in = cash put in
drill-expense = expense paid in cash
drill-bank-deposit = cash to the bank
drill-cash = { $what } { $id } drawer { $drawer } { $amount }
drill-invoice = invoice { $id } to { $debtor } { $amount }
drill-void = void of { $id }

## Help: what each action of the keymap does
action-next_day = Next day
action-previous_day = Previous day
action-first_day = First day
action-last_day = Last day
action-next_problem = Next problem day
action-previous_problem = Previous problem day
action-approve_day = Approve (confirm) the selected day
action-edit_line = Edit the selected line inline
action-map_code = Map an unmapped VAT group or method (or add one)
action-mark_day = Mark or unmark the day, then go to the next
action-confirm_marked = Confirm the marked days, or all valid
action-reopen_day = Reopen the last confirmed day
action-resolve_drift = Book the drift of the day as a correction
action-sync_now = Sync now
action-invoices = Show or hide the invoice register
action-ignore_invoice = Ignore the selected invoice (asks a reason)
action-filter = Filter the days
action-toggle_vat = Show amounts incl. or excl. VAT
action-next_pane = Switch pane
action-drill_down = Show the tickets of the day
action-back = Back
action-help = Help
action-quit = Quit

## The command line
error = error: { $reason }
warning = warning: { $text }
problem = problem: { $text }
not-a-date = not a date like 2026-03-15
word-documents = documents
word-never = never
lock-waiting = waiting for { $holder } to finish with the store …
config-valid = { $file }: valid
unknown-source = unknown source { $source }
login-not-lightspeed = source { $source } is of kind { $kind }: login is for lightspeed sources
import-no-file-source = no source of kind "file"; name one with --source
import-several-file-sources = several sources of kind "file" ({ $sources }); name one with --source
import-done = { $file }: { $new } new, { $changed } changed, { $unchanged } unchanged, { $voided } voided (batch { $batch })
import-immediate = confirmed { $count } { $count ->
        [one] day
       *[other] days
    } by the immediate mode
import-debtors = { $count } new { $count ->
        [one] debtor
       *[other] debtors
    } in the invoice register
counts = { $new } new, { $changed } changed, { $unchanged } unchanged, { $voided } voided
batch-not-committed = not committed: nothing of it counts
col-date = date
col-book = book
col-status = status
col-turnover = turnover
col-payments = payments
col-cash = cash
col-blockers = blockers
col-invoice = invoice
col-booking = booking
col-debtor = debtor
col-name = name
col-incl = incl.
col-paid = paid
days-open-balances = open prepayments { $prepaid } · open vouchers { $vouchers } (at { $date })
export-nothing = nothing to export
invoice-booking-date = booking date { $date } for { $count } { $count ->
        [one] invoice
       *[other] invoices
    }
invoice-ignored-by = { $date } by { $author }: { $reason }
edited = edited { $date } of { $book }: { $lines }
confirmed-through = confirmed { $count } { $count ->
        [one] day
       *[other] days
    }, { $first } through { $last }
confirm-nothing = nothing to confirm
map-usage = { $mapping }: expected vat:POSCODE=CATEGORY or method:POSCODE=METHOD
centralised = centralised { $count } { $count ->
        [one] day
       *[other] days
    }
notify-none = no [[notify]] entry in the config
notify-sent = { $label }: sent; the server said: { $said }
notify-not-sent = { $label }: not sent: { $reason }
check-ok = check: ok ({ $count } { $count ->
        [one] warning
       *[other] warnings
    })
check-problems = check: { $count } { $count ->
        [one] problem
       *[other] problems
    }
dossier-demo-building = building the demo dossier in { $dir } …
dossier-demo-config = dagkas demo makes its own dossier and writes its config in { $dir }; it does not read { $file } (choose where with --data)
dossier-demo-ready = demo ready: { $command }
log-notify = notify
log-failed = failed
log-source-documents = source { $source } { $documents } { $documents ->
    [one] document
   *[other] documents
  }, { $per_day } per day
log-source-success = source { $source } last success { $at } · { $failures } failed { $failures ->
        [one] run
       *[other] runs
    }
sync-could-not-start = the run could not start (exit { $code }); trying again

## Refusals and warnings of the workflow
word-vat-category = VAT category
word-payment-method = payment method
word-receipts-part = turnover
word-payments-part = payment
word-none-yet = none yet
refuse-before-start = { $date } is before the start of day book { $book } ({ $start })
refuse-not-a-day = { $date } is not a day of { $book }
warn-after-last-sale = { $book }: { $count } { $count ->
        [one] day
       *[other] days
    } confirmed after the last day with POS documents ({ $last }); if this machine's clock ({ $today }) is ahead, reopen them when it is right
refuse-edit-reason = an edit needs a reason
refuse-closed-edit = { $date } of { $book } is { $status }: a closed date takes no edits (R11); reopen it or book a correction on an open day
refuse-unknown-code = unknown { $what } { $code }
refuse-part-confirmed = the { $part } part of { $date } is already confirmed (R4, R11)
refuse-manual-blocked = day book { $book } blocks manual turnover lines (manual_receipts = "block"): { $code } has no POS line on { $date }; only corrections of existing lines are allowed
refuse-clock-behind = { $date } of { $book } is confirmed, but by this machine's clock today is { $today }: the clock is behind (or was ahead when { $date } was confirmed); set the clock right before changing the book
refuse-has-ended = { $date } of { $book } has ended by this machine's clock (today is { $today }): reopen it without --clock-was-ahead
refuse-reopen-reason = reopening needs a reason
refuse-not-confirmed = { $date } of { $book } is not confirmed
refuse-centralised = { $date } of { $book } is centralised: centralised days are locked for good (R9)
refuse-not-last = only the last confirmed day of { $book } can be reopened (R9): that is { $last }
refuse-no-drift = { $date } of { $book } has no drift to resolve
resolved-reopened = reopened { $date }: it is the last confirmed day
refuse-no-open-day = no open day after { $date } to book the correction on
refuse-no-figures = { $date } has no confirmed figures
refuse-partly-confirmed = { $date } is partly confirmed: a correction cannot be dated on it (R11)
resolved-booked = booked the correction on { $date }
stop-not-confirmed = not confirmed
refuse-mapping-kind = unknown mapping kind { $kind }; expected vat or method
bad-input = { $count } bad { $count ->
        [one] line
       *[other] lines
    }; nothing was imported
bad-lines = { $count } bad { $count ->
        [one] line
       *[other] lines
    }
disk-full = the disk is full (or a file size limit was reached): { $reason }; nothing was changed

## Sync runs
sync-immediate = { $count } { $count ->
        [one] day
       *[other] days
    } confirmed by the immediate mode
sync-no-source = no source to sync
sync-done = sync done: { $parts }
sync-no-path = { $source }: no path (use dagkas import)
sync-moved-meanwhile = { $source }: another run stored what came meanwhile; nothing stored, the next run asks from there
sync-config-changed = the config changed while the POS was asked; nothing stored, the next run asks again
sync-ignored = { $count } ignored
sync-more-ignored = { $count } more in the audit log

## Config problems (file:line: field: message)
cfg-missing-what-send-import = missing: what to send, e.g. ["import", "turnover", "alerts"]
cfg-not-import-turnover-or = { $other } is not import, turnover or alerts
cfg-not-duration-30m-6h = { $d } is not a duration like 30m, 6h or 2d
cfg-expected-whole-number-runs = expected a whole number of runs, 1 or more
cfg-secret-never-goes-config = a secret never goes in the config: name an environment variable with password_env / secret_env
cfg-not-mail-address = { $a } is not an e-mail address
cfg-missing-who-receives-boekhouding = missing: who receives it, e.g. ["boekhouding@example.be"]
cfg-missing-sender-s-address = missing: the sender's address
cfg-not-server-smtp-example = { $hp } is not a server like smtp.example.be:587
cfg-missing-smtp-server-smtp = missing: the SMTP server, e.g. smtp.example.be:587
cfg-plain-smtp-only-server = plain SMTP only to a server on this machine (127.0.0.1); use starttls or tls
cfg-not-starttls-tls-or = { $other } is not starttls, tls or none
cfg-missing-https-address-post = missing: the https address to post to
cfg-not-email-or-webhook = { $c } is not email or webhook
cfg-missing-email-or-webhook = missing: email or webhook
cfg-unknown-field-expected-one = unknown field; expected one of: { $known }
cfg-bytes-long-at-most = { $s_count } { $s_count ->
    [one] byte
   *[other] bytes
  } long; at most { $MAX_VALUE }
cfg-expected-text-value = expected a text value
cfg-must-not-be-empty = must not be empty
cfg-missing-required-field = missing required field
cfg-expected-true-or-false = expected true or false
cfg-outside-every-day-from = { $d } is outside { $EARLIEST } … { $LATEST }: every day from a book's start is built, so a date like this is a typing error
cfg-not-date-2026-03 = { $s } is not a date like 2026-03-01
cfg-rate-neither-percentage-21 = rate { $s } is neither a percentage like "21" nor "NA"
cfg-expected-list-texts = expected a list of texts
cfg-expected-list-1-3 = expected a list like ["1", "3"]
cfg-expected-tables = expected [[{ $key }]] tables
cfg-write-as-list-tables = write it as [[{ $key }]], a list of tables
cfg-expected-dossier-table = expected a [dossier] table
cfg-missing-dossier-section = missing [dossier] section
cfg-rounding-method-never-cash = a rounding method is never cash (R17)
cfg-not-one = { $l } is not one of { $languages }
cfg-unknown-timezone = unknown timezone { $tz }
cfg-not-time-04-00 = { $c } is not a time like 04:00
cfg-not-iso-3166-code = { $c } is not an ISO 3166 code like BE or NL
cfg-not-iso-4217-code = { $c } is not an ISO 4217 code like EUR
cfg-expected-list = expected a list like [{"{"} from = "2027-01-01", rate = "9" {"}"}]
cfg-expected = expected {"{"} from = "2027-01-01", rate = "9" {"}"}
cfg-needs-both-from-and = needs both from and rate
cfg-unknown-kind-expected-mplus = unknown kind { $other }; expected mplus, lightspeed, file or demo
cfg-secret-written-config-file = a secret is written in the config file; remove it and use { $key }_env (an environment variable) or { $key }_file (a 0600 file)
cfg-unknown-field-for-source = unknown field for a { $kind } source; expected one of: name, kind, interval, { $known }
cfg-missing-required-field-for = missing required field for a { $kind } source
cfg-mplus-source-needs-secret = an mplus source needs secret_env or secret_file
cfg-lightspeed-source-needs-client = a lightspeed source needs client_secret_env or client_secret_file
cfg-expected-mplus-or-lightspeed = expected mplus or lightspeed
cfg-not-duration-15m-1h = { $s } is not a duration like 15m, 1h or 90s
cfg-expected-immediate-or-proposal = expected immediate or proposal
cfg-expected-allow-or-block = expected allow or block
cfg-with-sync-payments-false = with sync_payments = false the payments are entered by a person: payments must be "proposal"
cfg-expected-number-days-0 = expected a number of days ≥ 0
cfg-expected-number-days = expected a number of days
cfg-expected-all-or-list = expected "all" or a list like ["1", "3"]
cfg-expected-subtract-from-cash = expected "subtract_from_cash" or {"{"} category = "FOOI" {"}"}
cfg-expected-category-code = expected a category code
cfg-expected-daybook-vat-map = expected a [daybook.vat_map] table
cfg-expected-daybook-payment-map = expected a [daybook.payment_map] table
cfg-expected-method-code-ignore = expected a method code, "ignore" or {"{"} method = "OVS", ignore_on_invoice = true {"}"}
cfg-needs-at-least-one = needs at least one drawer (["0"] when drawers are not used)
cfg-one-amount-for-drawers = one amount for { $drawers_count } drawers: it opens drawer { $drawers_first }, the others open at 0.00; write it per drawer to be explicit
cfg-drawer-not-drawers = drawer { $drawer } is not in drawers
cfg-expected-amount-200-00 = expected an amount like "200.00"
cfg-expected-amount-250-00 = expected an amount like "250.00" (a text, not a number)
cfg-drawer-opens-negative-cash = drawer { $d } opens negative; a cash balance is never negative (R6)
cfg-category-code = category code
cfg-method-code = method code
cfg-source-name = source name
cfg-day-book-code = day book code
cfg-cash-journal-listed-twice = cash journal (listed twice in this dossier)
cfg-unknown-source = unknown source { $source }
cfg-unknown-vat-category = unknown VAT category { $code }
cfg-unknown-payment-method = unknown payment method { $code }
cfg-method-books-one-instance = method { $code } books one instance per invoice: set multiple = true on it
cfg-unknown-day-book = unknown day book { $daybook }
cfg-drawer-already-cash-journal = drawer { $d } is already in cash journal { $other } of the same currency { $currency }
cfg-cash-method-books-but = cash method { $code } books on { $account } but cash journal { $code2 } on { $account2 }: cash is posted once, on the cash journal's account
cfg-used-twice-first = { $what } { $code } used twice (first in { $section }[{ $first }])
severity-error = error
severity-warning = warning
config-too-large = the config is larger than { $kib } KiB; a dossier's config is a few KiB
config-not-utf8 = not UTF-8 text (at byte { $byte })
config-unreadable = cannot read the config: { $reason }
secret-file = secret file { $file }: { $reason }
secret-file-open = secret file { $file } is readable by others (mode { $mode }); chmod 600 it
secret-env-unset = the environment variable { $var } is not set
secret-none = no secret configured

## Errors and refusals of the store, documents, connectors and notifications
audit-entry-claims-number = entry { $seq } claims number { $seq2 }
audit-entry-does-not-follow = entry { $seq } does not follow entry { $previous }: previous hash differs
audit-entry-missing-next = entry { $expected } is missing (next is { $seq })
audit-entry-unreadable = entry { $seq } is unreadable ({ $err })
audit-entry-was-changed-after = entry { $seq } ({ $action }) was changed after it was written: its hash does not match
audit-head-audit-log-unreadable = the head of the audit log is unreadable
audit-log-ends-at-entry = the log ends at entry { $last } but its head names entry { $seq }: entries were removed
audit-unreadable-entry = unreadable entry
chk-audit-entry = audit entry { $seq }: { $message }
doc-amount-never-negative-kind = a { $kind } amount is never negative (the kind gives the direction)
doc-bytes-long-at-most = `{ $field }` is { $v_count } { $v_count ->
    [one] byte
   *[other] bytes
  } long; at most { $max }
doc-does-not-balance-lines = does not balance: lines { $lines } + tip { $tip } ≠ payments { $payments } + prepaid { $prepaid }
doc-empty-id = empty id
doc-expense-needs-its-counterpart = an expense needs its counterpart `account`
doc-field-type-must-be = field `type` must be a text
doc-invalid-utf-8-at = invalid UTF-8 at byte { $byte }
doc-invoice-without-lines = an invoice without lines
doc-missing-field-type = missing field `type`
doc-payment-currency-and-foreign = payment { $method }: `currency` and `foreign_amount` go together (R18)
doc-payment-currency-not-iso = payment { $method }: currency { $c } is not an ISO 4217 code
doc-payment-with-empty-method = payment with an empty method
doc-prepaid-without-order-was = `prepaid` without the `order` it was paid on
doc-time-not-rfc-3339 = time { $text } is not RFC 3339 with an offset, like 2026-03-02T09:15:00+01:00
doc-type-not-first-field = `type` is not the first field
doc-unknown-document-type = unknown document type { $other }
doc-unknown-document-type-expected = unknown document type { $kind }; expected ticket, void, order_payment, invoice, invoice_payment or cash
file-byte-order-mark-bom = a byte-order mark (BOM) in the middle of the file; only the first line may start with one
file-line-longer-than-mib = the line is longer than { $mib } MiB; the file is refused and was not read further
inv-ignoring-invoice-needs-reason = ignoring an invoice needs a reason
inv-invoice-already-ignored = invoice { $id } is already ignored
inv-no-invoice-register = no invoice { $id } in the register
inv-no-invoice-register-2 = no invoice { $missing } in the register
json-key-appears-twice-one = the key `{ $key }` appears twice in one object
keymap-empty = `on` is empty
keymap-key-or-list-keys = `on` is a key or a list of keys
keymap-lists-keys-as-texts = `on` lists keys as texts
keymap-unknown-action = unknown action { $run }
keymap-unknown-key = unknown key { $s }
led-and-more = … and { $count } more
led-config-changes-days-that = the config changes days that are confirmed, which never change silently:{"\u000A"}  { $shown }{ $more }{"\u000A"}Undo the change, or make it apply from a date after the last confirmed day (a category's `rates = [{"{"} from = "…", rate = "…" {"}"}]`, a new code for new days); to change a confirmed day, put the config back, reopen the day (R9), then change it.
led-dagkas-today-not-date = DAGKAS_TODAY={ $s } is not a date like 2026-03-15
led-unknown-day-book = unknown day book { $code }
ntf-environment-variable-not-set = the environment variable { $var } is not set
ntf-message-could-not-be = the message could not be built: { $e }
ntf-webhook-answered-http = webhook answered HTTP { $status }
ntf-webhook-answered-http-redirect = webhook answered HTTP { $status } (a redirect): refused
store-bad-version-header = bad version header
store-data-dir-cannot-be = the data dir cannot be written (a full disk or a read-only disk): reading a private copy; nothing can be changed
store-date-index-key-wrong = a date index key of the wrong length
store-disk-full-or-file = the disk is full (or a file size limit was reached) while writing the store; what was being written does not count, the store is as before it
store-write-failed-before = an earlier write to the store failed in this run (a full disk?): nothing more is written until dagkas is started again; what failed does not count
store-left-open = the store could not be closed after a failed write; its next opening recovers it as it was after its last whole batch
store-no-kind = no kind
store-store-cannot-be-written = the store cannot be written (read-only disk or no permission); nothing was changed
store-store-error = store error: { $io }
store-store-error-2 = store error: { $other }
store-truncated-date-index-page = a truncated date index page
store-truncated-id-bucket = a truncated bucket of the id index
store-truncated-id-run = a truncated run of the id index
store-truncated-id-filter = a damaged filter of the id index
store-kind-key-without-batch = a key of the invoice register's index without its batch
store-id-index-points-nowhere = the id index places it on { $date } in batch { $batch }, whose date index page does not hold it
store-undated-document = a document without a business date cannot be stored
store-unknown-kind = unknown kind { $kind }
syn-dagkas-logged-you-can = dagkas is logged in; you can close this window.
syn-demo-sync-stopped-unexpectedly = the demo sync stopped unexpectedly
syn-logged-refresh-token-0600 = logged in: the refresh token is in { $file } (0600)
syn-no-authorization-arrived-within = no authorization arrived within 5 minutes
syn-open-this-address-browser = Open this address in a browser and allow access:{"\u000A"}{ $url }{"\u000A"}Waiting for the redirect to { $redirect } (or paste the code and press Enter) …
syn-source-no-refresh-token = source { $name }: no refresh token: set { $var } or run dagkas login { $name2 }
syn-source-not-logged-run = source { $name }: not logged in; run dagkas login { $name2 }
syn-source-nothing-was-stored = source { $name }: { $e }; nothing was stored, the next run starts from the same point
syn-source-unknown-demo-protocol = source { $name }: unknown demo protocol { $other }
syn-this-not-answer-dagkas = This is not the answer dagkas waits for.
url-page-address-that-not = a page address that is not a URL was refused
url-page-another-origin-was = a page on another origin ({ $origin }) was refused: the token is only sent to { $base }

## The check
chk-config-disagrees-with-what = { $c } (the config disagrees with what the day was confirmed with)
chk-confirmed-but-by-this = { $code } { $d }: confirmed, but by this machine's clock today is { $today } and the day has not ended (R5); the clock is behind, or was ahead when it was confirmed
chk-confirmed-while-day-before = { $here }: confirmed while the day before is not (R5)
chk-confirmed-without-its-confirmed = { $here }: confirmed without its confirmed figures
chk-cash-journal-opens-at = { $here }: cash journal { $journal } opens at { $opening } but the day before closed otherwise (R5)
chk-cash-journal-goes-negative = { $here }: cash journal { $journal } goes negative at { $time } { $document } (R6)
chk-cash-journal-closes-at = { $here }: cash journal { $journal } closes at { $closing } but { $confirmed } was confirmed
chk-stored-totals-differ-from = { $here }: stored totals { $turnover }/{ $payments } differ from the book { $book_turnover }/{ $book_payments }
chk-document-batch-missing-from = { $here }: document { $id } (batch { $version }) is missing from the store
chk-confirmed-figures-differ-from = { $here }: the confirmed figures differ from a recomputation from the stored documents
chk-cash-journal-went-negative = { $here }: cash journal { $journal } went negative in its confirmed figures (R6)
chk-proposal-older-than-day = { $code } { $date }: proposal older than { $overdue_days } { $overdue_days ->
        [one] day
       *[other] days
    } is not in the book yet

## dagkas init
init-exists-replace = { $config_path } exists. Replace it
init-kept-as-was-nothing = { $config_path } is kept as it was; nothing was written
init-dossier-company-name = Dossier (the company's name)
init-mijn-winkel = My shop
init-dagkas-today-not-date = DAGKAS_TODAY={ $t } is not a date
init-pos-mplus-lightspeed-or = POS (mplus, lightspeed or file)
init-days-read-from-pos = Days to read from the POS
init-number-days-not-whole = the number of days is not a whole number
init-unknown-pos-mplus-lightspeed = unknown POS { $other }: mplus, lightspeed or file
init-register-tickets-looks-web = Register { $r } ({ $count } { $count ->
    [one] ticket
   *[other] tickets
  }, { $amount }) looks like a web shop. Leave its sales out
init-first-day-day-book = First day of the day book
init-first-day-not-date = the first day is not a date like 2026-03-01
init-cash-drawer-at-start = Cash in the drawer at the start of that day
init-opening-cash-not-amount = the opening cash is not an amount like 150.00
init-proposed-config-not-valid = the proposed config is not valid:{"\u000A"}{ $shown }
init-not-mapped-yet-their = not mapped yet (their days wait for you, R12): { $count ->
    [one] VAT group
   *[other] VAT groups
  } { $groups }
init-run-first-sync-now = Run the first sync now
init-read-from-documents = {"\u000A"}Read from { $read_from }: { $documents } { $documents ->
    [one] document
   *[other] documents
  }.
init-payment-methods = Payment methods
init-map-expected-vat-code = --map { $m }: expected vat:CODE=CATEGORY or method:CODE=METHOD
init-map-category-not-one = --map { $m }: category { $target } is not one of { $known }
init-map-each-vat-group = Map each VAT group to a rate (21, 12, 9, 6, 0) or a category ({ $categories } or ignore; ? leaves it to the review screen):
init-map-each-payment-method = Map each payment method (a code of the proposal such as CASH, BC, MAESTRO, PAYCONIQ, MAALTIJD, VVV, a new code, or ignore):
init-set-environment-variable-secret = set the environment variable { $var } to the secret first (it never goes into the config)
init-environment-variable-with-mpluskassa = Environment variable with the MplusKASSA secret
init-mpluskassa-needs-its-api = MplusKASSA needs its API address and ident
init-lightspeed-account-id = Lightspeed account id
init-lightspeed-client-id = Lightspeed client id
init-environment-variable-with-client = Environment variable with the client secret
init-lightspeed-needs-account-id = Lightspeed needs the account id and the client id
init-lightspeed-account-since = Lightspeed account { $account_id } since { $from }
init-jsonl-file-pos-documents = The JSONL file of POS documents (its format: RULES.md)
init-file-source-needs-file = the file source needs a file
init-file-has-bad-lines = the file has bad lines; fix them first:{"\u000A"}{ $bad }
init-next-dagkas-config-data = next: dagkas --config { $config_path } --data { $data_dir }   (the review screen)

## Connectors and the store's records
pos-authorization-was-refused-run = the authorization was refused; run dagkas login again
pos-bad-time-day = bad time of day
pos-empty-timestamp = empty timestamp
pos-invalid-xml-at-byte = invalid XML at byte { $byte }: { $e }
pos-invoice-payment-without-paymentid = invoice payment without paymentId
pos-invoice-without-financialdate = invoice without financialDate
pos-invoice-without-invoiceid = invoice without invoiceId
pos-lightspeed-request = a Lightspeed request
pos-missing-entrytimestamp = missing entryTimestamp
pos-more-than-one-root = more than one root element
pos-not-date = { $y }-{ $m }-{ $d } is not a date
pos-not-number = { $key } { $t } is not a number
pos-not-whole-number = { $name } is not a whole number
pos-order-payment-without-entrytimestamp = order payment without entryTimestamp
pos-order-payment-without-paymentid = order payment without paymentId
pos-order-without-orderid = order without orderId
pos-pages-never-end = the pages never end
pos-payment-without-method = payment without method
pos-receipt-without-receiptid = receipt without receiptId
pos-sale-not-time = sale { $id }: { $key } { $t } is not a time
pos-sale-payment-without-type = sale { $id }: payment without type
pos-sale-without-saleid = sale without saleID
pos-sync-markers-went-backwards = { $op }: sync markers went backwards
pos-time-that-does-not = a time that does not exist in the timezone
pos-token-answer-broke-off = token answer broke off ({ $reason })
pos-token-answer-not-json = token answer is not JSON
pos-token-answer-without-access = token answer without access_token and refresh_token
pos-vatgroup-without-vatcode = vatGroup without vatCode
pos-without-syncmarker = { $op }: a { $item } without syncMarker
pos-xml-nested-too-deep = XML nested too deep
store-amount-tag = an amount tag of { $b }
store-bytes-after-document = { $bytes } { $bytes ->
    [one] byte
   *[other] bytes
  } after the document
store-damaged-amount = a damaged amount
store-day-number = a day number of { $days }
store-flag-byte = a flag byte of { $b }
store-length-that-does-not = a length that does not end
store-list-bytes = a list of { $n } in { $bytes } { $bytes ->
    [one] byte
   *[other] bytes
  }
store-negative-nanoseconds = negative nanoseconds
store-record-cut-short = the record is cut short
store-text-that-not-utf = a text that is not UTF-8
store-time = a time of { $secs } s
store-unknown-cash-kind = an unknown cash kind
store-unknown-document-kind = an unknown document kind { $k }
store-utc-offset = a UTC offset of { $offset } s
store-in-use = store in use: { $dir } stayed busy with another dagkas process for longer than DAGKAS_LOCK_WAIT (600 s by default); try again later
store-newer-schema = the store in { $dir } was written by a newer dagkas (schema { $found }, this one reads { $schema }); upgrade dagkas
store-cannot-open = cannot open the store in { $dir }: { $reason }
store-corrupt = store holds an unreadable record under { $key }: { $message }
pos-err-config = configuration: { $reason }
pos-err-transport = could not reach the POS server: { $reason }
pos-err-http = the POS server answered HTTP { $status } to { $call }
pos-err-fault = the POS server refused the call: { $code }: { $message }
pos-err-invalid = the POS server's answer is unusable: { $reason }
pos-err-too-large = the POS server's answer is larger than { $mib } MiB; refused
pos-err-redirect = the POS server redirected the call elsewhere (HTTP { $status }); redirects are refused
pos-answer-timeout = the answer did not arrive in time (timeout while reading it)
pos-answer-broke-off = the answer broke off ({ $reason })
pos-answer-not-utf8 = the answer is not UTF-8
pos-sale-without = sale { $id } without { $key }

## The command line's help (the English ones are the help texts of src/cli.rs)
cli-cmd-dagkas = Day-receipt book and cash book from point-of-sale data
cli-arg-dagkas-config = The dossier config (default: $DAGKAS_CONFIG, else the XDG config dir)
cli-arg-dagkas-data = The data dir holding the store (default: $DAGKAS_DATA, else the XDG data dir)
cli-cmd-tui = The review TUI (also what plain `dagkas` opens)
cli-cmd-init = Set up a dossier from what the POS shows: asks (or takes flags), reads the last days without storing them, proposes a mapping for every code and writes dagkas.toml
cli-arg-init-dossier = The dossier's name (the company)
cli-arg-init-pos = The POS: mplus, lightspeed or file
cli-arg-init-url = MplusKASSA: the API address (https://…:PORT)
cli-arg-init-ident = MplusKASSA: the ident
cli-arg-init-secret-env = MplusKASSA: the environment variable holding the secret
cli-arg-init-account-id = Lightspeed: the account id
cli-arg-init-client-id = Lightspeed: the OAuth client id
cli-arg-init-client-secret-env = Lightspeed: the environment variable holding the client secret
cli-arg-init-refresh-token-env = Lightspeed: an environment variable holding a refresh token (else a login in the browser)
cli-arg-init-api-url = Lightspeed: the API and token addresses (a local test server)
cli-arg-init-path = A JSONL file of §3 documents (the `file` source)
cli-arg-init-days = How many days back to read from the POS
cli-arg-init-start = The first day of the day book (default: the first day read)
cli-arg-init-maps = A mapping that overrides the proposal: vat:CODE=CATEGORY or method:CODE=METHOD (CATEGORY/METHOD may be `ignore`); repeatable
cli-arg-init-yes = Accept every proposal without asking
cli-arg-init-force = Overwrite an existing config without asking
cli-arg-init-sync = Run the first sync when the config is written (asked otherwise)
cli-arg-init-no-sync = Do not run the first sync
cli-cmd-completions = Shell completions for bash, zsh or fish, on standard output
cli-cmd-man = Manual pages (dagkas.1 and one per command) into a directory, or dagkas.1 on standard output
cli-cmd-demo = A ready demo dossier: a generated shop with problem days, opened in the TUI
cli-arg-demo-no-tui = Build the dossier only; do not open the TUI
cli-cmd-login = OAuth2 login for a Lightspeed source; the refresh token goes to a 0600 file
cli-cmd-sync = Pull every source since its cursor, every interval, until stopped
cli-arg-sync-once = One run, then stop
cli-arg-sync-log = Show past runs
cli-cmd-import = Load POS documents (JSONL, its format in RULES.md) as documents of a source
cli-arg-import-source = The source (default: the only source of kind `file`)
cli-cmd-days = List days with status, totals and blockers
cli-arg-days-book = Only this day book
cli-cmd-edit = Edit a line of a proposed day (R8)
cli-arg-edit-sets = KIND:CODE=AMOUNT, KIND = turnover or payment; repeatable
cli-arg-edit-author = Who does this (default: the OS user)
cli-cmd-confirm = Confirm the longest valid run of days through DATE (R5, R7)
cli-arg-confirm-author = Who does this (default: the OS user)
cli-cmd-reopen = Reopen the last confirmed day of a book (R9)
cli-arg-reopen-clock-was-ahead = The day was confirmed while this machine's clock was ahead: reopen it although it has not ended by the clock as it is now
cli-arg-reopen-author = Who does this (default: the OS user)
cli-cmd-resolve = Book the drift of a confirmed day as a correction (R10)
cli-arg-resolve-author = Who does this (default: the OS user)
cli-cmd-map = Map a POS VAT group or payment method (R12)
cli-arg-map-mapping = vat:POSCODE=CATEGORY or method:POSCODE=METHOD (or =ignore)
cli-arg-map-author = Who does this (default: the OS user)
cli-cmd-invoices = The invoice register (R21)
cli-cmd-invoices-ignore = Move an invoice to the ignored list (kept, with who, when and why)
cli-arg-invoices-ignore-author = Who does this (default: the OS user)
cli-cmd-invoices-date = Override the booking date of one or more invoices
cli-arg-invoices-date-author = Who does this (default: the OS user)
cli-cmd-centralise = Mark confirmed days through DATE as centralised (R20)
cli-arg-centralise-author = Who does this (default: the OS user)
cli-cmd-gen = Synthetic documents for benchmarks and demos (deterministic per seed)
cli-arg-gen-start = The first date (default: DAGKAS_TODAY or today, minus DAYS)
cli-cmd-bench = Measure speed and memory on generated data, beside hledger; prints a table
cli-arg-bench-out = Write the figures as JSON here
cli-arg-bench-years = Measure shops of these ages (years, 100 000 documents a year, e.g. `1,5,10`) and print how each figure grows with the history; replaces --docs and --days
cli-arg-bench-keep = Keep the generated shop (config, documents, store) in this directory, to try it by hand: `dagkas --config DIR/dagkas.toml --data DIR/store`
cli-cmd-export = Export the book
cli-arg-export-with-invoices = csv: add the invoice register as rows of book `invoices`, kind `invoice`
cli-cmd-check = Check chains, balances, never-negative, the audit chain and stored totals
cli-cmd-config = Config commands
cli-cmd-config-validate = Report every problem of the config with file, line and field
cli-cmd-notify = Notifications (`[[notify]]` in the config)
cli-cmd-notify-test = Send one test message per channel and show what each server said
cli-cmd-audit = Show the audit log
pg-not-a-url = not a PostgreSQL URL: write postgresql://USER@HOST:PORT/DATABASE
pg-bad-url = not a usable PostgreSQL URL: { $reason }
pg-bad-schema = { $schema } is not a schema name dagkas uses: lower-case letters, digits and _, at most 63, not starting with a digit or pg_
pg-cannot-connect = cannot reach the database ({ $target }): { $reason }
pg-bad-root-cert = the certificate authorities in { $file } (sslrootcert) cannot be read: { $reason }
pg-tls-hint = the server's certificate was not accepted: name its authority with `sslrootcert=FILE` in the URL
pg-connection-lost = the connection to the server was lost
pg-error = the database ({ $target }) failed: { $reason }; nothing of the unfinished change was kept
cfg-expected-store-table = expected a [store] table
cfg-store-password-in-file = a password never goes in the config: set PGPASSWORD or write it in ~/.pgpass (mode 0600)
tui-store-back = the database is back
cli-cmd-store = Store commands
cli-cmd-store-copy = Copy the dossier's whole store (documents and versions, days, edits, mappings, audit, sync cursors) to an empty PostgreSQL schema or data dir; tokens stay files
cli-arg-store-copy-to = postgresql://USER@HOST:PORT/DATABASE[?schema=NAME], or a data dir
store-copy-target-not-empty = { $target } already holds books: a copy goes only into an empty store (nothing was written)
store-unfinished-copy = { $target } holds a copy that was cut short: run dagkas store copy --to it again (or remove it)
store-copy-same = that is where the dossier's store already is
store-copied = copied { $records } { $records ->
    [one] record
   *[other] records
  } to { $target }
store-copied-use-url = to work there, write in the config's [store]: url = "{ $url }" (or set DAGKAS_STORE_URL); the password stays in PGPASSWORD or ~/.pgpass
store-copied-use-dir = to work there, remove [store] from the config and use --data { $dir }
cli-arg-bench-store = Also import into this PostgreSQL database (a schema of its own, dropped after) and set its figures beside the embedded store's
cli-arg-bench-first-frame = The bench's own measure of a screen's first frame, taken in a fresh process on the dossier of --config and --data: prints milliseconds
amount-ambiguous = amount "{ $text }" could mean { $whole } or { $fraction }: write one of those
amount-other-notation = amount "{ $text }" is not written as this language writes amounts (for example { $example })
blocker-waiting = waiting for its data: source { $source } has not yet had a successful run after this day ended (last successful run { $last })
blocker-waiting-never = waiting for its data: source { $source } has had no successful run yet
blocker-waiting-later-document = waiting for its data: source { $source } is complete for a day once a document of a later day arrived (latest document dated { $last })
cfg-unknown-complete = unknown value { $value }: "imported" (a day is complete as imported) or "later_document" (a day is complete once a document of a later day arrived)
sync-held = { $count } held for a decision
sync-more-held = { $count } more: dagkas held
sync-undated-held = source { $source } sent what cannot be put on a day ({ $documents }): the run stops before it and stores nothing until a person decides (dagkas held leave-out { $source } { $first } --reason …)
held-superseded = the POS sent a version the book can take
blocker-held = held: { $what } { $document } of source { $source } cannot be booked as sent{ $amounts }: { $reason } (decide with dagkas held)
held-amounts = {" "}(turnover { $turnover }, payments { $payments })
held-paid = {" "}(paid { $payments })
held-needs-reason = a decision on a held document needs a reason (--reason)
held-unknown = source { $source } holds no document { $id } (dagkas held lists them)
held-already-decided = { $id } was already decided ({ $choice }, by { $author })
held-not-bookable = { $id } cannot be booked as sent ({ $reason }): leave it out, and enter what it should have been as an edit of its day
held-decided-book = { $what } { $id } booked as sent on { $date }
held-decided-leave-out = { $what } { $id } left out of the book
held-none = nothing is held
col-held-document = document
col-decision = decision
cli-cmd-held = What the POS sent that the book could not take as it was, held on its day until a person decides
cli-arg-held-json = As JSON
cli-cmd-held-book = Book a held document as the POS sent it (R1 shows its day unbalanced until corrected)
cli-arg-held-book-author = Who does this (default: the OS user)
cli-cmd-held-leave-out = Leave a held document out of the book on purpose
cli-arg-held-leave-out-author = Who does this (default: the OS user)
col-reason = reason
pos-unknown-receipt-type = unknown receipt type { $kind }
tui-held = Held for a decision ({ $count })
tui-held-open = open
tui-held-decided = { $choice }
tui-no-held = nothing is held on this day
tui-held-not-bookable = it cannot be booked as sent: leave it out, and enter what it should have been as an edit
tui-held-title = Held { $what } { $id } on { $date }
tui-held-leave-out = leave out
tui-held-book = book as sent
tui-held-book-not = book as sent (not possible)
tui-held-keys = Tab choose · Enter decide · Esc cancel
action-decide_held = Decide on a document held on the day
alert-held = { $book } { $date }: { $source } sent { $document }, which the book cannot take as it is ({ $reason }): decide with dagkas held or the review screen's h.
import-held = { $source }: { $count } { $count ->
    [one] document
   *[other] documents
  } held for a decision
log-source-held = source { $source } { $held } held, { $open } waiting for a decision · data whole through { $whole }
pg-schema-of-another-dossier = schema { $schema } holds the dossier "{ $other }", not "{ $dossier }": give this dossier a schema of its own (schema = "…" under [store]), or, if it is the same dossier renamed, name that schema there
amount-out-of-range = amount "{ $text }" is more than the book takes (at most { $max } either way)
doc-amount-out-of-range = { $field } { $amount } is more than the book takes (at most { $max } either way)
pos-number-out-of-range = { $key } { $t } is out of range for an amount or a rate
led-dagkas-today-out-of-range = DAGKAS_TODAY { $s } is outside { $from } … { $to }
cfg-source-name-chars = a source's name { $name } may hold letters, digits, "-", "_" and "." (not first): it becomes a file name
cfg-bad-timeout = { $value } is not a duration like "30s", "10m" or "1h"
cfg-bad-max-body = { $value } is not a whole number of MiB from 1 to 4096
sync-schedule-lost = the sync schedule is no longer held (the database went away or restarted): no run until it is held again
sync-schedule-again = the sync schedule is held again
tui-sync-stopped = the sync stopped unexpectedly: { $reason } (nothing of it was stored; the screen goes on)
tui-action-stopped = the action stopped unexpectedly: { $reason }
pg-commit-unknown = the database ({ $target }) went away while a change was being committed ({ $reason }), and could not be asked since whether it was: `dagkas audit` shows whether entry { $seq } is there
doc-id-control = id "{ $id }" holds a control character
import-committed-then = batch { $batch } is committed and kept; what follows it failed: { $reason }
sync-connector-stopped = the connector stopped on what the POS sent: { $reason }
cli-arg-held-book-source = The source that sent it
cli-arg-held-book-id = The document's id as the POS gave it (dagkas held lists them)
cli-arg-held-book-reason = Why: kept in the audit log
cli-arg-held-leave-out-source = The source that sent it
cli-arg-held-leave-out-id = The document's id as the POS gave it (dagkas held lists them)
cli-arg-held-leave-out-reason = Why: kept in the audit log
chain-not-laid = the days were not laid out ahead for the next listing ({ $reason }); the change itself is kept, and the next command lays them
config-missing = there is no config here yet. Set up a dossier with `dagkas init` (it asks what it needs), or try the demo shop with `dagkas demo`; `--config FILE` names another config
os-permission-denied = permission denied
os-not-found = no such file or directory
os-is-a-directory = it is a directory
pos-refused = { $address } refused the connection: no POS server listens there (is the address and port right, is it running?)
pos-unreached = { $address }: { $cause }
pos-cause-timeout = no answer in time
pos-cause-name = that name is not found (is the address spelled right?)
pos-cause-not-tls = it does not speak TLS there (http:// instead of https://, or the other way round?)
pos-cause-certificate = its certificate is not accepted: { $reason }
init-map-not-seen = warning: { $m }: the POS showed no { $code } in the days read; the mapping is kept for when it comes
cli-arg-init-opening-cash = The cash in the drawer at the start of the first day, as the screen writes amounts (default: asked; 0.00 with --yes)
blocker-negative-first-day = the cash at the start of this first day is the opening_balance of cash journal { $journal } in the config: set it to what the drawer held (or count the drawer with an open_count)
init-wrote-secrets = wrote the secrets to { $file } (only you can read it): the sync service reads them there
init-secrets-not-written = the secrets were not written to { $file }: { $reason }; the sync service needs them there (VAR=value, chmod 600)
init-secret-multiline = { $var } holds a line break: write it into the secrets file by hand
tui-legend = What the marks mean
tui-legend-proposed = proposed: waits for a person's review
tui-legend-confirmed = confirmed: in the book
tui-legend-centralised = centralised: in the accounting, locked for good (R20)
tui-legend-blocked = a blocker: the book pane says which one
tui-legend-waiting = waiting for its data: cannot be confirmed yet
tui-legend-overdue = overdue: waiting for review too long (R4)
tui-legend-drift = drift: a document changed after confirmation (R10)
tui-legend-marked = marked for a batch confirm (Space)
tui-legend-chain = the cash book opens with the day before's closing (R5)
tui-help-keys = j/k scroll · Esc, ? or q closes
tui-nothing-to-reopen = book { $book } has no confirmed day that is not centralised: nothing to reopen (R9)
tui-resolve-cancelled = the drift was not booked
tui-resolve-title = Book the drift of { $book } { $date }
tui-resolve-what = A correction on the first open day (R10):
tui-resolve-keys = y or Enter books it · n or Esc cancels
tui-amount-takes = "{ $c }" is not part of an amount: the amount takes digits, a comma or point and a minus; Tab goes to the reason
store-key-without-batch = a key too short to name its batch
tui-hint-move = move
tui-hint-problem = problem
tui-hint-approve = approve
tui-hint-edit = edit
tui-hint-confirm = confirm
tui-hint-mark = mark
tui-hint-map = map
tui-hint-held = held
tui-hint-help = help
tui-hint-quit = quit
init-not-an-address = { $a } is not an address like https://api.example.be:44300
init-vat-group-question = { "  " }VAT group { $code } ({ $lines ->
    [one] { $lines } line
   *[other] { $lines } lines
 }, { $amount }): rate or category
init-vat-rate-needed = the rate of this group is not known from the POS: give its rate (21, 12, 9, 6, 0), a category, ignore, or ? to map it later on the review screen
init-vat-answer-not-category = { $a } is neither a rate (21, 12, 9, 6, 0) nor a category
init-method-question = { "  " }method { $name } ({ $payments ->
    [one] { $payments } payment
   *[other] { $payments } payments
 }, { $amount })
config-add-code-taken = { $code } is already in { $file }: choose it from the list, or another code
tui-map-new-category = a new VAT category…
tui-map-new-method = a new payment method…
tui-map-cancelled = Mapping cancelled: nothing changed.
tui-create-for = For { $what } { $code }, added to the config:
tui-create-rate = Rate %
tui-create-code = Code
tui-create-name = Name
tui-create-account = Account
tui-create-keys = Enter next, then add · Tab field · Esc cancel
tui-create-category-title = New VAT category
tui-create-method-title = New payment method
tui-create-field-empty = { $field } is empty
tui-added-and-mapped = { $code } added to { $file }; { $mapped }
syn-login-input-ended = the login ended: the input closed before a code was pasted or the browser came back. Give a refresh token (`--refresh-token-env` with `init`, `refresh_token_env` in the config), or run `dagkas login { $source }` in a terminal and paste the address the browser shows.
cli-arg-init-token-url = Lightspeed: the token address (default: Lightspeed's own)
cli-arg-completions-shell = The shell: bash, zsh or fish
cli-arg-man-out = Write every page into this directory
cli-arg-login-source = The Lightspeed source of the config
cli-arg-import-files = The JSONL files, read in order as one batch
cli-arg-days-from = The first day listed (YYYY-MM-DD)
cli-arg-days-to = The last day listed (YYYY-MM-DD; default yesterday)
cli-arg-days-json = As JSON, every figure of every day
cli-arg-edit-date = The day (YYYY-MM-DD)
cli-arg-edit-book = The day book
cli-arg-edit-reason = Why: kept in the audit log
cli-arg-confirm-through = The last day to confirm (YYYY-MM-DD)
cli-arg-confirm-book = Only this day book (default: every book)
cli-arg-reopen-date = The day (YYYY-MM-DD): the book's last confirmed day
cli-arg-reopen-book = The day book
cli-arg-reopen-reason = Why: kept in the audit log
cli-arg-resolve-date = The confirmed day with drift (YYYY-MM-DD)
cli-arg-resolve-book = The day book
cli-arg-map-book = The day book whose mapping changes
cli-arg-invoices-json = As JSON
cli-arg-invoices-book = Only this day book's invoices
cli-arg-invoices-ignore-id = The invoice's id
cli-arg-invoices-ignore-reason = Why: kept in the audit log
cli-arg-invoices-date-ids = The invoices' ids
cli-arg-invoices-date-date = The booking date (YYYY-MM-DD)
cli-arg-invoices-date-reason = Why: kept in the audit log
cli-arg-centralise-through = The last confirmed day to mark (YYYY-MM-DD)
cli-arg-gen-docs = How many documents
cli-arg-gen-days = Over how many days
cli-arg-gen-branches = How many branches
cli-arg-gen-seed = The seed: the same seed gives the same documents
cli-arg-gen-format = jsonl (documents) or hledger (a journal of the same sales)
cli-arg-gen-out = Write here (default: standard output)
cli-arg-bench-docs = How many documents to generate
cli-arg-bench-days = Over how many days
cli-arg-export-format = csv, hledger, yuki or xaf
cli-arg-export-from = The first day (YYYY-MM-DD; default the first confirmed)
cli-arg-export-to = The last day (YYYY-MM-DD; default the last confirmed)
cli-arg-export-out = Write here (default: standard output)
cli-arg-audit-json = As JSON, one entry per line with its hash
key-space = Space
key-enter = Enter
key-esc = Esc
field-label = { $label }:
cli-usage = Usage:
cli-commands = Commands:
cli-arguments = Arguments:
cli-options = Options:
cli-print-help = Print help
cli-print-version = Print version
cli-error = error:
cli-tip = tip:
cli-more-information = For more information, try '--help'.
tui-vat-groups-incl = VAT groups (incl. VAT)
init-seen-vat-groups = VAT groups
init-seen-branches = Branches
init-seen-registers = Registers
init-seen-none = none
init-seen-drawers = { $count ->
    [one] Cash drawer
   *[other] Cash drawers
  }: { $drawers }
firm-name-it = name the firm's directory: --firm DIR (a folder per dossier, each with its dagkas.toml), or DAGKAS_FIRM
firm-no-dossiers = no dossier in { $dir }: each dossier is a folder with its dagkas.toml
firm-col-dossier = Dossier
firm-col-review = Review
firm-col-overdue = Overdue
firm-col-blocked = Blocked
firm-col-drift = Drift
firm-col-held = Held
firm-col-confirmed = Confirmed to
firm-col-centralised = Centralised to
firm-col-sync = Last sync
firm-cannot-read = cannot be read: { $reason }
firm-no-run-yet = no sync run yet
firm-run-ok = { $at } by { $by }
firm-run-failed = { $at } failed: { $reason }
firm-notifications-waiting = { $count } { $count ->
    [one] notification waiting
   *[other] notifications waiting
  }
cli-cmd-dossiers = The dossiers of a firm side by side, what needs attention first: days to review and overdue, blockers, drift, held documents, the last confirmed and centralised day, each source's last good run
cli-arg-dossiers-firm = The firm's directory: a folder per dossier with its dagkas.toml (default: $DAGKAS_FIRM)
cli-arg-dossiers-json = As JSON, a row per dossier
cli-arg-sync-firm = Serve every dossier of a firm's directory (a folder per dossier) in this one process
cli-arg-sync-parallel = With --firm: how many runs may ask their POS at once
firm-cannot-open = { $name } cannot be read: the list says why
firm-overview-count = { $count ->
    [one] { $count } dossier
   *[other] { $count } dossiers
  }
firm-overview-title = Dossiers, what needs attention first
firm-overview-none = no dossier: a folder per dossier, each with its dagkas.toml
firm-short-review = Revw
firm-short-overdue = Late
firm-short-blocked = Block
firm-short-drift = Drift
firm-short-held = Held
firm-short-confirmed = Confirmed to
firm-sync-failed-short = sync failed
firm-overview-hints = j k move  Enter open  / filter  r reload  ? help  q quit
firm-overview-help-title = The firm's dossiers
firm-overview-help = j k, ↓ ↑    move; g G first, last
    Enter      open the dossier's review screen (q or Esc there comes back)
    /          filter by name or folder; Esc clears it
    r          read the dossiers again (every 10 s by itself)
    q          quit
    Revw: days to review · Late: overdue (R4) · Block: days blocked
    Drift: confirmed days changed since · Held: documents held
    Red: cannot be read, sync failed or blocked · Yellow: late, drift or held
cli-arg-tui-firm = A firm's directory: its dossiers side by side, each opened with Enter (default: $DAGKAS_FIRM)
pg-read-only = the database ({ $target }) lets this role read the dossier but not change it: nothing was changed. A bookkeeper needs INSERT, UPDATE and DELETE on the tables of schema { $schema } (the README gives the GRANT lines)
pg-no-access = this role may not use the dossier's schema { $schema } in the database ({ $target }): ask for USAGE on it, and SELECT to read (the README gives the GRANT lines)

## The config kept in a PostgreSQL dossier (decision 93)
kept-name-the-schema = the address { $address } does not name a dossier: add ?schema=NAME (the dossier's schema)
kept-none = the dossier at { $address } keeps no config yet: save one with `dagkas config load FILE --store { $address }`
kept-name = version { $version } of the config kept at { $address }
kept-file-differs = this dossier keeps its config in its store (version { $version }, saved by { $by } on { $at }), and this config file states the books otherwise, so it is not used. Open the dossier by its address alone (`--store postgresql://…?schema=NAME`), or make the file the same with `dagkas config show`; to change the config, `dagkas config edit` or `dagkas config load FILE`
config-changed-since-read = the config was changed since you read it (version { $version }, by { $by } on { $at }): nothing was saved. Read it again with `dagkas config show` and make your change on it
config-new-text = the new config
config-the-kept = the config kept in the dossier
config-kept-version = saved: version { $version } of the config of { $dossier }
config-written = saved: { $file }
config-unchanged = the config is unchanged: nothing to save
config-load-which-version = this dossier keeps version { $version } of its config: say which version your text was changed from with --over N (the first line `dagkas config show` writes says it), so that a change made meanwhile is not undone
config-no-such-version = there is no version { $version } of the config
config-no-versions = no versions are kept: this dossier's config is { $file }
config-in-force = in force
config-text-kept = your text is kept in { $path }: compare it with `dagkas config show`, then save it with `dagkas config load { $path } --over N`, N the version in force
config-edit-again = Edit it again?
config-editor-failed = the editor ({ $editor }) failed: { $reason }
cli-arg-dagkas-store = A PostgreSQL dossier by its address alone, its config kept in it (postgresql://USER@HOST/DATABASE?schema=NAME)
cli-cmd-config-show = Print the config in force (a kept version with a first line naming it)
cli-arg-config-show-version = An earlier kept version
cli-cmd-config-edit = Change the config in an editor ($VISUAL, $EDITOR, else vi): read as a config and checked against the confirmed days before it is saved, refused when someone changed it meanwhile (your text is kept)
cli-arg-config-edit-author = Who does this (default: the OS user)
cli-cmd-config-load = Save a file as the dossier's config: a PostgreSQL dossier keeps it in its store as a new version; a data dir's dossier in its config file
cli-arg-config-load-file = The config text (from `dagkas config show`, or written by hand)
cli-arg-config-load-over = The kept version the text was changed from (default: the one its first line names)
cli-arg-config-load-author = Who does this (default: the OS user)
cli-cmd-config-versions = The kept versions of the config: who saved each and when
cli-arg-bench-firm = Measure a firm of N dossiers of one year each: its list, the overview's first frame and one round of its service; replaces --docs and --days
cli-arg-bench-overview-frame = The bench's own measure of the firm overview's first frame with its rows, taken in a fresh process: prints milliseconds
kept-no-dossier = there is no dossier at { $target }: check the schema's name (`dagkas dossiers --firm` with the database's address lists them), or load a config to make one there with `dagkas config load FILE --store ADDRESS`
config-file-changed-since-read = the config was changed since you read it ({ $file }): nothing was saved. Read it again and make your change on it
