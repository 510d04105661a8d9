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
import-day = { $date }: { $count } document(s)
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
alert-failing = { $source } failed { $count } times in a row: { $reason }
alert-overdue = { $book } { $date } waits for review (proposed more than { $days } day(s) ago, R4).
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
tui-hints = { $next } { $previous } move  { $problem } problem  { $approve } approve  { $edit } edit  { $map } map  { $mark } mark  { $confirm } confirm  { $help } help  { $quit } quit
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
tui-help-title = Keys (from the active keymap) · any key closes
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
tui-keymap-problems = keymap: { $problem } ({ $count } problem(s); defaults used there)
tui-waiting = waiting for { $holder } …
tui-stale = { $date } of { $book } changed since you looked at it (another reviewer, a sync or a command): nothing was done; the screen shows it as it is now
tui-confirmed = confirmed { $count } { $count ->
        [one] day
       *[other] days
    }.
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
action-map_code = Map an unmapped VAT group or method
action-mark_day = Mark or unmark the day
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
dossier-demo-ready = demo ready: { $command }
log-notify = notify
log-failed = failed
log-source-documents = source { $source } { $documents } documents, { $per_day } per day
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
sync-ignored = { $count } ignored
sync-more-ignored = { $count } more in the audit log
