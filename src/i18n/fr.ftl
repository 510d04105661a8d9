# dagkas : ce qu'une personne lit, en français.
weekday-1 = lun.
weekday-2 = mar.
weekday-3 = mer.
weekday-4 = jeu.
weekday-5 = ven.
weekday-6 = sam.
weekday-7 = dim.
footer = Envoyé par dagkas pour { $dossier }.
import-subject = { $dossier } : rapport d'importation
import-intro = Ce que les dernières synchronisations ont apporté au livre des recettes :
import-batch = { $source } : { $new } nouveau(x), { $changed } modifié(s), { $voided } annulé(s)
import-day = { $date } : { $count } document(s)
import-failed = { $source } : la synchronisation a échoué : { $reason }
turnover-subject = { $dossier } : chiffre d'affaires du { $date }
turnover-book = Journal { $book } ({ $status })
turnover-category = { $code } ({ $rate }) : { $incl } TVA comprise, TVA { $vat }
turnover-method = { $code } : { $amount }
turnover-total = Chiffre d'affaires { $turnover } · paiements { $payments }
turnover-cash = Caisse { $journal } : solde de clôture { $closing }
turnover-categories = Chiffre d'affaires par catégorie de TVA
turnover-methods = Paiements par moyen de paiement
alert-subject = { $dossier } : à vérifier
alert-intro = dagkas a trouvé ceci dans le livre des recettes :
alert-stale = { $source } n'a plus été synchronisé depuis { $since }.
alert-stale-never = { $source } n'a encore jamais été synchronisé.
alert-failing = { $source } a échoué { $count } fois de suite : { $reason }
alert-overdue = { $book } { $date } attend d'être revu (proposé il y a plus de { $days } jour(s), R4).
alert-drift = { $book } { $date } est confirmé, mais ses documents ont changé ({ $documents }) : à régulariser (R10).
alert-negative = { $book } { $date } : la caisse { $journal } deviendrait négative (R6).
test-subject = { $dossier } : message de test
test-body = Un message de test de dagkas pour { $dossier }. Si vous lisez ceci, { $channel } fonctionne.
status-empty = vide
status-proposed = proposé
status-confirmed = confirmé
status-centralised = centralisé

## Les mots des valeurs du produit
word-vat-group = groupe de TVA
word-method = moyen de paiement
blocker-word-unbalanced = déséquilibré
blocker-word-unmapped = non associé
blocker-word-negative-cash = caisse négative
blocker-word-currency = devise
blocker-word-drift = écart
blocker-word-open = ouvert
blocker-unbalanced = déséquilibré : chiffre d'affaires { $turnover } ≠ paiements { $payments } (différence { $difference })
blocker-no-setting = non associé : le journal n'a pas de moyen de paiement { $code } pour un document de ce jour
blocker-unmapped = non associé : { $what } { $code }
blocker-negative-cash = caisse négative : { $journal } tiroir { $drawer } à { $time } { $event } { $document } (solde { $balance })
blocker-currency = devise : espèces en { $currency } ({ $document }) mais aucun journal de caisse en { $currency }
blocker-drawer = devise : espèces dans le tiroir { $drawer } ({ $document }) mais aucun journal de caisse en { $currency } ne cite ce tiroir
blocker-no-cash-method = non associé : les pourboires de { $document } sont payés en espèces mais aucun moyen de paiement n'a cash = true
blocker-drift = écart : modifié après confirmation : { $documents }
blocker-not-ended = ouvert : la journée de travail n'est pas terminée
move-sales = vente en espèces
move-refunds = remboursement
move-tips = pourboires versés
move-cash-in = apport en caisse
move-expense = dépense
move-bank-deposit = versement en banque
move-open-count = comptage d'ouverture
move-close-count = comptage de clôture
move-short-sales = vente
move-short-refunds = rembours
move-short-tips = pourboir
move-short-cash-in = apport
move-short-expense = dépense
move-short-bank-deposit = banque
move-short-open-count = cpt ouv.
move-short-close-count = cpt clôt
invoice-open = ouverte
invoice-partly-paid = payée en partie
invoice-paid = payée
invoice-ignored = ignorée
amount-not-decimal = le montant « { $text } » n'est pas un nombre décimal comme « 12.10 »
amount-too-precise = le montant « { $text } » a plus de 2 décimales
amount-too-large = le montant « { $text } » est trop grand
mapped = { $what } { $code } associé à { $target }
mapped-in = { $what } { $code } associé à { $target } dans { $book }
stopped-at = arrêté à { $book } { $date } : { $reason }
reopened = { $date } de { $book } rouvert
lock-another-process = un autre processus dagkas

