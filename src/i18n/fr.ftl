# dagkas : ce qu'une personne lit, en français.
weekday-1 = lun.
weekday-2 = mar.
weekday-3 = mer.
weekday-4 = jeu.
weekday-5 = ven.
weekday-6 = sam.
weekday-7 = dim.
footer = Envoyé par dagkas pour { $dossier }.
import-subject = { $dossier } : rapport d'importation
import-intro = Ce que les dernières synchronisations ont apporté au livre des recettes :
import-batch = { $source } : { $new } { $new ->
    [one] nouveau
   *[other] nouveaux
  }, { $changed } { $changed ->
    [one] modifié
   *[other] modifiés
  }, { $voided } { $voided ->
    [one] annulé
   *[other] annulés
  }
import-day = { $date } : { $count } { $count ->
    [one] document
   *[other] documents
  }
import-failed = { $source } : la synchronisation a échoué : { $reason }
turnover-subject = { $dossier } : chiffre d'affaires du { $date }
turnover-book = Journal { $book } ({ $status })
turnover-category = { $code } ({ $rate }) : { $incl } TVA comprise, TVA { $vat }
turnover-method = { $code } : { $amount }
turnover-total = Chiffre d'affaires { $turnover } · paiements { $payments }
turnover-cash = Caisse { $journal } : solde de clôture { $closing }
turnover-categories = Chiffre d'affaires par catégorie de TVA
turnover-methods = Paiements par moyen de paiement
alert-subject = { $dossier } : à vérifier
alert-intro = dagkas a trouvé ceci dans le livre des recettes :
alert-stale = { $source } n'a plus été synchronisé depuis { $since }.
alert-stale-never = { $source } n'a encore jamais été synchronisé.
alert-failing = { $source } a échoué { $count } fois de suite : { $reason }
alert-overdue = { $book } { $date } attend d'être revu (proposé il y a plus de { $days } { $days ->
    [one] jour
   *[other] jours
  }, R4).
alert-drift = { $book } { $date } est confirmé, mais ses documents ont changé ({ $documents }) : à régulariser (R10).
alert-negative = { $book } { $date } : la caisse { $journal } deviendrait négative (R6).
test-subject = { $dossier } : message de test
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
blocker-unbalanced = déséquilibré : chiffre d'affaires { $turnover } ≠ paiements { $payments } (différence { $difference })
blocker-no-setting = non associé : le journal n'a pas de moyen de paiement { $code } pour un document de ce jour
blocker-unmapped = non associé : { $what } { $code }
blocker-negative-cash = caisse négative : { $journal } tiroir { $drawer } à { $time } { $event } { $document } (solde { $balance })
blocker-currency = devise : espèces en { $currency } ({ $document }) mais aucun journal de caisse en { $currency }
blocker-drawer = devise : espèces dans le tiroir { $drawer } ({ $document }) mais aucun journal de caisse en { $currency } ne cite ce tiroir
blocker-no-cash-method = non associé : les pourboires de { $document } sont payés en espèces mais aucun moyen de paiement n'a cash = true
blocker-drift = écart : modifié après confirmation : { $documents }
blocker-not-ended = ouvert : la journée de travail n'est pas terminée
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
stopped-at = arrêté à { $book } { $date } : { $reason }
reopened = { $date } de { $book } rouvert
lock-another-process = un autre processus dagkas

## L'écran de révision
tui-incl-vat = TVA comprise
tui-excl-vat = hors TVA
tui-filter = filtre : { $text }
tui-last-sync = dernière synchro { $time } { $by } ({ $how })
tui-sync-run-failed = échouée
tui-notify-failed = notification échouée
tui-no-sync = pas encore de synchro
tui-sync-running = synchro { $progress }
tui-sync-failed = synchro échouée : { $reason }
tui-sync-starting = démarrage
tui-kind-turnover = chiffre d'affaires
tui-kind-payment = paiement
tui-edit-values = caisse : { $pos }   comptabilisé : { $booked }
tui-edit-manual = aucune (une ligne manuelle)
tui-amount = Montant
tui-reason = Motif
tui-edit-keys = Entrée enregistrer · Tab champ suivant · Échap annuler
tui-edit-title = Modifier { $kind } { $code } le { $date }
tui-confirm-days = Confirmer { $count } { $count ->
        [one] jour
       *[other] jours
    }
tui-confirm-through = { $book } : du premier jour ouvert jusqu'au { $date }
tui-confirm-stops = S'arrête à { $book } { $date } :
tui-confirm-clear = Rien ne bloque la série.
tui-confirm-keys = Entrée/y confirmer · toute autre touche annule
tui-confirm-title = Confirmer une série (R7)
tui-map-to = Associer { $what } { $code } à :
tui-map-ignore = ignorer
tui-map-title = Associer un code (R12)
tui-filter-help = date, statut, blocage, 'problème', 'en retard' ; Entrée appliquer, Échap effacer
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
tui-invoices-title = Factures · { $open } { $open ->
    [one] ouverte
   *[other] ouvertes
  } · { $paid } { $paid ->
    [one] payée
   *[other] payées
  } · { $ignored } { $ignored ->
    [one] ignorée
   *[other] ignorées
  }
tui-no-invoices = aucune facture dans le registre
tui-help-title = Touches et signes
filter-problem = problème
filter-overdue = en retard
tui-error = erreur : { $reason }
tui-confirming = confirmation de { $count } { $count ->
        [one] jour
       *[other] jours
    }…