## L'écran de révision
tui-incl-vat = TVA comprise
tui-excl-vat = hors TVA
tui-filter = filtre : { $text }
tui-last-sync = dernière synchro { $time } { $by } ({ $how })
tui-sync-run-failed = échouée
tui-notify-failed = notification échouée
tui-no-sync = pas encore de synchro
tui-sync-running = synchro { $progress }
tui-sync-failed = synchro échouée : { $reason }
tui-sync-starting = démarrage
tui-hints = { $next } { $previous } jour  { $problem } problème  { $approve } approuver  { $edit } modifier  { $map } associer  { $mark } marquer  { $confirm } confirmer  { $help } aide  { $quit } quitter
tui-kind-turnover = chiffre d'affaires
tui-kind-payment = paiement
tui-edit-values = caisse : { $pos }   comptabilisé : { $booked }
tui-edit-manual = aucune (une ligne manuelle)
tui-amount = Montant
tui-reason = Motif
tui-edit-keys = Entrée enregistrer · Tab champ suivant · Échap annuler
tui-edit-title = Modifier { $kind } { $code } le { $date }
tui-confirm-days = Confirmer { $count } { $count ->
        [one] jour
       *[other] jours
    }
tui-confirm-through = { $book } : du premier jour ouvert jusqu'au { $date }
tui-confirm-stops = S'arrête à { $book } { $date } :
tui-confirm-clear = Rien ne bloque la série.
tui-confirm-keys = Entrée/y confirmer · toute autre touche annule
tui-confirm-title = Confirmer une série (R7)
tui-map-to = Associer { $what } { $code } à :
tui-map-ignore = ignorer
tui-map-title = Associer un code (R12)
tui-filter-help = date, statut, blocage, 'problème', 'en retard' ; Entrée appliquer, Échap effacer
tui-ignore-keys = Entrée ignorer · Échap annuler
tui-ignore-title = Ignorer la facture { $id } (R21)
tui-reopen-keys = Entrée rouvrir · Échap annuler
tui-reopen-title = Rouvrir { $book } { $date } (R9)
tui-days = Jours
tui-no-days = aucun jour ne correspond
tui-pos = Caisse
tui-tickets = Tickets (Échap retour)
tui-no-documents = aucun document
tui-loading = chargement…
tui-vat-groups = Groupes de TVA
tui-methods = Moyens de paiement
tui-registers = Site/caisse
tui-pos-counts = { $tickets } { $tickets ->
        [one] ticket
       *[other] tickets
    } · { $documents } doc. · { $skipped } { $skipped ->
        [one] ignoré
       *[other] ignorés
    }
tui-book = Journal
tui-turnover-incl = CA TVA comprise
tui-turnover-excl = CA hors TVA
tui-payments = Paiements
tui-total = total
tui-chained = ouverture = veille
tui-chain-broken = chaîne rompue
tui-cash = Caisse { $journal }
tui-opening = ouverture
tui-closing = clôture
tui-drawer-opening = tiroir { $drawer } ouverture
tui-drawer-closing = tiroir { $drawer } clôture
tui-none = aucune
tui-corrections = corr. { $amount }
tui-invoices-title = Factures · { $open } ouvertes · { $paid } payées · { $ignored } ignorées
tui-no-invoices = aucune facture dans le registre
tui-help-title = Touches (de la keymap active) · toute touche ferme
filter-problem = problème
filter-overdue = en retard
tui-error = erreur : { $reason }
tui-confirming = confirmation de { $count } { $count ->
        [one] jour
       *[other] jours
    }…
tui-confirm-cancelled = confirmation annulée
tui-edit-cancelled = modification annulée
tui-reason-required = un motif est obligatoire
tui-no-other-problem = aucun autre jour à problème
tui-already = { $date } est déjà { $status }
tui-cannot-approve = impossible d'approuver { $date } : { $reason }
tui-closed-no-edits = { $date } est { $status } : un jour clôturé ne se modifie pas (R11)
tui-no-line = aucune ligne à modifier ce jour-là
tui-nothing-to-map = rien à associer ce jour-là
tui-no-drift = { $date } n'a pas d'écart
tui-open-invoices-first = ouvrez d'abord le registre des factures
tui-invoice-already-ignored = la facture { $id } est déjà ignorée
tui-no-invoice = aucune facture choisie
tui-keymap-problems = keymap : { $problem } ({ $count } problème(s) ; les touches par défaut s'y appliquent)
tui-waiting = attente de { $holder } …
tui-stale = { $date } de { $book } a changé depuis que vous l'avez regardé (un autre réviseur, une synchro ou une commande) : rien n'a été fait ; l'écran le montre tel qu'il est maintenant
tui-confirmed = { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    }.
tui-edited = { $code } du { $date } modifié en { $amount }
invoice-ignored-done = facture { $id } ignorée

## Le détail : une ligne par document
drill-ticket = ticket { $id } { $amount } payé par { $paid }
drill-refund = remboursement { $id } { $amount } payé par { $paid }
drill-tip = pourboire { $amount }
drill-prepaid = acompte { $amount }
drill-prepayment = acompte { $id } sur la commande { $order } { $amount } payé par { $paid }
drill-invoice-payment = paiement de facture { $id } pour { $invoice } { $amount } payé par { $paid }
drill-open-count = comptage d'ouverture
drill-close-count = comptage de clôture
drill-cash-in = espèces mises en caisse
drill-expense = dépense payée en espèces
drill-bank-deposit = espèces vers la banque
drill-cash = { $what } { $id } tiroir { $drawer } { $amount }
drill-invoice = facture { $id } à { $debtor } { $amount }
drill-void = annulation de { $id }

## Aide : ce que fait chaque action de la keymap
action-next_day = Jour suivant
action-previous_day = Jour précédent
action-first_day = Premier jour
action-last_day = Dernier jour
action-next_problem = Jour à problème suivant
action-previous_problem = Jour à problème précédent
action-approve_day = Approuver (confirmer) le jour choisi
action-edit_line = Modifier la ligne choisie sur place
action-map_code = Associer un groupe de TVA ou un moyen de paiement
action-mark_day = Marquer le jour ou enlever la marque
action-confirm_marked = Confirmer les jours marqués, ou tous les valides
action-reopen_day = Rouvrir le dernier jour confirmé
action-resolve_drift = Comptabiliser l'écart du jour comme correction
action-sync_now = Synchroniser maintenant
action-invoices = Afficher ou masquer le registre des factures
action-ignore_invoice = Ignorer la facture choisie (demande un motif)
action-filter = Filtrer les jours
action-toggle_vat = Montants TVA comprise ou hors TVA
action-next_pane = Changer de panneau
action-drill_down = Voir les tickets du jour
action-back = Retour
action-help = Aide
action-quit = Quitter

## La ligne de commande
error = erreur : { $reason }
warning = avertissement : { $text }
problem = problème : { $text }
not-a-date = n'est pas une date comme 2026-03-15
word-documents = documents
word-never = jamais
lock-waiting = attente que { $holder } ait fini avec le stockage …
config-valid = { $file } : valide
unknown-source = source inconnue { $source }
login-not-lightspeed = la source { $source } est de type { $kind } : la connexion est pour les sources lightspeed
import-no-file-source = aucune source de type "file" ; nommez-en une avec --source
import-several-file-sources = plusieurs sources de type "file" ({ $sources }) ; nommez-en une avec --source
import-done = { $file } : { $new } nouveau(x), { $changed } modifié(s), { $unchanged } inchangé(s), { $voided } annulé(s) (lot { $batch })
import-immediate = { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    } par le mode immédiat
import-debtors = { $count } { $count ->
        [one] nouveau débiteur
       *[other] nouveaux débiteurs
    } dans le registre des factures
counts = { $new } nouveau(x), { $changed } modifié(s), { $unchanged } inchangé(s), { $voided } annulé(s)
batch-not-committed = non validé : rien n'en compte
col-date = date
col-book = journal
col-status = statut
col-turnover = CA
col-payments = paiements
col-cash = caisse
col-blockers = blocages
col-invoice = facture
col-booking = imputation
col-debtor = débiteur
col-name = nom
col-incl = TTC
col-paid = payé
days-open-balances = acomptes ouverts { $prepaid } · bons ouverts { $vouchers } (au { $date })
export-nothing = rien à exporter
invoice-booking-date = date d'imputation { $date } pour { $count } { $count ->
        [one] facture
       *[other] factures
    }