tui-confirm-cancelled = confirmation annulée
tui-edit-cancelled = modification annulée
tui-reason-required = un motif est obligatoire
tui-no-other-problem = aucun autre jour à problème
tui-already = { $date } est déjà { $status }
tui-cannot-approve = impossible d'approuver { $date } : { $reason }
tui-closed-no-edits = { $date } est { $status } : un jour clôturé ne se modifie pas (R11)
tui-no-line = aucune ligne à modifier ce jour-là
tui-nothing-to-map = rien à associer ce jour-là
tui-no-drift = { $date } n'a pas d'écart
tui-open-invoices-first = ouvrez d'abord le registre des factures
tui-invoice-already-ignored = la facture { $id } est déjà ignorée
tui-no-invoice = aucune facture choisie
tui-keymap-problems = keymap : { $problem } ({ $count } { $count ->
    [one] problème
   *[other] problèmes
  } ; les touches par défaut s'y appliquent)
tui-waiting = attente de { $holder } …
tui-stale = { $date } de { $book } a changé depuis que vous l'avez regardé (un autre réviseur, une synchro ou une commande) : rien n'a été fait ; l'écran le montre tel qu'il est maintenant
tui-confirmed = { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    }
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
action-map_code = Associer un groupe de TVA ou un moyen de paiement (ou en ajouter un)
action-mark_day = Marquer le jour ou enlever la marque, puis aller au suivant
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
error = erreur : { $reason }
warning = avertissement : { $text }
problem = problème : { $text }
not-a-date = n'est pas une date comme 2026-03-15
word-documents = documents
word-never = jamais
lock-waiting = attente que { $holder } ait fini avec le stockage …
config-valid = { $file } : valide
unknown-source = source inconnue { $source }
login-not-lightspeed = la source { $source } est de type { $kind } : la connexion est pour les sources lightspeed
import-no-file-source = aucune source de type "file" ; nommez-en une avec --source
import-several-file-sources = plusieurs sources de type "file" ({ $sources }) ; nommez-en une avec --source
import-done = { $file } : { $new } { $new ->
    [one] nouveau
   *[other] nouveaux
  }, { $changed } { $changed ->
    [one] modifié
   *[other] modifiés
  }, { $unchanged } { $unchanged ->
    [one] inchangé
   *[other] inchangés
  }, { $voided } { $voided ->
    [one] annulé
   *[other] annulés
  } (lot { $batch })
import-immediate = { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    } par le mode immédiat
import-debtors = { $count } { $count ->
        [one] nouveau débiteur
       *[other] nouveaux débiteurs
    } dans le registre des factures
counts = { $new } { $new ->
    [one] nouveau
   *[other] nouveaux
  }, { $changed } { $changed ->
    [one] modifié
   *[other] modifiés
  }, { $unchanged } { $unchanged ->
    [one] inchangé
   *[other] inchangés
  }, { $voided } { $voided ->
    [one] annulé
   *[other] annulés
  }
batch-not-committed = non validé : rien n'en compte
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
invoice-ignored-by = { $date } par { $author } : { $reason }
edited = { $date } de { $book } modifié : { $lines }
confirmed-through = { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    }, du { $first } au { $last }
confirm-nothing = rien à confirmer
map-usage = { $mapping } : attendu vat:CODECAISSE=CATEGORIE ou method:CODECAISSE=MOYEN
centralised = { $count } { $count ->
        [one] jour centralisé
       *[other] jours centralisés
    }
notify-none = aucune entrée [[notify]] dans la config
notify-sent = { $label } : envoyé ; le serveur a répondu : { $said }
notify-not-sent = { $label } : non envoyé : { $reason }
check-ok = contrôle : en ordre ({ $count } { $count ->
        [one] avertissement
       *[other] avertissements
    })
check-problems = contrôle : { $count } { $count ->
        [one] problème
       *[other] problèmes
    }
dossier-demo-building = construction du dossier de démonstration dans { $dir } …
dossier-demo-config = dagkas demo crée son propre dossier et écrit sa config dans { $dir } ; { $file } n’est pas lu (choisissez l’emplacement avec --data)
dossier-demo-ready = démo prête : { $command }
log-notify = notification
log-failed = échec
log-source-documents = source { $source } { $documents } { $documents ->
    [one] document
   *[other] documents
  }, { $per_day } par jour
log-source-success = source { $source } dernier succès { $at } · { $failures } { $failures ->
        [one] passage échoué
       *[other] passages échoués
    }
sync-could-not-start = le passage n'a pas pu démarrer (code { $code }) ; nouvel essai

## Refus et avertissements du flux de travail
word-vat-category = catégorie de TVA
word-payment-method = moyen de paiement
word-receipts-part = chiffre d'affaires
word-payments-part = paiements
word-none-yet = aucun encore
refuse-before-start = { $date } précède le début du journal { $book } ({ $start })
refuse-not-a-day = { $date } n'est pas un jour de { $book }
warn-after-last-sale = { $book } : { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    } après le dernier jour avec des documents de caisse ({ $last }) ; si l'horloge de cette machine ({ $today }) avance, rouvrez-les quand elle sera juste
refuse-edit-reason = une modification demande un motif
refuse-closed-edit = { $date } de { $book } est { $status } : une date clôturée ne se modifie pas (R11) ; rouvrez-la ou passez une correction sur un jour ouvert
refuse-unknown-code = { $what } inconnu(e) { $code }
refuse-part-confirmed = la partie { $part } du { $date } est déjà confirmée (R4, R11)
refuse-manual-blocked = le journal { $book } refuse les lignes de chiffre d'affaires manuelles (manual_receipts = "block") : { $code } n'a pas de ligne de caisse le { $date } ; seules les corrections de lignes existantes sont permises
refuse-clock-behind = { $date } de { $book } est confirmé, mais selon l'horloge de cette machine nous sommes le { $today } : l'horloge retarde (ou avançait quand { $date } a été confirmé) ; remettez l'horloge à l'heure avant de modifier le journal
refuse-has-ended = { $date } de { $book } est terminé selon l'horloge de cette machine (nous sommes le { $today }) : rouvrez-le sans --clock-was-ahead
refuse-reopen-reason = rouvrir demande un motif
refuse-not-confirmed = { $date } de { $book } n'est pas confirmé
refuse-centralised = { $date } de { $book } est centralisé : les jours centralisés sont verrouillés pour de bon (R9)
refuse-not-last = seul le dernier jour confirmé de { $book } peut être rouvert (R9) : c'est le { $last }
refuse-no-drift = { $date } de { $book } n'a pas d'écart à régulariser
resolved-reopened = { $date } rouvert : c'est le dernier jour confirmé
refuse-no-open-day = aucun jour ouvert après le { $date } pour y passer la correction
refuse-no-figures = { $date } n'a pas de chiffres confirmés
refuse-partly-confirmed = { $date } est confirmé en partie : une correction ne peut pas y être datée (R11)
resolved-booked = correction passée le { $date }
stop-not-confirmed = non confirmé
refuse-mapping-kind = type d'association inconnu { $kind } ; attendu vat ou method
bad-input = { $count } { $count ->
        [one] ligne erronée
       *[other] lignes erronées
    } ; rien n'a été importé
bad-lines = { $count } { $count ->
        [one] ligne erronée
       *[other] lignes erronées
    }
disk-full = le disque est plein (ou une limite de taille de fichier est atteinte) : { $reason } ; rien n'a été modifié

## Synchronisations
sync-immediate = { $count } { $count ->
        [one] jour confirmé
       *[other] jours confirmés
    } par le mode immédiat
sync-no-source = aucune source à synchroniser
sync-done = synchro terminée : { $parts }
sync-no-path = { $source } : pas de chemin (utilisez dagkas import)
sync-moved-meanwhile = { $source } : un autre passage a stocké entre-temps ce qui est arrivé ; rien n'a été stocké, le prochain passage demande à partir de là
sync-config-changed = la configuration a changé pendant que la caisse était interrogée ; rien n'a été stocké, le prochain passage redemande
sync-ignored = { $count } { $count ->
    [one] ignoré
   *[other] ignorés
  }
sync-more-ignored = { $count } de plus dans le journal d'audit

## Problèmes de la config (fichier:ligne: champ: message)
cfg-missing-what-send-import = manquant : quoi envoyer, p. ex. ["import", "turnover", "alerts"]
cfg-not-import-turnover-or = { $other } n'est pas import, turnover ou alerts
cfg-not-duration-30m-6h = { $d } n'est pas une durée comme 30m, 6h ou 2d
cfg-expected-whole-number-runs = attendu un nombre entier de passages, 1 ou plus
cfg-secret-never-goes-config = un secret ne va jamais dans la config : nommez une variable d'environnement avec password_env / secret_env
cfg-not-mail-address = { $a } n'est pas une adresse e-mail
cfg-missing-who-receives-boekhouding = manquant : qui le reçoit, p. ex. ["boekhouding@example.be"]
cfg-missing-sender-s-address = manquant : l'adresse de l'expéditeur
cfg-not-server-smtp-example = { $hp } n'est pas un serveur comme smtp.example.be:587
cfg-missing-smtp-server-smtp = manquant : le serveur SMTP, p. ex. smtp.example.be:587
cfg-plain-smtp-only-server = SMTP non chiffré seulement vers un serveur de cette machine (127.0.0.1) ; utilisez starttls ou tls
cfg-not-starttls-tls-or = { $other } n'est pas starttls, tls ou none
cfg-missing-https-address-post = manquant : l'adresse https où envoyer
cfg-not-email-or-webhook = { $c } n'est pas email ou webhook
cfg-missing-email-or-webhook = manquant : email ou webhook
cfg-unknown-field-expected-one = champ inconnu ; attendu l'un de : { $known }
cfg-bytes-long-at-most = { $s_count } { $s_count ->
    [one] octet
   *[other] octets
  } ; au plus { $MAX_VALUE }
cfg-expected-text-value = attendu un texte
cfg-must-not-be-empty = ne peut pas être vide
cfg-missing-required-field = champ obligatoire manquant
cfg-expected-true-or-false = attendu true ou false
cfg-outside-every-day-from = { $d } est hors de { $EARLIEST } … { $LATEST } : chaque jour depuis le début d'un journal est construit, une telle date est donc une faute de frappe
cfg-not-date-2026-03 = { $s } n'est pas une date comme 2026-03-01
cfg-rate-neither-percentage-21 = le taux { $s } n'est ni un pourcentage comme "21" ni "NA"
cfg-expected-list-texts = attendu une liste de textes
cfg-expected-list-1-3 = attendu une liste comme ["1", "3"]
cfg-expected-tables = attendu des tables [[{ $key }]]
cfg-write-as-list-tables = écrivez-le [[{ $key }]], une liste de tables
cfg-expected-dossier-table = attendu une table [dossier]
cfg-missing-dossier-section = la section [dossier] manque
cfg-rounding-method-never-cash = une méthode d'arrondi n'est jamais en espèces (R17)
cfg-not-one = { $l } n'est pas l'un de { $languages }
cfg-unknown-timezone = fuseau horaire inconnu { $tz }
cfg-not-time-04-00 = { $c } n'est pas une heure comme 04:00
cfg-not-iso-3166-code = { $c } n'est pas un code ISO 3166 comme BE ou NL
cfg-not-iso-4217-code = { $c } n'est pas un code ISO 4217 comme EUR
cfg-expected-list = attendu une liste comme [{"{"} from = "2027-01-01", rate = "9" {"}"}]
cfg-expected = attendu {"{"} from = "2027-01-01", rate = "9" {"}"}
cfg-needs-both-from-and = demande from et rate
cfg-unknown-kind-expected-mplus = type inconnu { $other } ; attendu mplus, lightspeed, file ou demo
cfg-secret-written-config-file = un secret est écrit dans le fichier de config ; retirez-le et utilisez { $key }_env (une variable d'environnement) ou { $key }_file (un fichier en 0600)
cfg-unknown-field-for-source = champ inconnu pour une source de type { $kind } ; attendu l'un de : name, kind, interval, { $known }
cfg-missing-required-field-for = champ obligatoire manquant pour une source de type { $kind }
cfg-mplus-source-needs-secret = une source mplus demande secret_env ou secret_file
cfg-lightspeed-source-needs-client = une source lightspeed demande client_secret_env ou client_secret_file
cfg-expected-mplus-or-lightspeed = attendu mplus ou lightspeed
cfg-not-duration-15m-1h = { $s } n'est pas une durée comme 15m, 1h ou 90s
cfg-expected-immediate-or-proposal = attendu immediate ou proposal
cfg-expected-allow-or-block = attendu allow ou block
cfg-with-sync-payments-false = avec sync_payments = false, une personne saisit les paiements : payments doit être "proposal"
cfg-expected-number-days-0 = attendu un nombre de jours ≥ 0
cfg-expected-number-days = attendu un nombre de jours
cfg-expected-all-or-list = attendu "all" ou une liste comme ["1", "3"]
cfg-expected-subtract-from-cash = attendu "subtract_from_cash" ou {"{"} category = "FOOI" {"}"}
cfg-expected-category-code = attendu un code de catégorie
cfg-expected-daybook-vat-map = attendu une table [daybook.vat_map]
cfg-expected-daybook-payment-map = attendu une table [daybook.payment_map]
cfg-expected-method-code-ignore = attendu un code de moyen de paiement, "ignore" ou {"{"} method = "OVS", ignore_on_invoice = true {"}"}
cfg-needs-at-least-one = demande au moins un tiroir (["0"] quand les tiroirs ne sont pas utilisés)
cfg-one-amount-for-drawers = un seul montant pour { $drawers_count } tiroirs : il ouvre le tiroir { $drawers_first }, les autres ouvrent à 0.00 ; écrivez-le par tiroir pour être explicite
cfg-drawer-not-drawers = le tiroir { $drawer } n'est pas dans drawers
cfg-expected-amount-200-00 = attendu un montant comme "200.00"
cfg-expected-amount-250-00 = attendu un montant comme "250.00" (un texte, pas un nombre)
cfg-drawer-opens-negative-cash = le tiroir { $d } ouvre en négatif ; un solde de caisse n'est jamais négatif (R6)
cfg-category-code = code de catégorie
cfg-method-code = code de moyen de paiement
cfg-source-name = nom de source
cfg-day-book-code = code de journal
cfg-cash-journal-listed-twice = journal de caisse (cité deux fois dans ce dossier)
cfg-unknown-source = source inconnue { $source }
cfg-unknown-vat-category = catégorie de TVA inconnue { $code }
cfg-unknown-payment-method = moyen de paiement inconnu { $code }
cfg-method-books-one-instance = le moyen { $code } comptabilise une instance par facture : mettez-y multiple = true
cfg-unknown-day-book = journal inconnu { $daybook }
cfg-drawer-already-cash-journal = le tiroir { $d } est déjà dans le journal de caisse { $other } de la même devise { $currency }
cfg-cash-method-books-but = le moyen en espèces { $code } comptabilise sur { $account } mais le journal de caisse { $code2 } sur { $account2 } : les espèces sont comptabilisées une fois, sur le compte du journal de caisse
cfg-used-twice-first = { $what } { $code } utilisé deux fois (d'abord dans { $section }[{ $first }])
severity-error = erreur
severity-warning = avertissement
config-too-large = la config dépasse { $kib } KiB ; la config d'un dossier fait quelques KiB
config-not-utf8 = pas du texte UTF-8 (à l'octet { $byte })
config-unreadable = impossible de lire la config : { $reason }
secret-file = fichier secret { $file } : { $reason }
secret-file-open = le fichier secret { $file } est lisible par d'autres (mode { $mode }) ; faites-y chmod 600
secret-env-unset = la variable d'environnement { $var } n'est pas définie
secret-none = aucun secret configuré

## Erreurs et refus du stockage, des documents, des connecteurs et des notifications
audit-entry-claims-number = l'entrée { $seq } prétend être le numéro { $seq2 }
audit-entry-does-not-follow = l'entrée { $seq } ne suit pas l'entrée { $previous } : le hash précédent diffère
audit-entry-missing-next = l'entrée { $expected } manque (la suivante est { $seq })
audit-entry-unreadable = l'entrée { $seq } est illisible ({ $err })
audit-entry-was-changed-after = l'entrée { $seq } ({ $action }) a été modifiée après son écriture : son hash ne correspond pas
audit-head-audit-log-unreadable = la tête du journal d'audit est illisible
audit-log-ends-at-entry = le journal se termine à l'entrée { $last } mais sa tête nomme l'entrée { $seq } : des entrées ont été supprimées
audit-unreadable-entry = entrée illisible
chk-audit-entry = entrée d'audit { $seq } : { $message }
doc-amount-never-negative-kind = un montant de type { $kind } n'est jamais négatif (le type donne le sens)
doc-bytes-long-at-most = `{ $field }` fait { $v_count } { $v_count ->
    [one] octet
   *[other] octets
  } ; au plus { $max }
doc-does-not-balance-lines = ne s'équilibre pas : lignes { $lines } + pourboire { $tip } ≠ paiements { $payments } + acompte { $prepaid }
doc-empty-id = id vide
doc-expense-needs-its-counterpart = une dépense demande sa contrepartie `account`
doc-field-type-must-be = le champ `type` doit être un texte
doc-invalid-utf-8-at = UTF-8 invalide à l'octet { $byte }
doc-invoice-without-lines = une facture sans lignes
doc-missing-field-type = le champ `type` manque
doc-payment-currency-and-foreign = paiement { $method } : `currency` et `foreign_amount` vont ensemble (R18)
doc-payment-currency-not-iso = paiement { $method } : la devise { $c } n'est pas un code ISO 4217
doc-payment-with-empty-method = paiement sans moyen de paiement
doc-prepaid-without-order-was = `prepaid` sans la commande `order` sur laquelle il a été payé
doc-time-not-rfc-3339 = l'heure { $text } n'est pas en RFC 3339 avec un décalage, comme 2026-03-02T09:15:00+01:00
doc-type-not-first-field = `type` n'est pas le premier champ
doc-unknown-document-type = type de document inconnu { $other }
doc-unknown-document-type-expected = type de document inconnu { $kind } ; attendu ticket, void, order_payment, invoice, invoice_payment ou cash
file-byte-order-mark-bom = une marque d'ordre des octets (BOM) au milieu du fichier ; seule la première ligne peut en commencer une
file-line-longer-than-mib = la ligne dépasse { $mib } MiB ; le fichier est refusé et n'a pas été lu plus loin
inv-ignoring-invoice-needs-reason = ignorer une facture demande un motif
inv-invoice-already-ignored = la facture { $id } est déjà ignorée
inv-no-invoice-register = aucune facture { $id } dans le registre
inv-no-invoice-register-2 = aucune facture { $missing } dans le registre
json-key-appears-twice-one = la clé `{ $key }` apparaît deux fois dans un même objet
keymap-empty = `on` est vide
keymap-key-or-list-keys = `on` est une touche ou une liste de touches
keymap-lists-keys-as-texts = `on` liste les touches comme des textes
keymap-unknown-action = action inconnue { $run }
keymap-unknown-key = touche inconnue { $s }
led-and-more = … et { $count } de plus
led-config-changes-days-that = la config modifie des jours confirmés, qui ne changent jamais en silence :{"\u000A"}  { $shown }{ $more }{"\u000A"}Annulez la modification, ou faites-la s'appliquer à partir d'une date après le dernier jour confirmé (les `rates = [{"{"} from = "…", rate = "…" {"}"}]` d'une catégorie, un nouveau code pour les nouveaux jours) ; pour modifier un jour confirmé, remettez la config, rouvrez le jour (R9), puis modifiez-le.
led-dagkas-today-not-date = DAGKAS_TODAY={ $s } n'est pas une date comme 2026-03-15
led-unknown-day-book = journal inconnu { $code }
ntf-environment-variable-not-set = la variable d'environnement { $var } n'est pas définie
ntf-message-could-not-be = le message n'a pas pu être construit : { $e }
ntf-webhook-answered-http = le webhook a répondu HTTP { $status }
ntf-webhook-answered-http-redirect = le webhook a répondu HTTP { $status } (une redirection) : refusé
store-bad-version-header = en-tête de version erroné
store-data-dir-cannot-be = le dossier de données n'est pas inscriptible (disque plein ou en lecture seule) : lecture d'une copie privée ; rien ne peut être modifié
store-date-index-key-wrong = une clé d'index de date de mauvaise longueur
store-disk-full-or-file = le disque est plein (ou une limite de taille de fichier est atteinte) pendant l'écriture du stockage ; ce qui était écrit ne compte pas, le stockage est comme avant
store-write-failed-before = une écriture précédente dans le stockage a échoué pendant cette exécution (disque plein ?) : plus rien n'est écrit avant un nouveau démarrage de dagkas ; ce qui a échoué ne compte pas
store-left-open = le stockage n'a pas pu être fermé après une écriture échouée ; sa prochaine ouverture le rétablit tel qu'après son dernier lot complet
store-no-kind = pas de type
store-store-cannot-be-written = le stockage n'est pas inscriptible (disque en lecture seule ou pas d'autorisation) ; rien n'a été modifié
store-store-error = erreur de stockage : { $io }
store-store-error-2 = erreur de stockage : { $other }
store-truncated-date-index-page = une page d'index de date tronquée
store-truncated-id-bucket = un compartiment tronqué de l'index des identifiants
store-truncated-id-run = une série tronquée de l'index des identifiants
store-truncated-id-filter = un filtre endommagé de l'index des identifiants
store-kind-key-without-batch = une clé de l'index du registre des factures sans son lot
store-id-index-points-nowhere = l'index des identifiants le place au { $date } dans le lot { $batch }, dont la page d'index de date ne le contient pas
store-undated-document = un document sans journée de travail ne peut pas être enregistré
store-unknown-kind = type inconnu { $kind }
syn-dagkas-logged-you-can = dagkas est connecté ; vous pouvez fermer cette fenêtre.
syn-demo-sync-stopped-unexpectedly = la synchro de démonstration s'est arrêtée de manière inattendue
syn-logged-refresh-token-0600 = connecté : le jeton de rafraîchissement est dans { $file } (0600)
syn-no-authorization-arrived-within = aucune autorisation n'est arrivée dans les 5 minutes
syn-open-this-address-browser = Ouvrez cette adresse dans un navigateur et autorisez l'accès :{"\u000A"}{ $url }{"\u000A"}Attente de la redirection vers { $redirect } (ou collez le code et appuyez sur Entrée) …
syn-source-no-refresh-token = source { $name } : pas de jeton de rafraîchissement : définissez { $var } ou lancez dagkas login { $name2 }
syn-source-not-logged-run = source { $name } : pas connecté ; lancez dagkas login { $name2 }
syn-source-nothing-was-stored = source { $name } : { $e } ; rien n'a été stocké, le prochain passage repart du même point
syn-source-unknown-demo-protocol = source { $name } : protocole de démonstration inconnu { $other }
syn-this-not-answer-dagkas = Ce n'est pas la réponse qu'attend dagkas.
url-page-address-that-not = une adresse de page qui n'est pas une URL a été refusée
url-page-another-origin-was = une page d'une autre origine ({ $origin }) a été refusée : le jeton n'est envoyé qu'à { $base }

## The check
chk-config-disagrees-with-what = { $c } (la config contredit ce avec quoi le jour a été confirmé)
chk-confirmed-but-by-this = { $code } { $d } : confirmé, mais selon l'horloge de cette machine nous sommes le { $today } et le jour n'est pas terminé (R5) ; l'horloge retarde, ou avançait lors de la confirmation
chk-confirmed-while-day-before = { $here } : confirmé alors que la veille ne l'est pas (R5)
chk-confirmed-without-its-confirmed = { $here } : confirmé sans ses chiffres confirmés
chk-cash-journal-opens-at = { $here } : le journal de caisse { $journal } ouvre à { $opening } mais la veille a clôturé autrement (R5)
chk-cash-journal-goes-negative = { $here } : le journal de caisse { $journal } devient négatif à { $time } { $document } (R6)
chk-cash-journal-closes-at = { $here } : le journal de caisse { $journal } clôture à { $closing } mais { $confirmed } a été confirmé
chk-stored-totals-differ-from = { $here } : les totaux stockés { $turnover }/{ $payments } diffèrent du journal { $book_turnover }/{ $book_payments }
chk-document-batch-missing-from = { $here } : le document { $id } (lot { $version }) manque dans le stockage
chk-confirmed-figures-differ-from = { $here } : les chiffres confirmés diffèrent d'un recalcul à partir des documents stockés
chk-cash-journal-went-negative = { $here } : le journal de caisse { $journal } est devenu négatif dans ses chiffres confirmés (R6)
chk-proposal-older-than-day = { $code } { $date } : proposition de plus de { $overdue_days } { $overdue_days ->
        [one] jour
       *[other] jours
    } pas encore dans le journal

## dagkas init
init-exists-replace = { $config_path } existe. Le remplacer
init-kept-as-was-nothing = { $config_path } reste tel quel ; rien n'a été écrit
init-dossier-company-name = Dossier (le nom de l'entreprise)
init-mijn-winkel = Mon magasin
init-dagkas-today-not-date = DAGKAS_TODAY={ $t } n'est pas une date
init-pos-mplus-lightspeed-or = Caisse (mplus, lightspeed ou file)
init-days-read-from-pos = Nombre de jours à lire de la caisse
init-number-days-not-whole = le nombre de jours n'est pas un nombre entier
init-unknown-pos-mplus-lightspeed = caisse inconnue { $other } : mplus, lightspeed ou file
init-register-tickets-looks-web = La caisse { $r } ({ $count } { $count ->
    [one] ticket
   *[other] tickets
  }, { $amount }) ressemble à une boutique en ligne. Laisser ses ventes de côté
init-first-day-day-book = Premier jour du journal
init-first-day-not-date = le premier jour n'est pas une date comme 2026-03-01
init-cash-drawer-at-start = Espèces dans le tiroir au début de ce jour
init-opening-cash-not-amount = le fonds de caisse n'est pas un montant comme 150.00
init-proposed-config-not-valid = la config proposée n'est pas valide :{"\u000A"}{ $shown }
init-not-mapped-yet-their = pas encore associé (leurs jours vous attendent, R12) : { $count ->
    [one] groupe de TVA
   *[other] groupes de TVA
  } { $groups }
init-run-first-sync-now = Lancer la première synchronisation maintenant
init-read-from-documents = {"\u000A"}Lu depuis { $read_from } : { $documents } { $documents ->
    [one] document
   *[other] documents
  }.
init-payment-methods = Moyens de paiement
init-map-expected-vat-code = --map { $m } : attendu vat:CODE=CATEGORIE ou method:CODE=MOYEN
init-map-category-not-one = --map { $m } : la catégorie { $target } n'est pas l'une de { $known }
init-map-each-vat-group = Associez chaque groupe de TVA à un taux (21, 12, 9, 6, 0) ou une catégorie ({ $categories } ou ignore ; ? le laisse à l'écran de révision) :
init-map-each-payment-method = Associez chaque moyen de paiement (un code de la proposition comme CASH, BC, MAESTRO, PAYCONIQ, MAALTIJD, VVV, un nouveau code, ou ignore) :
init-set-environment-variable-secret = définissez d'abord la variable d'environnement { $var } avec le secret (il ne va jamais dans la config)
init-environment-variable-with-mpluskassa = Variable d'environnement avec le secret MplusKASSA
init-mpluskassa-needs-its-api = MplusKASSA demande son adresse d'API et son ident
init-lightspeed-account-id = Identifiant de compte Lightspeed
init-lightspeed-client-id = Identifiant client Lightspeed
init-environment-variable-with-client = Variable d'environnement avec le secret client
init-lightspeed-needs-account-id = Lightspeed demande l'identifiant de compte et l'identifiant client
init-lightspeed-account-since = Compte Lightspeed { $account_id } depuis le { $from }
init-jsonl-file-pos-documents = Le fichier JSONL des documents de caisse (son format : RULES.md)
init-file-source-needs-file = la source file demande un fichier
init-file-has-bad-lines = le fichier a des lignes erronées ; corrigez-les d'abord :{"\u000A"}{ $bad }
init-next-dagkas-config-data = ensuite : dagkas --config { $config_path } --data { $data_dir }   (l'écran de révision)

## Connecteurs et enregistrements du stockage
pos-authorization-was-refused-run = l'autorisation a été refusée ; relancez dagkas login
pos-bad-time-day = heure erronée
pos-empty-timestamp = horodatage vide
pos-invalid-xml-at-byte = XML invalide à l'octet { $byte } : { $e }
pos-invoice-payment-without-paymentid = paiement de facture sans paymentId
pos-invoice-without-financialdate = facture sans financialDate
pos-invoice-without-invoiceid = facture sans invoiceId
pos-lightspeed-request = une requête Lightspeed
pos-missing-entrytimestamp = entryTimestamp manquant
pos-more-than-one-root = plus d'un élément racine
pos-not-date = { $y }-{ $m }-{ $d } n'est pas une date
pos-not-number = { $key } { $t } n'est pas un nombre
pos-not-whole-number = { $name } n'est pas un nombre entier
pos-order-payment-without-entrytimestamp = paiement de commande sans entryTimestamp
pos-order-payment-without-paymentid = paiement de commande sans paymentId
pos-order-without-orderid = commande sans orderId
pos-pages-never-end = les pages ne finissent jamais
pos-payment-without-method = paiement sans moyen de paiement
pos-receipt-without-receiptid = ticket sans receiptId
pos-sale-not-time = vente { $id } : { $key } { $t } n'est pas une heure
pos-sale-payment-without-type = vente { $id } : paiement sans type
pos-sale-without-saleid = vente sans saleID
pos-sync-markers-went-backwards = { $op } : les marqueurs de synchro ont reculé
pos-time-that-does-not = une heure qui n'existe pas dans le fuseau horaire
pos-token-answer-broke-off = la réponse du jeton s'est interrompue ({ $reason })
pos-token-answer-not-json = la réponse du jeton n'est pas du JSON
pos-token-answer-without-access = réponse du jeton sans access_token ni refresh_token
pos-vatgroup-without-vatcode = vatGroup sans vatCode
pos-without-syncmarker = { $op } : un { $item } sans syncMarker
pos-xml-nested-too-deep = XML trop imbriqué
store-amount-tag = une marque de montant { $b }
store-bytes-after-document = { $bytes } { $bytes ->
    [one] octet
   *[other] octets
  } après le document
store-damaged-amount = un montant endommagé
store-day-number = un numéro de jour { $days }
store-flag-byte = un octet d'indicateur { $b }
store-length-that-does-not = une longueur qui ne finit pas
store-list-bytes = une liste de { $n } en { $bytes } { $bytes ->
    [one] octet
   *[other] octets
  }
store-negative-nanoseconds = des nanosecondes négatives
store-record-cut-short = l'enregistrement est tronqué
store-text-that-not-utf = un texte qui n'est pas en UTF-8
store-time = une heure de { $secs } s
store-unknown-cash-kind = un type de mouvement de caisse inconnu
store-unknown-document-kind = un type de document inconnu { $k }
store-utc-offset = un décalage UTC de { $offset } s
store-in-use = stockage occupé : { $dir } est resté occupé par un autre processus dagkas plus longtemps que DAGKAS_LOCK_WAIT (600 s par défaut) ; réessayez plus tard
store-newer-schema = le stockage dans { $dir } a été écrit par un dagkas plus récent (schéma { $found }, celui-ci lit { $schema }) ; mettez dagkas à jour
store-cannot-open = impossible d'ouvrir le stockage dans { $dir } : { $reason }
store-corrupt = le stockage contient un enregistrement illisible sous { $key } : { $message }
pos-err-config = configuration : { $reason }
pos-err-transport = le serveur de caisse est injoignable : { $reason }
pos-err-http = le serveur de caisse a répondu HTTP { $status } à { $call }
pos-err-fault = le serveur de caisse a refusé l'appel : { $code } : { $message }
pos-err-invalid = la réponse du serveur de caisse est inutilisable : { $reason }
pos-err-too-large = la réponse du serveur de caisse dépasse { $mib } MiB ; refusée
pos-err-redirect = le serveur de caisse a redirigé l'appel ailleurs (HTTP { $status }) ; les redirections sont refusées
pos-answer-timeout = la réponse n'est pas arrivée à temps (délai dépassé pendant la lecture)
pos-answer-broke-off = la réponse s'est interrompue ({ $reason })
pos-answer-not-utf8 = la réponse n'est pas en UTF-8
pos-sale-without = vente { $id } sans { $key }

## The command line's help (the English ones are the help texts of src/cli.rs)
cli-cmd-dagkas = Livre des recettes journalières et livre de caisse à partir des données de caisse
cli-arg-dagkas-config = La config du dossier (par défaut : $DAGKAS_CONFIG, sinon le dossier de config XDG)
cli-arg-dagkas-data = Le dossier de données qui contient le stockage (par défaut : $DAGKAS_DATA, sinon le dossier de données XDG)
cli-cmd-tui = L'écran de révision (aussi ce qu'ouvre `dagkas` seul)
cli-cmd-init = Mettre en place un dossier d'après ce que montre la caisse : pose des questions (ou prend des options), lit les derniers jours sans les stocker, propose une association pour chaque code et écrit dagkas.toml
cli-arg-init-dossier = Le nom du dossier (l'entreprise)
cli-arg-init-pos = La caisse : mplus, lightspeed ou file
cli-arg-init-url = MplusKASSA : l'adresse de l'API (https://…:PORT)
cli-arg-init-ident = MplusKASSA : l'ident
cli-arg-init-secret-env = MplusKASSA : la variable d'environnement qui contient le secret
cli-arg-init-account-id = Lightspeed : l'identifiant de compte
cli-arg-init-client-id = Lightspeed : l'identifiant client OAuth
cli-arg-init-client-secret-env = Lightspeed : la variable d'environnement qui contient le secret client
cli-arg-init-refresh-token-env = Lightspeed : une variable d'environnement qui contient un jeton de rafraîchissement (sinon une connexion dans le navigateur)
cli-arg-init-api-url = Lightspeed : les adresses de l'API et du jeton (un serveur de test local)
cli-arg-init-path = Un fichier JSONL de documents §3 (la source `file`)
cli-arg-init-days = Combien de jours lire en arrière dans la caisse
cli-arg-init-start = Le premier jour du journal (par défaut : le premier jour lu)
cli-arg-init-maps = Une association qui remplace la proposition : vat:CODE=CATEGORIE ou method:CODE=MOYEN (CATEGORIE/MOYEN peut être `ignore`) ; répétable
cli-arg-init-yes = Accepter chaque proposition sans demander
cli-arg-init-force = Remplacer une config existante sans demander
cli-arg-init-sync = Lancer la première synchronisation une fois la config écrite (demandé sinon)
cli-arg-init-no-sync = Ne pas lancer la première synchronisation
cli-cmd-completions = Complétions du shell pour bash, zsh ou fish, sur la sortie standard
cli-cmd-man = Pages de manuel (dagkas.1 et une par commande) dans un dossier, ou dagkas.1 sur la sortie standard
cli-cmd-demo = Un dossier de démonstration prêt : une boutique générée avec des jours à problème, ouverte dans l'écran de révision
cli-arg-demo-no-tui = Construire seulement le dossier ; ne pas ouvrir l'écran de révision
cli-cmd-login = Connexion OAuth2 pour une source Lightspeed ; le jeton de rafraîchissement va dans un fichier en 0600
cli-cmd-sync = Récupérer chaque source depuis son curseur, à chaque intervalle, jusqu'à l'arrêt
cli-arg-sync-once = Un passage, puis arrêter
cli-arg-sync-log = Montrer les passages précédents
cli-cmd-import = Charger des documents de caisse (JSONL, son format dans RULES.md) comme documents d'une source
cli-arg-import-source = La source (par défaut : la seule source de type `file`)
cli-cmd-days = Lister les jours avec statut, totaux et blocages
cli-arg-days-book = Seulement ce journal
cli-cmd-edit = Modifier une ligne d'un jour proposé (R8)
cli-arg-edit-sets = TYPE:CODE=MONTANT, TYPE = turnover ou payment ; répétable
cli-arg-edit-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-confirm = Confirmer la plus longue série valide de jours jusqu'à DATE (R5, R7)
cli-arg-confirm-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-reopen = Rouvrir le dernier jour confirmé d'un journal (R9)
cli-arg-reopen-clock-was-ahead = Le jour a été confirmé alors que l'horloge de cette machine avançait : le rouvrir bien qu'il ne soit pas terminé selon l'horloge actuelle
cli-arg-reopen-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-resolve = Comptabiliser l'écart d'un jour confirmé comme correction (R10)
cli-arg-resolve-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-map = Associer un groupe de TVA ou un moyen de paiement de la caisse (R12)
cli-arg-map-mapping = vat:CODECAISSE=CATEGORIE ou method:CODECAISSE=MOYEN (ou =ignore)
cli-arg-map-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-invoices = Le registre des factures (R21)
cli-cmd-invoices-ignore = Placer une facture dans la liste des ignorées (conservée, avec qui, quand et pourquoi)
cli-arg-invoices-ignore-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-invoices-date = Remplacer la date d'imputation d'une ou plusieurs factures
cli-arg-invoices-date-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-centralise = Marquer les jours confirmés jusqu'à DATE comme centralisés (R20)
cli-arg-centralise-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-gen = Documents synthétiques pour les mesures et les démonstrations (déterministes par graine)
cli-arg-gen-start = La première date (par défaut : DAGKAS_TODAY ou aujourd'hui, moins DAYS)
cli-cmd-bench = Mesurer la vitesse et la mémoire sur des données générées, à côté de hledger ; affiche un tableau
cli-arg-bench-out = Écrire les chiffres en JSON ici
cli-arg-bench-years = Mesurer des boutiques de ces âges (années, 100 000 documents par an, p. ex. `1,5,10`) et montrer comment chaque chiffre croît avec l'historique ; remplace --docs et --days
cli-arg-bench-keep = Garder la boutique générée (config, documents, stockage) dans ce dossier pour l'essayer soi-même : `dagkas --config DIR/dagkas.toml --data DIR/store`
cli-cmd-export = Exporter le journal
cli-arg-export-with-invoices = csv : ajouter le registre des factures en lignes du journal `invoices`, type `invoice`
cli-cmd-check = Contrôler les chaînes, les soldes, le jamais-négatif, la chaîne d'audit et les totaux stockés
cli-cmd-config = Commandes de config
cli-cmd-config-validate = Signaler chaque problème de la config avec fichier, ligne et champ
cli-cmd-notify = Notifications (`[[notify]]` dans la config)
cli-cmd-notify-test = Envoyer un message de test par canal et montrer ce que chaque serveur a répondu
cli-cmd-audit = Afficher le journal d'audit
pg-not-a-url = pas une URL PostgreSQL : écrivez postgresql://UTILISATEUR@HÔTE:PORT/BASE
pg-bad-url = URL PostgreSQL inutilisable : { $reason }
pg-bad-schema = { $schema } n'est pas un nom de schéma que dagkas utilise : lettres minuscules, chiffres et _, 63 au plus, sans commencer par un chiffre ni par pg_
pg-cannot-connect = la base de données ({ $target }) est injoignable : { $reason }
pg-bad-root-cert = les autorités de certification dans { $file } (sslrootcert) sont illisibles : { $reason }
pg-tls-hint = le certificat du serveur n'a pas été accepté : indiquez son autorité avec `sslrootcert=FICHIER` dans l'URL
pg-connection-lost = la connexion au serveur a été perdue
pg-error = la base de données ({ $target }) a échoué : { $reason } ; rien de la modification inachevée n'a été gardé
cfg-expected-store-table = une table [store] était attendue
cfg-store-password-in-file = un mot de passe ne va jamais dans la config : définissez PGPASSWORD ou écrivez-le dans ~/.pgpass (mode 0600)
tui-store-back = la base de données est de retour
cli-cmd-store = Commandes du stockage
cli-cmd-store-copy = Copier tout le stockage du dossier (documents et versions, jours, modifications, correspondances, audit, curseurs de synchronisation) vers un schéma PostgreSQL ou un répertoire de données vide ; les jetons restent des fichiers
cli-arg-store-copy-to = postgresql://UTILISATEUR@HÔTE:PORT/BASE[?schema=NOM], ou un répertoire de données
store-copy-target-not-empty = { $target } contient déjà des livres : une copie ne va que dans un stockage vide (rien n'a été écrit)
store-unfinished-copy = { $target } contient une copie interrompue : relancez dagkas store copy --to vers lui (ou supprimez-le)
store-copy-same = le stockage du dossier s'y trouve déjà
store-copied = { $records } { $records ->
    [one] enregistrement copié
   *[other] enregistrements copiés
  } vers { $target }
store-copied-use-url = pour y travailler, écrivez dans [store] de la config : url = "{ $url }" (ou définissez DAGKAS_STORE_URL) ; le mot de passe reste dans PGPASSWORD ou ~/.pgpass
store-copied-use-dir = pour y travailler, retirez [store] de la config et utilisez --data { $dir }
cli-arg-bench-store = Importer aussi dans cette base PostgreSQL (un schéma à part, supprimé ensuite) et mettre ses chiffres à côté de ceux du stockage intégré
cli-arg-bench-first-frame = La mesure propre au bench de la première image d'un écran, prise dans un nouveau processus sur le dossier de --config et --data : affiche des millisecondes
amount-ambiguous = le montant « { $text } » peut signifier { $whole } ou { $fraction } : écrivez l'un des deux
amount-other-notation = le montant « { $text } » n'est pas écrit comme le français écrit les montants (par exemple { $example })
blocker-waiting = en attente de ses données : la source { $source } n'a pas encore eu de synchronisation réussie après la fin de ce jour (dernière réussie { $last })
blocker-waiting-never = en attente de ses données : la source { $source } n'a encore eu aucune synchronisation réussie
blocker-waiting-later-document = en attente de ses données : la source { $source } est complète pour un jour dès qu'un document d'un jour suivant est arrivé (dernier document du { $last })
cfg-unknown-complete = valeur inconnue { $value } : « imported » (un jour est complet tel qu'importé) ou « later_document » (un jour est complet dès qu'un document d'un jour suivant est arrivé)
sync-held = { $count } { $count ->
    [one] retenu
   *[other] retenus
  } pour une décision
sync-more-held = encore { $count } : dagkas held
sync-undated-held = la source { $source } a envoyé ce qui ne peut être placé sur un jour ({ $documents }) : la synchronisation s'arrête avant et n'enregistre rien jusqu'à ce qu'une personne décide (dagkas held leave-out { $source } { $first } --reason …)
held-superseded = la caisse a envoyé une version que le livre peut prendre
blocker-held = retenu : { $what } { $document } de la source { $source } ne peut être comptabilisé tel qu'envoyé{ $amounts } : { $reason } (décidez avec dagkas held)
held-amounts = {" "}(chiffre d'affaires { $turnover }, paiements { $payments })
held-paid = {" "}(payé { $payments })
held-needs-reason = une décision sur un document retenu demande un motif (--reason)
held-unknown = la source { $source } ne retient aucun document { $id } (dagkas held les liste)
held-already-decided = { $id } a déjà été décidé ({ $choice }, par { $author })
held-not-bookable = { $id } ne peut être comptabilisé tel qu'envoyé ({ $reason }) : laissez-le de côté et saisissez ce qu'il aurait dû être comme modification de son jour
held-decided-book = { $what } { $id } comptabilisé tel qu'envoyé le { $date }
held-decided-leave-out = { $what } { $id } laissé hors du livre
held-none = rien n'est retenu
col-held-document = document
col-decision = décision
cli-cmd-held = Ce que la caisse a envoyé et que le livre n'a pu prendre tel quel, retenu sur son jour jusqu'à ce qu'une personne décide
cli-arg-held-json = En JSON
cli-cmd-held-book = Comptabiliser un document retenu tel que la caisse l'a envoyé (R1 montre son jour déséquilibré jusqu'à correction)
cli-arg-held-book-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-held-leave-out = Laisser volontairement un document retenu hors du livre
cli-arg-held-leave-out-author = Qui le fait (par défaut : l'utilisateur du système)
col-reason = motif
pos-unknown-receipt-type = type de ticket inconnu { $kind }
tui-held = Retenus pour une décision ({ $count })
tui-held-open = ouvert
tui-held-decided = { $choice }
tui-no-held = rien n'est retenu ce jour
tui-held-not-bookable = il ne peut être comptabilisé tel qu'envoyé : laissez-le de côté et saisissez ce qu'il aurait dû être comme modification
tui-held-title = { $what } { $id } retenu le { $date }
tui-held-leave-out = laisser de côté
tui-held-book = comptabiliser tel qu'envoyé
tui-held-book-not = comptabiliser tel qu'envoyé (impossible)
tui-held-keys = Tab choisir · Entrée décider · Échap annuler
action-decide_held = Décider d’un document retenu
alert-held = { $book } { $date } : { $source } a envoyé { $document }, que le livre ne peut prendre tel quel ({ $reason }) : décidez avec dagkas held ou la touche h de l'écran de revue.
import-held = { $source } : { $count } { $count ->
    [one] document retenu
   *[other] documents retenus
  } pour une décision
log-source-held = source { $source } { $held } { $held ->
    [one] retenu
   *[other] retenus
  }, { $open } en attente d'une décision · données complètes jusqu'au { $whole }
pg-schema-of-another-dossier = le schéma { $schema } contient le dossier « { $other } », pas « { $dossier } » : donnez à ce dossier un schéma à lui (schema = "…" sous [store]) ou, s'il s'agit du même dossier renommé, nommez ce schéma-là
amount-out-of-range = le montant « { $text } » dépasse ce que le livre accepte (au plus { $max } dans les deux sens)
doc-amount-out-of-range = { $field } { $amount } dépasse ce que le livre accepte (au plus { $max } dans les deux sens)
pos-number-out-of-range = { $key } { $t } est hors des limites d’un montant ou d’un taux
led-dagkas-today-out-of-range = DAGKAS_TODAY { $s } est hors de { $from } … { $to }
cfg-source-name-chars = le nom d'une source { $name } peut contenir des lettres, des chiffres, « - », « _ » et « . » (pas en premier) : il devient un nom de fichier
cfg-bad-timeout = { $value } n'est pas une durée comme « 30s », « 10m » ou « 1h »
cfg-bad-max-body = { $value } n'est pas un nombre entier de MiB de 1 à 4096
sync-schedule-lost = le planning de synchronisation n'est plus détenu (la base de données a disparu ou redémarré) : aucune exécution jusqu'à ce qu'il le soit à nouveau
sync-schedule-again = le planning de synchronisation est à nouveau détenu
tui-sync-stopped = la synchronisation s'est arrêtée de façon inattendue : { $reason } (rien n'en a été enregistré ; l'écran continue)
tui-action-stopped = l'action s'est arrêtée de façon inattendue : { $reason }
pg-commit-unknown = la base de données ({ $target }) a disparu pendant l'enregistrement d'une modification ({ $reason }) et n'a pu être interrogée depuis pour savoir s'il a eu lieu : `dagkas audit` montre si l'entrée { $seq } est là
doc-id-control = l'identifiant « { $id } » contient un caractère de contrôle
import-committed-then = le lot { $batch } est enregistré et conservé ; ce qui le suit a échoué : { $reason }
sync-connector-stopped = le connecteur s'est arrêté sur ce que la caisse a envoyé : { $reason }
cli-arg-held-book-source = La source qui l'a envoyé
cli-arg-held-book-id = L'identifiant du document tel que la caisse l'a donné (dagkas held les liste)
cli-arg-held-book-reason = Pourquoi : conservé dans le journal d'audit
cli-arg-held-leave-out-source = La source qui l'a envoyé
cli-arg-held-leave-out-id = L'identifiant du document tel que la caisse l'a donné (dagkas held les liste)
cli-arg-held-leave-out-reason = Pourquoi : conservé dans le journal d'audit
chain-not-laid = les jours n'ont pas été préparés pour la prochaine liste ({ $reason }) ; la modification elle-même est conservée, et la commande suivante les prépare
config-missing = il n'y a pas encore de config ici. Créez un dossier avec `dagkas init` (il demande ce qu'il lui faut), ou essayez la boutique de démonstration avec `dagkas demo` ; `--config FICHIER` désigne une autre config
os-permission-denied = permission refusée
os-not-found = fichier ou dossier introuvable
os-is-a-directory = c'est un dossier
pos-refused = { $address } a refusé la connexion : aucun serveur de caisse n'y écoute (l'adresse et le port sont-ils justes, tourne-t-il ?)
pos-unreached = { $address } : { $cause }
pos-cause-timeout = pas de réponse à temps
pos-cause-name = ce nom est introuvable (l'adresse est-elle bien écrite ?)
pos-cause-not-tls = on n'y parle pas TLS (http:// au lieu de https://, ou l'inverse ?)
pos-cause-certificate = son certificat n'est pas accepté : { $reason }
init-map-not-seen = avertissement : { $m } : la caisse n'a montré aucun { $code } dans les jours lus ; la correspondance est gardée pour quand il viendra
cli-arg-init-opening-cash = L'argent dans le tiroir au début du premier jour, écrit comme l'écran écrit les montants (par défaut : demandé ; 0,00 avec --yes)
blocker-negative-first-day = l'argent au début de ce premier jour est l'opening_balance du journal de caisse { $journal } dans la config : mettez-y ce que le tiroir contenait (ou comptez le tiroir avec un open_count)
init-wrote-secrets = les secrets sont dans { $file } (vous seul pouvez le lire) : le service de synchronisation les y lit
init-secrets-not-written = les secrets n'ont pas été écrits dans { $file } : { $reason } ; le service de synchronisation en a besoin là (VAR=valeur, chmod 600)
init-secret-multiline = { $var } contient un saut de ligne : écrivez-le vous-même dans le fichier des secrets
tui-legend = Ce que signifient les signes
tui-legend-proposed = proposé : attend la revue d'une personne
tui-legend-confirmed = confirmé : dans le livre
tui-legend-centralised = centralisé : en comptabilité, verrouillé (R20)
tui-legend-blocked = un blocage : le volet du livre dit lequel
tui-legend-waiting = attend ses données : pas encore confirmable
tui-legend-overdue = en retard : attend la revue trop longtemps (R4)
tui-legend-drift = dérive : document modifié après confirmation (R10)
tui-legend-marked = marqué pour une confirmation groupée (Espace)
tui-legend-chain = la caisse ouvre avec la clôture de la veille (R5)
tui-help-keys = j/k défiler · Échap, ? ou q ferme
tui-nothing-to-reopen = le journal { $book } n'a aucun jour confirmé non centralisé : rien à rouvrir (R9)
tui-resolve-cancelled = l'écart n'a pas été comptabilisé
tui-resolve-title = Comptabiliser l'écart de { $book } { $date }
tui-resolve-what = Une correction sur le premier jour ouvert (R10) :
tui-resolve-keys = y ou Entrée comptabilise · n ou Échap annule
tui-amount-takes = « { $c } » ne fait pas partie d'un montant : le montant prend des chiffres, une virgule ou un point et un moins ; Tab va au motif
store-key-without-batch = une clé trop courte pour nommer son lot
tui-hint-move = jour
tui-hint-problem = problème
tui-hint-approve = approuver
tui-hint-edit = modifier
tui-hint-confirm = confirmer
tui-hint-mark = marquer
tui-hint-map = associer
tui-hint-held = retenu
tui-hint-help = aide
tui-hint-quit = quitter
init-not-an-address = { $a } n'est pas une adresse comme https://api.example.be:44300
init-vat-group-question = { "  " }Groupe de TVA { $code } ({ $lines ->
    [one] { $lines } ligne
   *[other] { $lines } lignes
 }, { $amount }) : taux ou catégorie
init-vat-rate-needed = le taux de ce groupe ne se déduit pas de la caisse : donnez son taux (21, 12, 9, 6, 0), une catégorie, ignore, ou ? pour l'associer plus tard à l'écran de révision
init-vat-answer-not-category = { $a } n'est ni un taux (21, 12, 9, 6, 0) ni une catégorie
init-method-question = { "  " }Moyen de paiement { $name } ({ $payments ->
    [one] { $payments } paiement
   *[other] { $payments } paiements
 }, { $amount })
config-add-code-taken = { $code } figure déjà dans { $file } : choisissez-le dans la liste, ou un autre code
tui-map-new-category = une nouvelle catégorie de TVA…
tui-map-new-method = un nouveau moyen de paiement…
tui-map-cancelled = Association annulée : rien n'a changé.
tui-create-for = Pour { $what } { $code }, ajouté à la config :
tui-create-rate = Taux %
tui-create-code = Code
tui-create-name = Nom
tui-create-account = Compte
tui-create-keys = Entrée suivant, puis ajouter · Tab champ · Échap annuler
tui-create-category-title = Nouvelle catégorie de TVA
tui-create-method-title = Nouveau moyen de paiement
tui-create-field-empty = { $field } est vide
tui-added-and-mapped = { $code } ajouté à { $file } ; { $mapped }
syn-login-input-ended = la connexion s'est arrêtée : l'entrée s'est fermée avant qu'un code soit collé ou que le navigateur revienne. Donnez un jeton de rafraîchissement (`--refresh-token-env` avec `init`, `refresh_token_env` dans la config), ou lancez `dagkas login { $source }` dans un terminal et collez l'adresse que montre le navigateur.
cli-arg-init-token-url = Lightspeed : l'adresse des jetons (par défaut celle de Lightspeed)
cli-arg-completions-shell = Le shell : bash, zsh ou fish
cli-arg-man-out = Écrire chaque page dans ce répertoire
cli-arg-login-source = La source Lightspeed de la config
cli-arg-import-files = Les fichiers JSONL, lus dans l'ordre en un seul lot
cli-arg-days-from = Le premier jour listé (AAAA-MM-JJ)
cli-arg-days-to = Le dernier jour listé (AAAA-MM-JJ ; par défaut hier)
cli-arg-days-json = En JSON, chaque montant de chaque jour
cli-arg-edit-date = Le jour (AAAA-MM-JJ)
cli-arg-edit-book = Le journal
cli-arg-edit-reason = Pourquoi : conservé dans le journal d'audit
cli-arg-confirm-through = Le dernier jour à confirmer (AAAA-MM-JJ)
cli-arg-confirm-book = Seulement ce journal (par défaut : chaque journal)
cli-arg-reopen-date = Le jour (AAAA-MM-JJ) : le dernier jour confirmé du journal
cli-arg-reopen-book = Le journal
cli-arg-reopen-reason = Pourquoi : conservé dans le journal d'audit
cli-arg-resolve-date = Le jour confirmé avec un écart (AAAA-MM-JJ)
cli-arg-resolve-book = Le journal
cli-arg-map-book = Le journal dont l'association change
cli-arg-invoices-json = En JSON
cli-arg-invoices-book = Seulement les factures de ce journal
cli-arg-invoices-ignore-id = L'identifiant de la facture
cli-arg-invoices-ignore-reason = Pourquoi : conservé dans le journal d'audit
cli-arg-invoices-date-ids = Les identifiants des factures
cli-arg-invoices-date-date = La date de comptabilisation (AAAA-MM-JJ)
cli-arg-invoices-date-reason = Pourquoi : conservé dans le journal d'audit
cli-arg-centralise-through = Le dernier jour confirmé à marquer (AAAA-MM-JJ)
cli-arg-gen-docs = Combien de documents
cli-arg-gen-days = Sur combien de jours
cli-arg-gen-branches = Combien de succursales
cli-arg-gen-seed = La graine : la même graine donne les mêmes documents
cli-arg-gen-format = jsonl (documents) ou hledger (un journal des mêmes ventes)
cli-arg-gen-out = Écrire ici (par défaut : la sortie standard)
cli-arg-bench-docs = Combien de documents générer
cli-arg-bench-days = Sur combien de jours
cli-arg-export-format = csv, hledger, yuki ou xaf
cli-arg-export-from = Le premier jour (AAAA-MM-JJ ; par défaut le premier confirmé)
cli-arg-export-to = Le dernier jour (AAAA-MM-JJ ; par défaut le dernier confirmé)
cli-arg-export-out = Écrire ici (par défaut : la sortie standard)
cli-arg-audit-json = En JSON, une entrée par ligne avec son empreinte
key-space = Espace
key-enter = Entrée
key-esc = Échap
field-label = { $label } :
cli-usage = Utilisation :
cli-commands = Commandes :
cli-arguments = Arguments :
cli-options = Options :
cli-print-help = Afficher l'aide
cli-print-version = Afficher la version
cli-error = erreur :
cli-tip = astuce :
cli-more-information = Pour en savoir plus, essayez '--help'.
tui-vat-groups-incl = Groupes de TVA (TTC)
init-seen-vat-groups = Groupes de TVA
init-seen-branches = Succursales
init-seen-registers = Caisses
init-seen-none = aucun
init-seen-drawers = { $count ->
    [one] Tiroir-caisse
   *[other] Tiroirs-caisses
  } : { $drawers }
firm-name-it = nommez le répertoire du cabinet : --firm RÉP (un dossier par client, chacun avec son dagkas.toml), ou DAGKAS_FIRM
firm-no-dossiers = aucun dossier dans { $dir } : chaque dossier est un répertoire avec son dagkas.toml
firm-col-dossier = Dossier
firm-col-review = À revoir
firm-col-overdue = Retard
firm-col-blocked = Bloqué
firm-col-drift = Écart
firm-col-held = Retenu
firm-col-confirmed = Confirmé jusqu'au
firm-col-centralised = Centralisé
firm-col-sync = Dernière synchro
firm-cannot-read = illisible : { $reason }
firm-no-run-yet = pas encore de synchro
firm-run-ok = { $at } par { $by }
firm-run-failed = { $at } échouée : { $reason }
firm-notifications-waiting = { $count } { $count ->
    [one] notification en attente
   *[other] notifications en attente
  }
cli-cmd-dossiers = Les dossiers d'un cabinet côte à côte, ce qui demande de l'attention d'abord : jours à revoir et en retard, blocages, écarts, documents retenus, le dernier jour confirmé et centralisé, la dernière synchro réussie de chaque source
cli-arg-dossiers-firm = Le répertoire du cabinet : un dossier par client avec son dagkas.toml (par défaut : $DAGKAS_FIRM)
cli-arg-dossiers-json = En JSON, une ligne par dossier
cli-arg-sync-firm = Servir chaque dossier du répertoire d'un cabinet (un dossier par client) dans ce seul processus
cli-arg-sync-parallel = Avec --firm : combien de synchros peuvent interroger leur caisse en même temps
firm-cannot-open = { $name } est illisible : la liste dit pourquoi
firm-overview-count = { $count ->
    [one] { $count } dossier
   *[other] { $count } dossiers
  }
firm-overview-title = Dossiers, ce qui demande de l'attention d'abord
firm-overview-none = aucun dossier : un répertoire par dossier, chacun avec son dagkas.toml
firm-short-review = Revoi
firm-short-overdue = Retd
firm-short-blocked = Bloq
firm-short-drift = Écart
firm-short-held = Ret
firm-short-confirmed = Confirmé jusqu'au
firm-sync-failed-short = synchro échouée
firm-overview-hints = j k bouger  Entrée ouvrir  / filtrer  r relire  ? aide  q quitter
firm-overview-help-title = Les dossiers du cabinet
firm-overview-help = j k, ↓ ↑    bouger ; g G premier, dernier
    Entrée     ouvrir l'écran de révision du dossier (q ou Échap y revient ici)
    /          filtrer par nom ou répertoire ; Échap l'efface
    r          relire les dossiers (toutes les 10 s de lui-même)
    q          quitter
    Revoi : jours à revoir · Retd : en retard (R4) · Bloq : jours bloqués
    Écart : jours confirmés modifiés depuis · Ret : documents retenus
    Rouge : illisible, synchro échouée ou bloqué · Jaune : retard, écart ou retenu
cli-arg-tui-firm = Le répertoire d'un cabinet : ses dossiers côte à côte, chacun ouvert avec Entrée (par défaut : $DAGKAS_FIRM)
pg-read-only = la base de données ({ $target }) laisse ce rôle lire le dossier, pas le modifier : rien n'a été modifié. Un comptable a besoin de INSERT, UPDATE et DELETE sur les tables du schéma { $schema } (le README donne les lignes GRANT)
pg-no-access = ce rôle ne peut pas utiliser le schéma { $schema } du dossier dans la base de données ({ $target }) : demandez USAGE sur celui-ci, et SELECT pour lire (le README donne les lignes GRANT)

## La config qu'un dossier PostgreSQL garde lui-même (décision 93)
kept-name-the-schema = l'adresse { $address } ne désigne pas de dossier : ajoutez ?schema=NOM (le schéma du dossier)
kept-none = le dossier à { $address } ne garde pas encore de config : enregistrez-en une avec `dagkas config load FICHIER --store { $address }`
kept-name = version { $version } de la config gardée à { $address }
kept-file-differs = ce dossier garde sa config dans son stockage (version { $version }, enregistrée par { $by } le { $at }), et ce fichier de config décrit les livres autrement ; il n'est donc pas utilisé. Ouvrez le dossier par sa seule adresse (`--store postgresql://…?schema=NOM`), ou rendez le fichier identique avec `dagkas config show` ; pour changer la config, `dagkas config edit` ou `dagkas config load FICHIER`
config-changed-since-read = la config a été modifiée depuis que vous l'avez lue (version { $version }, par { $by } le { $at }) : rien n'a été enregistré. Relisez-la avec `dagkas config show` et faites-y votre modification
config-new-text = la nouvelle config
config-the-kept = la config gardée dans le dossier
config-kept-version = enregistrée : version { $version } de la config de { $dossier }
config-written = enregistré : { $file }
config-unchanged = la config n'a pas changé : rien à enregistrer
config-load-which-version = ce dossier garde la version { $version } de sa config : indiquez avec --over N de quelle version part votre texte (la première ligne qu'écrit `dagkas config show` le dit), afin qu'une modification faite entre-temps ne soit pas défaite
config-no-such-version = il n'y a pas de version { $version } de la config
config-no-versions = aucune version n'est gardée : la config de ce dossier est { $file }
config-in-force = en vigueur
config-text-kept = votre texte est gardé dans { $path } : comparez-le avec `dagkas config show`, puis enregistrez-le avec `dagkas config load { $path } --over N`, N étant la version en vigueur
config-edit-again = La modifier encore ?
config-editor-failed = l'éditeur ({ $editor }) a échoué : { $reason }
cli-arg-dagkas-store = Un dossier PostgreSQL par sa seule adresse, qui garde lui-même sa config (postgresql://UTILISATEUR@HÔTE/BASE?schema=NOM)
cli-cmd-config-show = Affiche la config en vigueur (une version gardée, avec une première ligne qui la nomme)
cli-arg-config-show-version = Une version gardée antérieure
cli-cmd-config-edit = Modifie la config dans un éditeur ($VISUAL, $EDITOR, sinon vi) : lue comme config et confrontée aux jours confirmés avant d'être enregistrée, refusée si quelqu'un l'a modifiée entre-temps (votre texte est gardé)
cli-arg-config-edit-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-config-load = Enregistre un fichier comme config du dossier : un dossier PostgreSQL la garde dans son stockage comme nouvelle version ; un dossier en répertoire de données, dans son fichier de config
cli-arg-config-load-file = Le texte de la config (de `dagkas config show`, ou écrit à la main)
cli-arg-config-load-over = La version gardée dont part le texte (par défaut : celle que nomme sa première ligne)
cli-arg-config-load-author = Qui le fait (par défaut : l'utilisateur du système)
cli-cmd-config-versions = Les versions gardées de la config : qui a enregistré chacune, et quand
cli-arg-bench-firm = Mesure un cabinet de N dossiers d'un an chacun : sa liste, la première image de la vue d'ensemble et un tour de son service ; remplace --docs et --days
cli-arg-bench-overview-frame = La mesure propre du bench de la première image de la vue d'ensemble du cabinet avec ses lignes, prise dans un processus neuf : affiche des millisecondes
kept-no-dossier = il n'y a pas de dossier à { $target } : vérifiez le nom du schéma (`dagkas dossiers --firm` avec l'adresse de la base les énumère), ou chargez une config pour en créer un avec `dagkas config load FICHIER --store ADRESSE`
config-file-changed-since-read = la config a été modifiée depuis que vous l'avez lue ({ $file }) : rien n'a été enregistré. Relisez-la et faites-y votre modification