invoice-ignored-by = { $date } par { $author } : { $reason }
edited = { $date } de { $book } modifié : { $lines }
confirmed-through = { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    }, du { $first } au { $last }
confirm-nothing = rien à confirmer
map-usage = { $mapping } : attendu vat:CODECAISSE=CATEGORIE ou method:CODECAISSE=MOYEN
centralised = { $count } { $count ->
        [one] jour centralisé
       *[other] jours centralisés
    }
notify-none = aucune entrée [[notify]] dans la config
notify-sent = { $label } : envoyé ; le serveur a répondu : { $said }
notify-not-sent = { $label } : non envoyé : { $reason }
check-ok = contrôle : en ordre ({ $count } { $count ->
        [one] avertissement
       *[other] avertissements
    })
check-problems = contrôle : { $count } { $count ->
        [one] problème
       *[other] problèmes
    }
dossier-demo-building = construction du dossier de démonstration dans { $dir } …
dossier-demo-ready = démo prête : { $command }
log-notify = notification
log-failed = échec
log-source-documents = source { $source } { $documents } documents, { $per_day } par jour
log-source-success = source { $source } dernier succès { $at } · { $failures } { $failures ->
        [one] passage échoué
       *[other] passages échoués
    }
sync-could-not-start = le passage n'a pas pu démarrer (code { $code }) ; nouvel essai

## Refus et avertissements du flux de travail
word-vat-category = catégorie de TVA
word-payment-method = moyen de paiement
word-receipts-part = chiffre d'affaires
word-payments-part = paiements
word-none-yet = aucun encore
refuse-before-start = { $date } précède le début du journal { $book } ({ $start })
refuse-not-a-day = { $date } n'est pas un jour de { $book }
warn-after-last-sale = { $book } : { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    } après le dernier jour avec des documents de caisse ({ $last }) ; si l'horloge de cette machine ({ $today }) avance, rouvrez-les quand elle sera juste
refuse-edit-reason = une modification demande un motif
refuse-closed-edit = { $date } de { $book } est { $status } : une date clôturée ne se modifie pas (R11) ; rouvrez-la ou passez une correction sur un jour ouvert
refuse-unknown-code = { $what } inconnu(e) { $code }
refuse-part-confirmed = la partie { $part } du { $date } est déjà confirmée (R4, R11)
refuse-manual-blocked = le journal { $book } refuse les lignes de chiffre d'affaires manuelles (manual_receipts = "block") : { $code } n'a pas de ligne de caisse le { $date } ; seules les corrections de lignes existantes sont permises
refuse-clock-behind = { $date } de { $book } est confirmé, mais selon l'horloge de cette machine nous sommes le { $today } : l'horloge retarde (ou avançait quand { $date } a été confirmé) ; remettez l'horloge à l'heure avant de modifier le journal
refuse-has-ended = { $date } de { $book } est terminé selon l'horloge de cette machine (nous sommes le { $today }) : rouvrez-le sans --clock-was-ahead
refuse-reopen-reason = rouvrir demande un motif
refuse-not-confirmed = { $date } de { $book } n'est pas confirmé
refuse-centralised = { $date } de { $book } est centralisé : les jours centralisés sont verrouillés pour de bon (R9)
refuse-not-last = seul le dernier jour confirmé de { $book } peut être rouvert (R9) : c'est le { $last }
refuse-no-drift = { $date } de { $book } n'a pas d'écart à régulariser
resolved-reopened = { $date } rouvert : c'est le dernier jour confirmé
refuse-no-open-day = aucun jour ouvert après le { $date } pour y passer la correction
refuse-no-figures = { $date } n'a pas de chiffres confirmés
refuse-partly-confirmed = { $date } est confirmé en partie : une correction ne peut pas y être datée (R11)
resolved-booked = correction passée le { $date }
stop-not-confirmed = non confirmé
refuse-mapping-kind = type d'association inconnu { $kind } ; attendu vat ou method
bad-input = { $count } { $count ->
        [one] ligne erronée
       *[other] lignes erronées
    } ; rien n'a été importé
bad-lines = { $count } { $count ->
        [one] ligne erronée
       *[other] lignes erronées
    }
disk-full = le disque est plein (ou une limite de taille de fichier est atteinte) : { $reason } ; rien n'a été modifié

## Synchronisations
sync-immediate = { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    } par le mode immédiat
sync-no-source = aucune source à synchroniser
sync-done = synchro terminée : { $parts }
sync-no-path = { $source } : pas de chemin (utilisez dagkas import)
sync-ignored = { $count } ignoré(s)
sync-more-ignored = { $count } de plus dans le journal d'audit
